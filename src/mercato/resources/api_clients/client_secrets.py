"""An API client's extra secrets (ApiClients.*Secret*): metadata readable, the value shown once by CreateSecret and
kept only as a SHA-256 digest (256 random bits: no guessing reaches it, so a slow hash would only slow logins).
Choices: docs/decisions/0008-api-clients.md."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import func, select

from mercato.auth.passwords import hash_token
from mercato.codec import convert, utc_field
from mercato.context import RequestContext
from mercato.db.tables import api_client_secrets
from mercato.errors import BadRequest
from mercato.listing import ListPage, ListQuery
from mercato.resources.api_clients.listing import SECRET_SPEC
from mercato.resources.api_clients.schemas import ApiClientSecret, ApiClientSecretCreateResponse
from mercato.resources.api_clients.service import require_client
from mercato.store import Scope, Store

MAX_SECRETS = 10
"""ApiClientSecrets per client, expired ones included (ApiClientSecret.MaximumClientSecretsReached beyond)."""

store = Store(
    api_client_secrets,
    ApiClientSecret,
    "ApiClientSecret",
    scope=("marketplace_id", "api_client_id"),
    read_only=frozenset({"DateCreated"}),
)


class _Expiration(msgspec.Struct):
    Expiration: datetime | None = None


def _secret_scope(ctx: RequestContext, client_id: str) -> Scope:
    return {"marketplace_id": ctx.marketplace_id, "api_client_id": client_id}


async def list_secrets(ctx: RequestContext, client_id: str, query: ListQuery) -> ListPage[ApiClientSecret]:
    await require_client(ctx, client_id)
    scope = _secret_scope(ctx, client_id)
    return await store.list(ctx.connection, SECRET_SPEC, query, store.select(scope))


async def get_secret(ctx: RequestContext, client_id: str, secret_id: str) -> ApiClientSecret:
    await require_client(ctx, client_id)
    return await store.get(ctx.connection, _secret_scope(ctx, client_id), secret_id)


async def create_secret(ctx: RequestContext, client_id: str, secret: ApiClientSecret) -> ApiClientSecretCreateResponse:
    """A generated secret (256 random bits), returned this once; only its digest is kept."""
    expiration = _future(ctx, secret.Expiration)
    # The client's row lock makes count-then-insert atomic: concurrent creates for one client queue here.
    await require_client(ctx, client_id, lock=True)
    scope = _secret_scope(ctx, client_id)
    count = await ctx.connection.scalar(
        select(func.count()).select_from(api_client_secrets).where(*store.scoped(scope))
    )
    if (count or 0) >= MAX_SECRETS:
        raise BadRequest(
            "ApiClientSecret.MaximumClientSecretsReached",
            f"An API client may have at most {MAX_SECRETS} secrets; delete one first",
            {"Maximum": MAX_SECRETS},
        )
    value = secrets.token_urlsafe(32)
    server = {"secret_hash": hash_token(value), "date_created": ctx.now}
    item = await store.create(ctx.connection, scope, msgspec.structs.replace(secret, Expiration=expiration), server)
    return ApiClientSecretCreateResponse(
        ID=item.ID, Name=item.Name, Expiration=item.Expiration, DateCreated=item.DateCreated, ClientSecret=value
    )


async def patch_secret(ctx: RequestContext, client_id: str, secret_id: str, changes: dict[str, Any]) -> ApiClientSecret:
    """Name, Expiration (a new one must lie in the future) or ID; the secret itself never changes."""
    await require_client(ctx, client_id)
    scope = _secret_scope(ctx, client_id)
    current = await store.get(ctx.connection, scope, secret_id)
    if "Expiration" in changes:
        expiration = utc_field(convert({"Expiration": changes["Expiration"]}, _Expiration).Expiration, "Expiration")
        if expiration != current.Expiration:
            expiration = _future(ctx, expiration)
        changes = {**changes, "Expiration": expiration}
    return await store.patch(ctx.connection, scope, secret_id, changes)


async def delete_secret(ctx: RequestContext, client_id: str, secret_id: str) -> None:
    await require_client(ctx, client_id)
    await store.delete(ctx.connection, _secret_scope(ctx, client_id), secret_id)


def _future(ctx: RequestContext, value: datetime | None) -> datetime | None:
    expiration = utc_field(value, "Expiration")
    if expiration is not None and expiration <= ctx.now:
        raise BadRequest(
            "ApiClientSecret.InvalidExpirationDate",
            "Expiration must lie in the future",
            {"Expiration": expiration.isoformat()},
        )
    return expiration
