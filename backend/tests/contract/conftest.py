"""Run each contract test once per registered entity (and per sort where asked),
with the rows the entity's rows need (`EntitySpec.prepare`)."""

import pytest
from litestar import Litestar
from sqlalchemy import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from backend.apps.users.models import UserModel
from backend.database import AlchemyConfig
from tests.contract.spec import EntitySpec
from tests.contract.specs import SPECS


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize `spec` over every entity, `(spec, sort)` over every sort."""
    names = metafunc.fixturenames
    if "sort" in names:
        cases = [(spec, sort) for spec in SPECS for sort in spec.sorts]
        metafunc.parametrize(
            ("spec", "sort"),
            cases,
            ids=[f"{s.name}:{sort}" for s, sort in cases],
            indirect=["spec"],
        )
    elif "spec" in names:
        metafunc.parametrize(
            "spec", SPECS, ids=[spec.name for spec in SPECS], indirect=True
        )


@pytest.fixture
async def spec(
    request: pytest.FixtureRequest, db_session: AsyncSession, user: UserModel
) -> EntitySpec:
    """The entity's spec, with the rows its rows need stored in the test's
    transaction; the signed-in `client`'s user is the suite's writer."""
    entity: EntitySpec = request.param
    return await entity.prepared(db_session, user.id)


@pytest.fixture
def app_engine(app: Litestar, db_config: AlchemyConfig) -> Engine:
    """The engine behind the app's sessions (where statement faults hook in)."""
    engine: AsyncEngine = app.state[db_config.engine_app_state_key]
    return engine.sync_engine
