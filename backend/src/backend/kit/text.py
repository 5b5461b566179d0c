"""Rules for text and digits a client sends, each in one place.

- No text input may hold a NUL character: PostgreSQL cannot store one, so a
  `\\x00` is refused up front (`NO_NUL_PATTERN`, `check_no_nul`).
- A single-line field (a book's or a person's name) holds no control
  character (C0, DEL, C1, and the line and paragraph separators U+2028/U+2029)
  and no bidirectional embedding, override or isolate (U+202A-U+202E,
  U+2066-U+2069), which could reorder what a reader sees. Invisible characters
  (spaces, format characters such as zero-width characters, the BOM, the soft
  hyphen and direction marks, fillers, variation selectors and tags) around
  the value are trimmed. A value must show something: at least one visible
  character, a letter, number, punctuation mark or symbol (Unicode categories
  L, N, P, S) that is not a filler; a value with none is empty. Inside a
  value invisible characters are kept: a joiner belongs in an emoji or a
  Persian word.
- Paragraphs (a review's body) follow the single-line rule but keep line
  breaks and tabs: a CR LF or a lone CR becomes a LF, and invisible
  characters and blank lines around the value are trimmed
  (`clean_paragraphs`).
- A password holds no control character and at least one visible character;
  nothing is trimmed (`check_password_text`).
- Only ASCII digits are digits: `int()` and `str.isdigit()` also accept
  Arabic-Indic, fullwidth or superscript digits, so a number typed by a client
  is checked with `ASCII_INTEGER` before it is converted.

Each rule has a pattern a transport can declare in its schema (REST states it
in the OpenAPI document) and a function the domain rules call. The functions
decide by Unicode category, which a portable pattern cannot name: the
patterns list the invisible characters of the Basic Multilingual Plane by
hand, so the server is the stricter (see `_NOT_VISIBLE`).
"""

import re
import unicodedata

from backend.errors import InvalidFieldError

NO_NUL_PATTERN = r"^[^\x00]*$"

# Letters, numbers, punctuation and symbols that still show nothing: the
# Hangul fillers, the braille blank, and the object replacement character (a
# stand-in for an embedded object that is not there).
_FILLERS = frozenset("\u115f\u1160\u2800\u3164\uffa0\ufffc")
# Characters that show nothing (a regex class body), trimmed around a value:
# spaces of every width, zero-width characters, the word joiner, the BOM, the
# soft hyphen, fillers, invisible operators, deprecated format characters,
# variation selectors, interlinear annotation marks and the direction marks
# (which, unlike overrides, cannot reorder text).
_INVISIBLE = (
    r" \u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u180b-\u180f\u2000-\u200f"
    r"\u202f\u205f-\u2064\u206a-\u206f\u2800\u3000\u3164\ufe00-\ufe0f\ufeff"
    r"\uffa0\ufff9-\ufffc"
)
# Characters of the Basic Multilingual Plane that are not visible on their own
# though they are not trimmed: combining marks most often sent alone, Khmer's
# invisible vowels, private use, noncharacters and unassigned specials. The
# server also refuses every other mark, unassigned code point and character
# beyond U+FFFF with nothing visible; a portable pattern cannot name those
# beyond U+FFFF (validators in languages whose strings are UTF-8 refuse
# surrogate escapes), and listing every mark would make it kilobytes long.
_NOT_VISIBLE = (
    r"\u0300-\u036f\u0483-\u0489\u17b4\u17b5\u1ab0-\u1aff\u1dc0-\u1dff"
    r"\u20d0-\u20ff\ue000-\uf8ff\ufdd0-\ufdef\ufe20-\ufe2f\ufff0-\ufff8"
    r"\ufffe\uffff"
)
# C0 and C1 controls and DEL.
_CONTROLS = r"\x00-\x1f\x7f-\x9f"
# Controls, line and paragraph separators, bidi embeddings, overrides and
# isolates.
_FORBIDDEN_IN_LINE = rf"{_CONTROLS}\u2028\u2029\u202a-\u202e\u2066-\u2069"
# The same, but for tab, line feed and carriage return.
_FORBIDDEN_IN_PARAGRAPHS = (
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
)
# Lone surrogates cannot be stored as UTF-8. A schema pattern cannot name them
# (validators in languages whose strings are UTF-8 refuse the escape), so only
# the server's own check does.
_SURROGATES = r"\ud800-\udfff"


def _showing_something(forbidden: str) -> str:
    allowed = f"[^{forbidden}]"
    visible = f"[^{forbidden}{_INVISIBLE}{_NOT_VISIBLE}]"
    return f"^{allowed}*{visible}{allowed}*$"


SINGLE_LINE_PATTERN = _showing_something(_FORBIDDEN_IN_LINE)
"""One line with at least one visible character: a JSON-schema (ECMA) pattern,
without lookaround, so every validator and test-data generator can use it."""
PARAGRAPHS_PATTERN = _showing_something(_FORBIDDEN_IN_PARAGRAPHS)
"""Lines of text with at least one visible character (ECMA, as above)."""
PASSWORD_PATTERN = _showing_something(_CONTROLS)
"""No control character and at least one visible character (ECMA, as above)."""

