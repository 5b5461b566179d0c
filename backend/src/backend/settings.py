"""Application settings, read once from the environment (and an optional `.env`)."""

import re
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import Field, PostgresDsn, RedisDsn, field_validator, model_validator
from pydantic_core import PydanticUseDefault
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEVELOPMENT_SECRET_KEY = "development-secret-key-change-me-0000000000"  # noqa: S105
DEVELOPMENT_ADMIN_SESSION_SECRET = "development-admin-session-secret-change-me"  # noqa: S105
MIN_SECRET_KEY_LENGTH = 32
DEFAULT_FRONTEND_DIST = Path(__file__).resolve().parents[3] / "frontend" / "dist"

# An origin as browsers send it: no wildcard, no path, no trailing slash.
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")

type RateLimitWindow = Literal["second", "minute", "hour", "day"]


class Environment(StrEnum):
    """Where the app runs; production turns the safety checks on."""

    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


def _secret_problem(name: str, value: str, development_default: str) -> str | None:
    if value == development_default:
        return f"{name} is the development default"
    if len(value) < MIN_SECRET_KEY_LENGTH:
        return f"{name} is shorter than {MIN_SECRET_KEY_LENGTH}"
    return None


class Settings(BaseSettings):
    """Every setting of the app; `.env.example` documents each variable."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    app_env: Environment = Environment.DEVELOPMENT
    database_url: PostgresDsn = PostgresDsn(
        "postgresql+asyncpg://postgres@127.0.0.1:5432/backend"
    )
    secret_key: str = DEVELOPMENT_SECRET_KEY
    debug: bool = False
    database_echo: bool = False
    database_pool_size: int = Field(default=10, ge=1, le=200)
    database_max_overflow: int = Field(default=10, ge=0, le=200)
    database_pool_timeout: int = Field(default=5, ge=1)
    database_pool_pre_ping: bool = False
    database_connect_timeout: float = Field(default=5.0, gt=0)
    database_statement_timeout_ms: int = Field(default=15_000, ge=0)
    log_level: str = "INFO"
    graphql_max_depth: int = Field(default=10, ge=1)
    graphql_max_aliases: int = Field(default=15, ge=0)
    graphql_max_tokens: int = Field(default=2000, ge=1)
    graphql_introspection: bool | None = None
    graphql_ide: bool | None = None
    access_token_ttl_seconds: int = Field(default=900, ge=60, le=86_400)
    login_rate_limit: int = Field(default=10, ge=1)
    login_rate_limit_window: RateLimitWindow = "minute"
    login_account_rate_limit: int = Field(default=20, ge=1)
    login_account_rate_limit_window: RateLimitWindow = "hour"
    api_rate_limit: int = Field(default=1200, ge=1)
    api_rate_limit_window: RateLimitWindow = "minute"
    redis_url: RedisDsn | None = None
    redis_namespace: str = Field(default="backend", pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    cors_allow_origins: Annotated[list[str], NoDecode] = []
    request_max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    admin_session_secret: str = DEVELOPMENT_ADMIN_SESSION_SECRET
    admin_session_max_age_seconds: int = Field(default=8 * 3600, ge=60)
    frontend_dist: Path = DEFAULT_FRONTEND_DIST

    @field_validator(
        "graphql_introspection",
        "graphql_ide",
        "frontend_dist",
        "redis_url",
        mode="before",
    )
    @classmethod
    def _empty_means_default(cls, value: object) -> object:
        if value == "":
            raise PydanticUseDefault
        return value

    @field_validator("cors_allow_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("cors_allow_origins")
    @classmethod
    def _explicit_origins(cls, origins: list[str]) -> list[str]:
        for origin in origins:
            if not _ORIGIN.fullmatch(origin):
                msg = f"CORS_ALLOW_ORIGINS: {origin!r} is not a scheme://host[:port]"
                raise ValueError(msg)
        return origins

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Self:
        if self.app_env is not Environment.PRODUCTION:
            return self
        problems = [
            problem
            for problem in (
                _secret_problem("SECRET_KEY", self.secret_key, DEVELOPMENT_SECRET_KEY),
                _secret_problem(
                    "ADMIN_SESSION_SECRET",
                    self.admin_session_secret,
                    DEVELOPMENT_ADMIN_SESSION_SECRET,
                ),
            )
            if problem is not None
        ]
        if self.admin_session_secret == self.secret_key:
            problems.append("ADMIN_SESSION_SECRET is the same as SECRET_KEY")
        if self.debug:
            problems.append("DEBUG is on")
        if problems:
            msg = "refusing to start in production: " + "; ".join(problems)
            raise ValueError(msg)
        return self

    @property
    def is_production(self) -> bool:
        """Whether the app runs with production defaults."""
        return self.app_env is Environment.PRODUCTION

    @property
    def graphql_introspection_enabled(self) -> bool:
        """`GRAPHQL_INTROSPECTION`, or on everywhere but in production when unset."""
        if self.graphql_introspection is None:
            return not self.is_production
        return self.graphql_introspection

    @property
    def graphql_ide_enabled(self) -> bool:
        """`GRAPHQL_IDE` (GraphiQL), or on everywhere but in production when unset."""
        if self.graphql_ide is None:
            return not self.is_production
        return self.graphql_ide


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings, read from the environment on first use."""
    return Settings()
