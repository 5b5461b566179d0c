"""Security tests: in-process by default; served ones reuse the reliability fixtures.

Tests that serve the app with uvicorn carry the `reliability` marker, so
`task backend:test` leaves them out and `task backend:test:security` runs them.
"""

from tests.reliability.conftest import app_database, figures, http, log_dir

__all__ = ["app_database", "figures", "http", "log_dir"]
