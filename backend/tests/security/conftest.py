"""Security tests: in-process by default; served ones reuse the reliability fixtures.

Tests that serve the app with uvicorn carry the `reliability` marker, so
`task backend:test` leaves them out and `task backend:test:security` runs them.
The admin's signed-in client is shared with tests/admin.
"""

from tests.admin.conftest import admin_client, superuser
from tests.reliability.conftest import app_database, figures, http, log_dir

__all__ = ["admin_client", "app_database", "figures", "http", "log_dir", "superuser"]
