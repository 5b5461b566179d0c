"""Settings of an app under test."""

import os

from backend.settings import Environment, Settings

TEST_SECRET_KEY = "test-secret-key-0123456789abcdef0123456789"
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def make_settings(database_url: str, **overrides: object) -> Settings:
    """Settings for an app under test."""
    values: dict[str, object] = {
        "app_env": Environment.TEST,
        "database_url": database_url,
        "secret_key": TEST_SECRET_KEY,
        # The in-process clients' host; production refuses to start without a list.
        "allowed_hosts": ["testserver"],
        # Tests share one client address; tests/users/test_rate_limit.py and
        # tests/test_rate_limits.py check the limits on apps of their own.
        "login_rate_limit": 10_000,
        "login_account_rate_limit": 10_000,
        "api_rate_limit": 100_000,
    }
    values.update(overrides)
    return Settings.model_validate(values)


# What production refuses to start without, for an app built as in production.
PRODUCTION = {"app_env": "production", "admin_session_secret": "a" * 48}
