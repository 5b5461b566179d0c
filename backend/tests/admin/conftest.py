"""Admin fixtures: a superuser, and a browser-like client with cookies."""

from collections.abc import AsyncIterator

import httpx
import pytest
from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from advanced_alchemy.extensions.litestar.plugins import SQLAlchemyInitPlugin
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app import create_app
from backend.apps.users.models import UserModel
from backend.database import AlchemyConfig
from backend.settings import Environment, Settings
from tests.admin.forms import sign_in
from tests.conftest import http_client, make_settings
from tests.lifespan import serving
from tests.users.factories import TEST_PASSWORD, add_user

SUPERUSER_EMAIL = "admin@example.com"


@pytest.fixture
async def superuser(db_session: AsyncSession, password_hash: str) -> UserModel:
    """An active superuser in the test's transaction."""
    return await add_user(
        db_session,
        email=SUPERUSER_EMAIL,
        password_hash=password_hash,
        is_superuser=True,
    )


@pytest.fixture
async def admin_client(
    app: Litestar, db_session: AsyncSession, superuser: UserModel
) -> AsyncIterator[httpx.AsyncClient]:
    """A client signed in to the admin as `superuser`."""
    async with http_client(app) as http:
        response = await sign_in(http, superuser.email, TEST_PASSWORD)
        assert response.status_code == 303, response.text
        yield http


@pytest.fixture
async def production_app(
    app: Litestar,
    db_config: SQLAlchemyAsyncConfig,
    db_session: AsyncSession,
    settings: Settings,
) -> AsyncIterator[Litestar]:
    """The app in production mode, reading through the test's transaction."""
    production = create_app(
        make_settings(
            settings.database_url.encoded_string(),
            app_env=Environment.PRODUCTION,
            secret_key="p" * 48,
            admin_session_secret="q" * 48,
        )
    )
    async with serving(production):
        config = production.plugins.get(SQLAlchemyInitPlugin).config[0]
        assert isinstance(config, AlchemyConfig)
        test_maker = app.state[db_config.session_maker_app_state_key]
        with config.sessions_from(production.state, test_maker):
            yield production
