"""Relay global ids, read strictly: the one parser of every id argument.

A global id is the standard base64 of `TypeName:123`, written exactly as the
server writes it (padding included, no whitespace, nothing after it), and its
number is a database id as REST reads it: ASCII digits, no leading zero, 1 to
2^63-1 (BIGINT). Strawberry's own `GlobalID` argument decodes leniently
(`Qm9va zox` and `Qm9vazox=` are both `Book:1`, `Book:01` is book 1), so id
arguments are declared `strawberry.ID` and read here.
"""

import base64
import binascii
import re
from dataclasses import dataclass

from backend.errors import InvalidFieldError
from backend.kit.text import database_id

_TYPE_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")


@dataclass(frozen=True, slots=True)
class GlobalId:
    """A well-formed global id: a type name and a database id."""

    type_name: str
    database_id: int


def _decoded(value: str) -> str | None:
    try:
        raw = base64.b64decode(value, validate=True)
    except binascii.Error:
        return None
    if base64.b64encode(raw).decode("ascii") != value:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def parse_global_id(value: str, *, field: str = "id") -> GlobalId:
    """The type name and database id `value` holds.

    Raises:
        InvalidFieldError: on `field`, when `value` is not the server's base64
            of `TypeName:<database id>`.
    """
    text = _decoded(value) if value.isascii() else None
    type_name, _, number = (text or "").partition(":")
    node_id = database_id(number)
    if not _TYPE_NAME.fullmatch(type_name) or node_id is None:
        raise InvalidFieldError(field, f"{field} is not a valid id")
    return GlobalId(type_name, node_id)


def database_id_of(value: str, type_name: str, *, field: str = "id") -> int:
    """The database id inside `value`, a global id of `type_name`.

    Raises:
        InvalidFieldError: on `field`, when `value` is malformed or another
            type's id.
    """
    global_id = parse_global_id(value, field=field)
    if global_id.type_name != type_name:
        raise InvalidFieldError(field, f"{field} is not the id of a {type_name}")
    return global_id.database_id
