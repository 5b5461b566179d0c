"""Serves the built frontend (`task frontend:build`) at `/`, when it exists."""

from pathlib import Path

from litestar import Router
from litestar.static_files import create_static_files_router


def frontend_routes(dist: Path) -> list[Router]:
    """A static router for `dist` at `/`, or nothing when it holds no build.

    The frontend routes with `#/...` URLs, so `/` only ever serves `index.html`
    and its assets; every API path is matched first and stays reachable.
    """
    if not (dist / "index.html").is_file():
        return []
    return [
        create_static_files_router(
            path="/",
            directories=[dist],
            html_mode=True,
            name="frontend",
            include_in_schema=False,
        )
    ]