_FORBIDDEN = re.compile(f"[{_FORBIDDEN_IN_LINE}{_SURROGATES}]")
_FORBIDDEN_IN_TEXT = re.compile(f"[{_FORBIDDEN_IN_PARAGRAPHS}{_SURROGATES}]")
_LINE_ENDS = re.compile(r"\r\n?")
_FORBIDDEN_IN_PASSWORD = re.compile(f"[{_CONTROLS}{_SURROGATES}]")
_TRIMMED_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cf"})
_VISIBLE_CATEGORIES = frozenset("LNPS")
ASCII_INTEGER = re.compile(r"[+-]?[0-9]+")
"""An integer written with ASCII digits and an optional sign (use `fullmatch`)."""
MAX_DATABASE_ID = 2**63 - 1
"""The largest id a BIGINT column holds."""
_DATABASE_ID = re.compile(r"[1-9][0-9]{0,18}")
DECIMAL_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
"""An integer in its one plain spelling: ASCII digits, no leading zero, a minus
sign only (use `fullmatch`); `1.0`, `1e2`, `+1` and `01` are not."""


def _attaches(character: str) -> bool:
    """Whether `character` modifies the one before it (variation selectors,
    tags of an emoji flag sequence, the grapheme joiner, Mongolian FVS)."""
    code = ord(character)
    return (
        0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0xE0000 <= code <= 0xE007F
        or character in "\u034f\u180b\u180c\u180d\u180f"
    )


def _is_trimmed(character: str) -> bool:
    return (
        unicodedata.category(character) in _TRIMMED_CATEGORIES
        or character in _FILLERS
        or _attaches(character)
    )


def _modifies_visible(value: str, index: int) -> bool:
    """Whether `value[index]` attaches, through other attaching characters,
    to a visible one (the emoji selector in `❤️`, a flag's tags)."""
    while index >= 0 and _attaches(value[index]):
        index -= 1
    return index >= 0 and is_visible(value[index])


def is_visible(character: str) -> bool:
    """Whether `character` shows something: a letter, number, punctuation mark
    or symbol (Unicode categories L, N, P, S) that is not a filler."""
    return (
        unicodedata.category(character)[0] in _VISIBLE_CATEGORIES
        and character not in _FILLERS
    )


def has_visible_character(value: str) -> bool:
    """Whether `value` holds at least one character `is_visible` accepts."""
    return any(is_visible(character) for character in value)


def check_no_nul(field: str, value: str) -> str:
    """Return `value` when it holds no NUL character.

    Raises:
        InvalidFieldError: on `field` when it does.
    """
    if "\x00" in value:
        raise InvalidFieldError(field, f"{field} must not contain NUL characters")
    return value


def _trimmed(value: str, *, also: str = "") -> str:
    """`value` without the invisible characters (and those of `also`) around
    it; empty when it has no visible character."""
    if not has_visible_character(value):
        return ""
    start, end = 0, len(value)
    while value[start] in also or _is_trimmed(value[start]):
        start += 1
    while value[end - 1] in also or (
        _is_trimmed(value[end - 1]) and not _modifies_visible(value, end - 1)
    ):
        end -= 1
    return value[start:end]


def clean_single_line(field: str, value: str) -> str:
    """Return `value` without the invisible characters around it.

    The result is empty when `value` has no visible character (`is_visible`):
    the caller decides whether `field` is required.

    Raises:
        InvalidFieldError: on `field` when `value` holds a control character
            (line breaks and tabs included) or a bidirectional override,
            embedding or isolate.
    """
    check_no_nul(field, value)
    if _FORBIDDEN.search(value):
        raise InvalidFieldError(
            field,
            f"{field} must be one line of text: no control characters, line "
            "breaks or bidirectional overrides",
        )
    return _trimmed(value)


def clean_paragraphs(field: str, value: str) -> str:
    """Return the lines of `value` with LF line ends, without the invisible
    characters and blank lines around them.

    The result is empty when `value` has no visible character: the caller
    decides whether `field` is required.

    Raises:
        InvalidFieldError: on `field` when `value` holds a control character
            other than a tab or a line break, or a bidirectional override,
            embedding or isolate.
    """
    check_no_nul(field, value)
    value = _LINE_ENDS.sub("\n", value)
    if _FORBIDDEN_IN_TEXT.search(value):
        raise InvalidFieldError(
            field,
            f"{field} must be text: no control characters other than tabs and "
            "line breaks, no bidirectional overrides",
        )
    return _trimmed(value, also="\t\n")


def check_password_text(field: str, value: str) -> str:
    """Return the password `value` unchanged (nothing is trimmed).

    Raises:
        InvalidFieldError: on `field` when `value` holds a control character
            (C0, DEL, C1, NUL included) or a lone surrogate, or has no
            visible character (only spaces or invisible characters).
    """
    if _FORBIDDEN_IN_PASSWORD.search(value):
        raise InvalidFieldError(field, f"{field} must not contain control characters")
    if not has_visible_character(value):
        raise InvalidFieldError(
            field,
            f"{field} must contain a visible character (a letter, digit, "
            "punctuation mark or symbol), not only spaces or invisible ones",
        )
    return value


def database_id(text: str) -> int | None:
    """The id `text` spells, or None when it is not one.

    An id is ASCII digits without a leading zero, 1 to 2^63-1 (BIGINT): REST
    paths, GraphQL global ids, admin URLs and token subjects all read it so.
    """
    if not _DATABASE_ID.fullmatch(text):
        return None
    number = int(text)
    return number if number <= MAX_DATABASE_ID else None
