"""The paragraphs rule (a review's body): line breaks and tabs kept, line ends
made LF, blank lines and invisible characters around the text trimmed."""

import pytest

from backend.errors import InvalidFieldError
from backend.kit.fields import Paragraphs

BODY = Paragraphs(max_length=20)


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("\n\n \tIndented\tword\n\n", "Indented\tword"),
        ("\u200b Word \ufeff", "Word"),
        ("a\n\nb", "a\n\nb"),
    ],
)
def test_text_is_kept_with_lf_line_ends_and_trimmed(sent: str, stored: str) -> None:
    assert BODY.clean("body", sent) == stored


@pytest.mark.parametrize(
    "sent",
    ["a\x00b", "a\u202eb", "a\x0bb", "a\u2028b", "x" * 21, " \n\t ", "\u200b"],
)
def test_control_characters_overrides_oversized_and_empty_text_are_refused(
    sent: str,
) -> None:
    with pytest.raises(InvalidFieldError) as refused:
        BODY.clean("body", sent)
    assert refused.value.field == "body"


def test_an_optional_text_that_shows_nothing_is_none() -> None:
    assert Paragraphs(max_length=5, required=False).clean("note", "\n \n") is None
