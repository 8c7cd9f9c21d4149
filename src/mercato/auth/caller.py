"""From verified claims to the Caller: one query checks that the user, client and marketplace still stand and
that the token has not been revoked since it was issued."""

from __future__ import annotations

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.auth.tokens import Claims
from mercato.context import Caller, UserType
from mercato.db.tables import api_clients, marketplaces, users
from mercato.errors import ErrorCode, Unauthorized


async def load_caller(connection: AsyncConnection, claims: Claims) -> Caller:
    query = (
        select(
            users.c.marketplace_id,
            users.c.id,
            users.c.user_type,
            users.c.company_id,
            users.c.active,
            users.c.token_generation,
            users.c.is_temp,
            api_clients.c.active.label("client_active"),
            marketplaces.c.active.label("marketplace_active"),
        )
        .select_from(
            api_clients.join(
                users,
                and_(users.c.marketplace_id == api_clients.c.marketplace_id, users.c.uid == claims.user_uid),
            ).join(marketplaces, marketplaces.c.id == api_clients.c.marketplace_id)
        )
        .where(api_clients.c.id == claims.client_id)
    )
    row = (await connection.execute(query)).first()
    if row is None or row.user_type != claims.user_type:
        raise Unauthorized(ErrorCode.AUTH_INVALID_TOKEN, "The access token's user or API client no longer exists")
    if row.token_generation != claims.generation:
        raise Unauthorized(ErrorCode.AUTH_TOKEN_REVOKED, "The access token has been revoked")
    if not row.active:
        raise Unauthorized(ErrorCode.AUTH_USER_NOT_ACTIVE, "The user is not active")
    if not row.client_active:
        raise Unauthorized(ErrorCode.AUTH_CLIENT_NOT_ACTIVE, "The API client is not active")
    if not row.marketplace_active:
        raise Unauthorized(ErrorCode.AUTH_SELLER_NOT_ACTIVE, "The marketplace is not active")
    return Caller(
        marketplace_id=row.marketplace_id,
        uid=claims.user_uid,
        user_id=row.id,
        username=claims.username,
        user_type=UserType(row.user_type),
        company_id=row.company_id,
        client_id=claims.client_id,
        roles=frozenset(claims.roles),
        token_id=claims.token_id,
        is_anonymous=bool(row.is_temp),
        order_id=claims.order_id,
    )
