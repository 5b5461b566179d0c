"""Test harness: a migrated database per session, a rolled-back transaction per test."""

import os
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from functools import partial

import httpx
import pytest
from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from advanced_alchemy.extensions.litestar.plugins import SQLAlchemyInitPlugin
from litestar import Litestar
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from backend.app import create_app
from backend.apps.users.models import UserModel
from backend.apps.users.passwords import hash_password
from backend.database import AlchemyConfig
from backend.settings import Environment, Settings
from tests.helpers.admin_forms import SUPERUSER_EMAIL, sign_in
from tests.helpers.database import create_database, drop_database, migrate
from tests.helpers.http import http_client
from tests.helpers.lifespan import serving
from tests.helpers.settings import TEST_REDIS_URL, make_settings
from tests.helpers.sql import StatementRecorder, recording_statements
from tests.users.factories import TEST_PASSWORD, add_user, bearer


@pytest.fixture(scope="session")
def base_database_url() -> str:
    """The server the tests create their databases on: `DATABASE_URL`'s."""
    return Settings().database_url.encoded_string()


@pytest.fixture(scope="session")
def database_url(base_database_url: str) -> Iterator[str]:
    """A fresh database, migrated to head by Alembic, dropped at the end."""
    url = create_database(base_database_url)
    try:
        migrate(url)
        yield url
    finally:
        drop_database(url)


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    """Settings of the app under test."""
    return make_settings(database_url)


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[Litestar]:
    """The real app, started once for the session."""
    async with serving(create_app(settings)) as application:
        yield application


@pytest.fixture(scope="session")
def db_config(app: Litestar) -> AlchemyConfig:
    """The app's own SQLAlchemy config."""
    config = app.plugins.get(SQLAlchemyInitPlugin).config[0]
    assert isinstance(config, AlchemyConfig)
    return config


@pytest.fixture
async def db_session(
    app: Litestar, db_config: AlchemyConfig
) -> AsyncIterator[AsyncSession]:
    """A session inside a transaction that is rolled back after the test.

    Requests made during the test get sessions on the same connection, so
    their commits only release savepoints.
    """
    engine: AsyncEngine = app.state[db_config.engine_app_state_key]
    async with engine.connect() as connection:
        transaction = await connection.begin()
        maker = async_sessionmaker(
            bind=connection,
            expire_on_commit=False,
            join_transaction_mode="create_savepoint",
        )
        try:
            with db_config.sessions_from(app.state, maker):
                async with maker() as session:
                    yield session
        finally:
            await transaction.rollback()


@pytest.fixture(scope="session")
async def password_hash() -> str:
    """The hash of `TEST_PASSWORD`, made once: argon2 takes ~0.2 s a hash."""
    return await hash_password(TEST_PASSWORD)


@pytest.fixture
async def user(db_session: AsyncSession, password_hash: str) -> UserModel:
    """An active user (not a superuser) in the test's transaction."""
    return await add_user(db_session, password_hash=password_hash)


@pytest.fixture
async def anonymous_client(
    app: Litestar, db_session: AsyncSession
) -> AsyncIterator[httpx.AsyncClient]:
    """A client without credentials, inside the test's transaction."""
    async with http_client(app) as http:
        yield http


@pytest.fixture
async def client(
    app: Litestar, user: UserModel, settings: Settings
) -> AsyncIterator[httpx.AsyncClient]:
    """A client signed in as `user` (bearer token), inside the test's transaction."""
    async with http_client(app, bearer(user.id, settings.secret_key)) as http:
        yield http


@pytest.fixture
def sql_statements(app: Litestar, db_config: AlchemyConfig) -> StatementRecorder:
    """`with sql_statements() as statements:` lists the SQL the app runs inside."""
    engine: AsyncEngine = app.state[db_config.engine_app_state_key]
    return partial(recording_statements, engine.sync_engine)


@pytest.fixture
async def redis_namespace() -> AsyncGenerator[str]:
    """A key prefix of the test's own in the shared Redis, emptied afterwards.

    Skipped without a Redis at `TEST_REDIS_URL`, except in CI (`CI` set).
    """
    client = Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2)
    try:
        await client.ping()
    except RedisConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {TEST_REDIS_URL}")
    namespace = f"backend-test-{uuid.uuid4().hex[:12]}"
    try:
        yield namespace
    finally:
        keys = [key async for key in client.scan_iter(match=f"{namespace}*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


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
