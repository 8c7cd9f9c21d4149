"""The addresses an order and its lines refer to (SEMANTICS.md §6.6): a saved address the order's user may ship or
bill to, copied into the order so that it keeps what it was placed with.

The user's addresses are its buyer's addresses assigned to it (to the buyer, one of its groups, or the user) and
its private ones; shipping needs an assignment with IsShipping (private addresses serve both), billing one with
IsBilling. A visible address of the wrong kind is 400 Address.IsNotShippingAddress (OrderCloud's code) or
Address.IsNotBillingAddress (ours, its twin); an address the user cannot see is a 404.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.accounts.buyer_assignments import assigned_to
from mercato.context import Caller
from mercato.db.tables import address_assignments, addresses
from mercato.errors import BadRequest, NotFound

a = addresses.c
aa = address_assignments.c

FIELDS = {
    "ID": "id",
    "DateCreated": "date_created",
    "CompanyName": "company_name",
    "FirstName": "first_name",
    "LastName": "last_name",
    "Street1": "street1",
    "Street2": "street2",
    "City": "city",
    "State": "state",
    "Zip": "zip",
    "Country": "country",
    "Phone": "phone",
    "AddressName": "address_name",
    "xp": "xp",
}


def _usable(user: Caller, kind: ColumnElement[bool] | None) -> ColumnElement[bool]:
    matching = [aa.owner_type == "buyer", aa.address_id == a.id]
    if kind is not None:
        matching.append(kind)
    return or_(
        and_(
            a.owner_type == "buyer", a.company_id == user.company_id, assigned_to(user, address_assignments, *matching)
        ),
        and_(a.owner_type == "me", a.company_id == user.uid),
    )


async def order_address(
    connection: AsyncConnection, user: Caller, address_id: str, *, shipping: bool
) -> dict[str, Any]:
    """The copy of ``address_id`` to keep on the order, checked as described above."""
    kind = aa.is_shipping.is_(True) if shipping else aa.is_billing.is_(True)
    base = select(*(a[column] for column in FIELDS.values())).where(
        a.marketplace_id == user.marketplace_id, a.id == address_id
    )
    row = (await connection.execute(base.where(_usable(user, kind)).limit(1))).first()
    if row is not None:
        return snapshot(row._mapping)
    if (await connection.execute(base.where(_usable(user, None)).limit(1))).first() is not None:
        code, what = (
            ("Address.IsNotShippingAddress", "shipping") if shipping else ("Address.IsNotBillingAddress", "billing")
        )
        raise BadRequest(
            code, f"Address {address_id} is not a {what} address of the order's user", {"AddressID": address_id}
        )
    raise NotFound("Address", address_id)


def snapshot(values: Any) -> dict[str, Any]:
    """The Address (MODELS.md) of an ``addresses`` row, to keep in a JSON column (which encodes its date)."""
    return {field: values[column] for field, column in FIELDS.items()}


async def seller_address(connection: AsyncConnection, marketplace_id: str, address_id: str) -> dict[str, Any]:
    """A copy of one of the marketplace owner's addresses (a line's ShipFromAddressID), 404 when none."""
    query = select(*(a[column] for column in FIELDS.values())).where(
        a.marketplace_id == marketplace_id, a.owner_type == "admin", a.company_id == "", a.id == address_id
    )
    row = (await connection.execute(query)).first()
    if row is None:
        raise NotFound("Address", address_id)
    return snapshot(row._mapping)
