"""The user an order is placed for (its FromUser): read once when the order is created, kept as an OrderUser copy,
and turned back into a ``Caller`` so that the checks that follow the order's user (which products it sees, at what
price, which addresses it may use) run for that user even when an admin acts on the order."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.catalog.visibility import Party, party_of
from mercato.context import Caller, UserType
from mercato.db.tables import users
from mercato.errors import BadRequest, NotFound

u = users.c


async def buyer_user(connection: AsyncConnection, marketplace_id: str, user_id: str, buyer_id: str | None) -> Row[Any]:
    """A buyer user by ID (within ``buyer_id`` when given), for orders created on its behalf: 404 when none."""
    query = select(users).where(
        u.marketplace_id == marketplace_id, u.id == user_id, u.user_type == UserType.BUYER.value
    )
    if buyer_id:
        query = query.where(u.company_id == buyer_id)
    row = (await connection.execute(query.limit(2))).all()
    if len(row) != 1:
        if len(row) > 1:
            raise BadRequest("Buyer.RequiredIDOnBehalf", "Several buyers have a user with this ID: name the buyer")
        raise NotFound("User", user_id)
    return row[0]


async def user_by_uid(connection: AsyncConnection, marketplace_id: str, uid: str) -> Row[Any]:
    row = (await connection.execute(select(users).where(u.marketplace_id == marketplace_id, u.uid == uid))).first()
    if row is None:
        raise NotFound("User", uid)
    return row


def order_user(row: Row[Any]) -> dict[str, Any]:
    """Order.FromUser: the OrderUser fields an order shows (never a secret). Dates stay datetimes: the JSON
    columns' encoder writes them as RFC 3339 in UTC."""
    r = row._mapping
    return {
        "ID": r["id"],
        "CompanyID": r["company_id"],
        "Username": r["username"],
        "FirstName": r["first_name"],
        "LastName": r["last_name"],
        "Email": r["email"],
        "Phone": r["phone"],
        "TermsAccepted": r["terms_accepted"],
        "Active": r["active"],
        "xp": r["xp"],
        "DateCreated": r["date_created"],
    }


def as_caller(order: Row[Any]) -> Caller:
    """The order's user as a caller with no roles: what visibility and assignment checks need."""
    o = order._mapping
    username = (o["from_user"] or {}).get("Username", o["from_user_id"])
    return _caller(o["marketplace_id"], o["from_user_uid"], o["from_user_id"], username, o["from_company_id"])


def user_as_caller(user: Row[Any]) -> Caller:
    """A buyer user's row as a caller with no roles."""
    return _caller(user.marketplace_id, user.uid, user.id, user.username, user.company_id)


def _caller(marketplace_id: str, uid: str, user_id: str, username: str, buyer_id: str) -> Caller:
    return Caller(
        marketplace_id=marketplace_id,
        uid=uid,
        user_id=user_id,
        username=username,
        user_type=UserType.BUYER,
        company_id=buyer_id,
        client_id="",
        roles=frozenset(),
        token_id="",
    )


def party_parameters(order: Row[Any]) -> dict[str, str]:
    """The values of mercato.catalog.visibility.BOUND_PARTY's parameters for the order's user: statements built
    once on the bound party (visibility, prices) run for this user with them."""
    return {
        "party_marketplace_id": order.marketplace_id,
        "party_buyer_id": order.from_company_id,
        "party_user_uid": order.from_user_uid,
    }


def party(order: Row[Any]) -> Party:
    found = party_of(as_caller(order))
    assert found is not None  # a buyer caller always has a party
    return found
