"""App-wide objects built once at start-up and kept in the app's state.

Handlers reach the cursor codec through Litestar's `state` kwarg rather than
a dependency: a handler with two independent dependencies makes Litestar
resolve them in a task group, which costs more than the request's query.
"""

from litestar.datastructures import State

from backend.paging.cursors import CursorCodec
from backend.settings import Settings

CURSOR_CODEC_STATE_KEY = "cursor_codec"
SETTINGS_STATE_KEY = "settings"


def cursor_codec_of(state: State) -> CursorCodec:
    """The app's cursor codec, built once at start-up from the secret key."""
    codec: CursorCodec = state[CURSOR_CODEC_STATE_KEY]
    return codec


def settings_of(state: State) -> Settings:
    """The settings the app was built with."""
    settings: Settings = state[SETTINGS_STATE_KEY]
    return settings
