"""Liveness and readiness probes."""

import asyncio
import logging

import msgspec
from litestar import Controller, Response, get
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

logger = logging.getLogger(__name__)

READY_TIMEOUT_SECONDS = 2.0


class Health(msgspec.Struct, omit_defaults=True):
    """Probe result; `reason` says why the app is not ready."""

    status: str
    reason: str | None = None


class HealthController(Controller):
    """`/health` never touches the database; `/ready` needs one round trip."""

    tags = ["health"]  # noqa: RUF012

    @get("/health", summary="Liveness: the process serves requests")
    async def health(self) -> Health:
        """Always ok while the process runs."""
        return Health(status="ok")

    @get(
        "/ready",
        summary="Readiness: the database answers",
        responses={
            503: ResponseSpec(data_container=Health, description="Database unreachable")
        },
    )
    async def ready(self, db_engine: NamedDependency[AsyncEngine]) -> Response[Health]:
        """200 when `SELECT 1` succeeds, 503 with a short reason when not."""
        try:
            async with asyncio.timeout(READY_TIMEOUT_SECONDS):
                async with db_engine.connect() as connection:
                    await connection.execute(text("SELECT 1"))
        except (SQLAlchemyError, OSError, TimeoutError) as exc:
            logger.warning("readiness check failed: %s", type(exc).__name__)
            return Response(
                Health(status="unavailable", reason="database unreachable"),
                status_code=HTTP_503_SERVICE_UNAVAILABLE,
            )
        return Response(Health(status="ok"), status_code=HTTP_200_OK)
