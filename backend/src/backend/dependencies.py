"""Dependencies every app shares, provided once per request by Litestar DI."""

from litestar.datastructures import State

from backend.cursors import CursorCodec
from backend.settings import Settings

CURSOR_CODEC_STATE_KEY = "cursor_codec"
SETTINGS_STATE_KEY = "settings"


def provide_cursor_codec(state: State) -> CursorCodec:
    """The app's cursor codec, built once at start-up from the secret key."""
    codec: CursorCodec = state[CURSOR_CODEC_STATE_KEY]
    return codec


def provide_settings(state: State) -> Settings:
    """The settings the app was built with."""
    settings: Settings = state[SETTINGS_STATE_KEY]
    return settings
