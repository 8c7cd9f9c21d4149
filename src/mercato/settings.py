"""Settings read from the environment, with defaults that start a laptop server on SQLite."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///mercato.db"


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    """SQLAlchemy URL: ``sqlite+aiosqlite:///path.db`` or ``postgresql+asyncpg://user:pw@host/db``."""
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 1
    log_level: str = "INFO"
    db_pool_size: int = 10
    public_url: str = ""
    """Where clients reach this server; the ``iss``/``aud`` of its tokens. Default: http://{host}:{port}."""

    @property
    def issuer(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        default = cls()
        return cls(
            database_url=normalise_database_url(env.get("MERCATO_DATABASE_URL", DEFAULT_DATABASE_URL)),
            host=env.get("MERCATO_HOST", default.host),
            port=int(env.get("MERCATO_PORT", default.port)),
            workers=int(env.get("MERCATO_WORKERS", default.workers)),
            log_level=env.get("MERCATO_LOG_LEVEL", default.log_level).upper(),
            db_pool_size=int(env.get("MERCATO_DB_POOL_SIZE", default.db_pool_size)),
            public_url=env.get("MERCATO_PUBLIC_URL", "").rstrip("/"),
        )


def normalise_database_url(url: str) -> str:
    """Accept the plain URLs people paste (``postgresql://``, ``sqlite:///``) and pick the async driver."""
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+asyncpg://" + url.split("://", 1)[1]
    if url.startswith("sqlite://"):
        return "sqlite+aiosqlite://" + url.split("://", 1)[1]
    return url
