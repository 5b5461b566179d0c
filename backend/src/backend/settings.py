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
# A host name or address as a Host header names it (any port is allowed),
# or `*.example.com` for its subdomains. No bare `*`: that turns the check off.
_HOST = re.compile(r"(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*")
# Outside production, with ALLOWED_HOSTS empty: the local machine and the
# test clients' host.
DEVELOPMENT_ALLOWED_HOSTS = ("localhost", "127.0.0.1", "testserver")

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
    database_read_statement_timeout_ms: int = Field(default=5_000, ge=0)
    request_timeout_seconds: float = Field(default=30.0, ge=1, le=3600)
    log_level: str = "INFO"
    graphql_max_depth: int = Field(default=10, ge=1)
    graphql_max_aliases: int = Field(default=15, ge=0)
    graphql_max_tokens: int = Field(default=2000, ge=1)
    graphql_max_cost: int = Field(default=2000, ge=1, le=10_000_000)
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
    allowed_hosts: Annotated[list[str], NoDecode] = []
    api_docs: bool | None = None
    request_max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    admin_session_secret: str = DEVELOPMENT_ADMIN_SESSION_SECRET
    admin_session_max_age_seconds: int = Field(default=8 * 3600, ge=60)
    frontend_dist: Path = DEFAULT_FRONTEND_DIST

    @field_validator(
        "graphql_introspection",
        "graphql_ide",
        "api_docs",
        "frontend_dist",
        "redis_url",
        mode="before",
    )
    @classmethod
    def _empty_means_default(cls, value: object) -> object:
        if value == "":
            raise PydanticUseDefault
        return value

    @field_validator("cors_allow_origins", "allowed_hosts", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator("allowed_hosts")
    @classmethod
    def _host_names(cls, hosts: list[str]) -> list[str]:
        for host in hosts:
            if not _HOST.fullmatch(host):
                msg = f"ALLOWED_HOSTS: {host!r} is not a host name (or *.domain)"
                raise ValueError(msg)
        return [host.lower() for host in hosts]

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
        if not self.allowed_hosts:
            problems.append("ALLOWED_HOSTS is empty (list the site's host names)")
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
    def allowed_hosts_in_force(self) -> list[str]:
        """`ALLOWED_HOSTS`; empty, outside production: the local machine's names."""
        return self.allowed_hosts or list(DEVELOPMENT_ALLOWED_HOSTS)

    @property
    def api_docs_enabled(self) -> bool:
        """`API_DOCS` (`/schema`), or on everywhere but in production when unset."""
        if self.api_docs is None:
            return not self.is_production
        return self.api_docs

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
