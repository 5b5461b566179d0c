"""Dependencies every app shares, provided once per request by Litestar DI."""

from litestar.datastructures import State

from backend.cursors import CursorCodec

CURSOR_CODEC_STATE_KEY = "cursor_codec"


def provide_cursor_codec(state: State) -> CursorCodec:
    """The app's cursor codec, built once at start-up from the secret key."""
    codec: CursorCodec = state[CURSOR_CODEC_STATE_KEY]
    return codec
