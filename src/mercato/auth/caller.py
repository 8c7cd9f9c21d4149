"""From verified claims to the Caller: one query checks that the user, client and marketplace still stand and
that the token has not been revoked since it was issued."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.auth.tokens import Claims
from mercato.context import Caller, UserType
from mercato.db.tables import api_clients, buyers, marketplaces, users
from mercato.errors import ErrorCode, Unauthorized


def company_of(user_table: Any) -> Any:
    """Join condition from a users row to its buyer (when it is a buyer user)."""
    return and_(
        buyers.c.marketplace_id == user_table.c.marketplace_id,
        buyers.c.id == user_table.c.company_id,
        user_table.c.user_type == UserType.BUYER.value,
    )


CALLER_ROW = (
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
        buyers.c.active.label("buyer_active"),
    )
    .select_from(
        api_clients.join(
            users,
            and_(users.c.marketplace_id == api_clients.c.marketplace_id, users.c.uid == bindparam("user_uid")),
        )
        .join(marketplaces, marketplaces.c.id == api_clients.c.marketplace_id)
        .outerjoin(buyers, company_of(users))
    )
    .where(api_clients.c.id == bindparam("client_id"))
)
"""Built once: SQLAlchemy then keys and compiles it once per process, where a statement built per request pays
both every time (most of this query's Python cost)."""


async def load_caller(connection: AsyncConnection, claims: Claims) -> Caller:
    parameters = {"user_uid": claims.user_uid, "client_id": claims.client_id}
    row = (await connection.execute(CALLER_ROW, parameters)).first()
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
    if row.user_type == UserType.BUYER and not row.buyer_active:
        raise Unauthorized(ErrorCode.AUTH_COMPANY_NOT_ACTIVE, "The user's buyer organisation is not active")
    if claims.impersonator_uid is not None:
        impersonator_active = await connection.scalar(
            select(users.c.active).where(
                users.c.marketplace_id == row.marketplace_id, users.c.uid == claims.impersonator_uid
            )
        )
        if not impersonator_active:
            raise Unauthorized(ErrorCode.AUTH_INVALID_TOKEN, "The impersonating user is no longer active")
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
