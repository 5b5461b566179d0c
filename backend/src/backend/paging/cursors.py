"""Opaque, signed pagination cursors bound to the query that issued them.

A cursor is `base64url(json([value, id, scope])) . base64url(hmac)`: the HMAC
(SHA-256 with the app secret) makes it tamper-evident, and `scope` is a digest
of the filters and order, so a cursor replayed against another query is refused.
"""

import base64
import binascii
import hashlib
import hmac

import msgspec

from backend.errors import InvalidCursorError
from backend.paging.keyset import Position

_SIGNATURE_BYTES = 16
MAX_CURSOR_LENGTH = 512
# What a client can check: base64url payload "." base64url signature (16 bytes:
# 22 characters), so at least 24 characters; or empty, which means "first page".
MIN_CURSOR_LENGTH = 24
CURSOR_PATTERN = r"^(?:[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22})?$"
_MALFORMED = (
    "cursor is malformed or was tampered with; drop it to start from the first page"
)
_OTHER_QUERY = (
    "cursor was issued for other filters or another sort; "
    "drop the cursor when you change them"
)


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def query_scope(query: object) -> str:
    """A short, stable digest of a query object (msgspec-encodable)."""
    digest = hashlib.sha256(msgspec.json.encode(query, order="sorted")).digest()
    return _b64encode(digest[:12])


class CursorCodec:
    """Encodes positions into signed cursors and back."""

    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(b"cursor:" + secret.encode()).digest()

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._key, payload, hashlib.sha256).digest()[:_SIGNATURE_BYTES]

    def encode(self, position: Position, *, scope: str) -> str:
        """Cursor for `position` in the query identified by `scope`."""
        payload = msgspec.json.encode([position.value, position.id, scope])
        return f"{_b64encode(payload)}.{_b64encode(self._sign(payload))}"

    def decode(self, cursor: str, *, scope: str, value_type: object) -> Position:
        """The position a cursor points at, checked against `scope`.

        Raises:
            InvalidCursorError: the cursor is malformed, forged, or from another query.
        """
        if len(cursor) > MAX_CURSOR_LENGTH:
            raise InvalidCursorError(_MALFORMED)
        try:
            payload_text, signature_text = cursor.split(".")
            payload = _b64decode(payload_text)
            signature = _b64decode(signature_text)
        except (ValueError, binascii.Error) as exc:
            raise InvalidCursorError(_MALFORMED) from exc
        if not hmac.compare_digest(signature, self._sign(payload)):
            raise InvalidCursorError(_MALFORMED)
        try:
            raw_value, row_id, cursor_scope = msgspec.json.decode(
                payload, type=tuple[object, int, str]
            )
            value = msgspec.convert(raw_value, value_type, strict=False)
        except msgspec.ValidationError as exc:
            raise InvalidCursorError(_MALFORMED) from exc
        if cursor_scope != scope:
            raise InvalidCursorError(_OTHER_QUERY)
        return Position(value=value, id=row_id)
