"""Settings read from the environment, with defaults that start a laptop server on SQLite."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///mercato.db"
TRUE = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    """SQLAlchemy URL: ``sqlite+aiosqlite:///path.db`` or ``postgresql+asyncpg://user:pw@host/db``."""
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    """Server processes: one per core by default (a worker is one Python thread: a core is what it can use)."""
    log_level: str = "INFO"
    db_pool_size: int = 10
    tls: bool = False
    """Whether the server itself speaks HTTPS (``mercato serve --ssl-certfile``), which exports it to its workers."""
    public_url: str = ""
    """Where clients reach this server; the ``iss``/``aud`` of its tokens. Default: http(s)://{host}:{port}."""

    @property
    def issuer(self) -> str:
        """``iss`` = ``aud`` of the tokens: integrations fetch ``{aud}/oauth/certs/{kid}`` to verify them, so it must
        be a URL that reaches this server. Behind a proxy, or listening on 0.0.0.0, set MERCATO_PUBLIC_URL."""
        if self.public_url:
            return self.public_url
        host = f"[{self.host}]" if ":" in self.host else self.host  # an IPv6 literal
        return f"{'https' if self.tls else 'http'}://{host}:{self.port}"

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
            tls=env.get("MERCATO_TLS", "").lower() in TRUE,
            public_url=env.get("MERCATO_PUBLIC_URL", "").rstrip("/"),
        )


def normalise_database_url(url: str) -> str:
    """Accept the plain URLs people paste (``postgresql://``, ``sqlite:///``) and pick the async driver."""
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+asyncpg://" + url.split("://", 1)[1]
    if url.startswith("sqlite://"):
        return "sqlite+aiosqlite://" + url.split("://", 1)[1]
    return url
