"""Application settings, read once from the environment (and an optional `.env`)."""

from enum import StrEnum
from functools import lru_cache
from typing import Self

from pydantic import Field, PostgresDsn, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET_KEY = "development-secret-key-change-me-0000000000"  # noqa: S105
MIN_SECRET_KEY_LENGTH = 32


class Environment(StrEnum):
    """Where the app runs; production turns the safety checks on."""

    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


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
    database_connect_timeout: float = Field(default=5.0, gt=0)
    database_statement_timeout_ms: int = Field(default=15_000, ge=0)
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Self:
        if self.app_env is not Environment.PRODUCTION:
            return self
        problems: list[str] = []
        if self.secret_key == DEVELOPMENT_SECRET_KEY:
            problems.append("SECRET_KEY is the development default")
        elif len(self.secret_key) < MIN_SECRET_KEY_LENGTH:
            problems.append(f"SECRET_KEY is shorter than {MIN_SECRET_KEY_LENGTH}")
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


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings, read from the environment on first use."""
    return Settings()
