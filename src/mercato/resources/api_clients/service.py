"""API clients: the applications that may request tokens (the OAuth endpoint reads these rows). Their extra secrets
are in ``client_secrets``, their buyer/supplier assignments in ``assignments``; the choices are in
docs/decisions/0008-api-clients.md.

``ClientSecret`` is write-only: stored as an argon2id hash, returned as null, never logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

import msgspec
from sqlalchemy import Row, case, delete, exists, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.auth.impersonation import used_by_config
from mercato.auth.passwords import hash_password
from mercato.codec import convert
from mercato.context import RequestContext, UserType
from mercato.db.dialect import insert_if_absent
from mercato.db.tables import api_client_assignments, api_clients, refresh_tokens, users
from mercato.errors import BadRequest, Conflict, IdExists, NotFound
from mercato.ids import check_id, generate_id
from mercato.listing import ListPage, ListQuery
from mercato.patching import patch_model
from mercato.resources.api_clients.listing import SPEC
from mercato.resources.api_clients.schemas import CLIENT_COMPUTED, CLIENT_READ_ONLY, ApiClient
from mercato.store import Scope, Store

T = TypeVar("T")

store = Store(api_clients, ApiClient, "ApiClient", read_only=CLIENT_READ_ONLY, computed=CLIENT_COMPUTED)


def _scope(ctx: RequestContext) -> Scope:
    return {"marketplace_id": ctx.marketplace_id}


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[ApiClient]:
    page = await store.list(ctx.connection, SPEC, query, store.select(_scope(ctx)))
    return ListPage(Items=await _presented(ctx.connection, ctx.marketplace_id, page.Items), Meta=page.Meta)


async def get(ctx: RequestContext, client_id: str) -> ApiClient:
    item = await store.get(ctx.connection, _scope(ctx), client_id)
    return (await _presented(ctx.connection, ctx.marketplace_id, [item]))[0]


async def create(ctx: RequestContext, client: ApiClient) -> ApiClient:
    """POST: the ID is read-only, so a body ID is ignored and one is generated."""
    return await create_client(ctx.connection, ctx.marketplace_id, client, now=ctx.now)


async def create_client(
    connection: AsyncConnection, marketplace_id: str, client: ApiClient, *, now: datetime, client_id: str | None = None
) -> ApiClient:
    """A new client under ``client_id`` (``mercato init --client-id``) or a generated ID; 409 IdExists when the ID
    is taken in any marketplace."""
    item_id = generate_id() if client_id is None else check_id(client_id)
    client = await _checked(connection, marketplace_id, client)
    values = store.values(client) | await _secret_change(client.ClientSecret)
    row = await _insert(connection, marketplace_id, item_id, values, now)
    if row is None:
        raise IdExists("ApiClient", item_id)
    return _present(store.from_row(row))


async def save(ctx: RequestContext, client_id: str, client: ApiClient) -> ApiClient:
    """PUT: every writable field replaced, or the client created at this ID. A body ID is ignored (no renames);
    a null or absent ClientSecret keeps the current one."""
    connection, scope = ctx.connection, _scope(ctx)
    client = await _checked(connection, ctx.marketplace_id, client)
    values = store.values(client) | await _secret_change(client.ClientSecret)
    if not await store.exists(connection, scope, client_id):
        row = await _insert(connection, ctx.marketplace_id, check_id(client_id), values, ctx.now)
        if row is not None:
            return _present(store.from_row(row))
        if not await store.exists(connection, scope, client_id):
            raise IdExists("ApiClient", client_id)  # taken in another marketplace
        # Another request created it a moment ago: replace that one, as PUT promises.
    item = await store.update(connection, scope, client_id, values, client_id)
    return (await _presented(connection, ctx.marketplace_id, [item]))[0]


async def patch(ctx: RequestContext, client_id: str, changes: dict[str, Any]) -> ApiClient:
    """PATCH: only the sent fields change (docs/decisions/0004); ClientSecret follows the same rule as PUT."""
    connection, scope = ctx.connection, _scope(ctx)
    current = await store.get(connection, scope, client_id)
    sent = {key: value for key, value in changes.items() if key == "ClientSecret" or key not in store.read_only}
    merged = convert(patch_model(msgspec.to_builtins(current), sent), ApiClient)
    merged = await _checked(connection, ctx.marketplace_id, merged)
    values = store.values(merged) | await _secret_change(merged.ClientSecret)
    item = await store.update(connection, scope, client_id, values, client_id)
    return (await _presented(connection, ctx.marketplace_id, [item]))[0]


async def delete_(ctx: RequestContext, client_id: str) -> None:
    """Its secrets and assignments go with it (ON DELETE CASCADE), and so do refresh tokens issued through it.

    A client an impersonation config uses stays (ApiClient.UsedByImpersonationConfig). Not checked (yet):
    ApiClient.CannotDeleteLastFullAccess, UsedByIntegration."""
    if await used_by_config(ctx.connection, ctx.marketplace_id, client=client_id):
        raise Conflict(
            "ApiClient.UsedByImpersonationConfig",
            f"API client {client_id} is used by an impersonation config",
            {"ApiClientID": client_id},
        )
    await store.delete(ctx.connection, _scope(ctx), client_id)
    rt = refresh_tokens.c
    await ctx.connection.execute(
        delete(refresh_tokens).where(rt.marketplace_id == ctx.marketplace_id, rt.client_id == client_id)
    )


async def _insert(
    connection: AsyncConnection, marketplace_id: str, item_id: str, values: dict[str, Any], now: datetime
) -> Row[Any] | None:
    row = {"marketplace_id": marketplace_id, "id": item_id, "client_secret_hash": None, **values, "date_created": now}
    # ON CONFLICT (id): a client ID is unique across marketplaces, because the token endpoint gets only client_id.
    statement = insert_if_absent(connection.dialect.name, api_clients, row, ["id"])
    return (await connection.execute(statement.returning(*api_clients.c))).first()


async def _secret_change(secret: str | None) -> dict[str, Any]:
    """null: keep the stored secret; "": remove it; any other string: replace it (hashed)."""
    if secret is None:
        return {}
    return {"client_secret_hash": await hash_password(secret) if secret else None}


async def _checked(connection: AsyncConnection, marketplace_id: str, client: ApiClient) -> ApiClient:
    """The client as stored: "" reads as null, role lists as lists without repeats; then the cross-field rules."""
    client = msgspec.structs.replace(
        client,
        DefaultContextUserName=client.DefaultContextUserName or None,
        OrderCheckoutIntegrationEventID=client.OrderCheckoutIntegrationEventID or None,
        OrderReturnIntegrationEventID=client.OrderReturnIntegrationEventID or None,
        AddToCartIntegrationEventID=client.AddToCartIntegrationEventID or None,
        MinimumRequiredRoles=_distinct(client.MinimumRequiredRoles),
        MinimumRequiredCustomRoles=_distinct(client.MinimumRequiredCustomRoles),
        MaximumGrantedRoles=_distinct(client.MaximumGrantedRoles),
        MaximumGrantedCustomRoles=_distinct(client.MaximumGrantedCustomRoles),
    )
    if client.IsAnonBuyer and not await _is_buyer_user(connection, marketplace_id, client.DefaultContextUserName):
        raise BadRequest(
            "ApiClient.RequiredNotAnonBuyer",
            "IsAnonBuyer requires DefaultContextUserName to name a buyer user",
            {"DefaultContextUserName": client.DefaultContextUserName},
        )
    # Seam: the *IntegrationEventID fields will be checked against IntegrationEvents (and their names returned)
    # once that resource exists.
    return client


def _distinct(values: Sequence[T] | None) -> list[T]:
    return list(dict.fromkeys(values or ()))


async def _is_buyer_user(connection: AsyncConnection, marketplace_id: str, username: str | None) -> bool:
    if not username:
        return False
    u = users.c
    found = exists().where(
        u.marketplace_id == marketplace_id, u.username_key == username.lower(), u.user_type == UserType.BUYER.value
    )
    return bool(await connection.scalar(select(found)))


async def _presented(connection: AsyncConnection, marketplace_id: str, items: list[ApiClient]) -> list[ApiClient]:
    """With AssignedBuyerCount / AssignedSupplierCount, counted for the whole page in one query."""
    if not items:
        return items
    a = api_client_assignments.c
    query = (
        select(
            a.api_client_id,
            func.sum(case((a.buyer_id != "", 1), else_=0)),
            func.sum(case((a.supplier_id != "", 1), else_=0)),
        )
        .where(a.marketplace_id == marketplace_id, a.api_client_id.in_([item.ID for item in items]))
        .group_by(a.api_client_id)
    )
    counts = {row[0]: (int(row[1]), int(row[2])) for row in await connection.execute(query)}
    return [_present(item, counts.get(item.ID, (0, 0))) for item in items]


DEFAULT_ANONYMOUS_MINUTES = 10080


def _present(item: ApiClient, counts: tuple[int, int] = (0, 0)) -> ApiClient:
    return msgspec.structs.replace(
        item,
        ClientSecret=None,
        # null reads as the default: ordercloud-python types this field as a plain int and rejects null
        AnonymousTokenDuration=item.AnonymousTokenDuration or DEFAULT_ANONYMOUS_MINUTES,
        AssignedBuyerCount=counts[0],
        AssignedSupplierCount=counts[1],
        MinimumRequiredRoles=item.MinimumRequiredRoles or [],
        MinimumRequiredCustomRoles=item.MinimumRequiredCustomRoles or [],
        MaximumGrantedRoles=item.MaximumGrantedRoles or [],
        MaximumGrantedCustomRoles=item.MaximumGrantedCustomRoles or [],
    )


async def require_client(ctx: RequestContext, client_id: str, *, lock: bool = False) -> None:
    """404 ApiClient unless it exists; ``lock`` holds its row until commit (FOR UPDATE; SQLite's write lock)."""
    query = select(api_clients.c.id).where(*store.key(_scope(ctx), client_id))
    if lock:
        query = query.with_for_update()
    if (await ctx.connection.execute(query)).first() is None:
        raise NotFound("ApiClient", client_id)
