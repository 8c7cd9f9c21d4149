"""The caller's address book (``/me/addresses``), for buyer users.

A buyer user sees, flattened into one list of BuyerAddress:

* its buyer's addresses assigned to the whole buyer, to one of the user's groups, or to the user — once each
  however many of those assignments reach it, with Shipping / Billing = any applicable assignment's
  IsShipping / IsBilling, and Editable false: they can be read here, never changed (403 Address.CannotEditPublic);
* its private addresses (owner_type "me", company_id = the user's uid), created here and invisible to everyone
  else, admins included: Shipping, Billing and Editable are all true.

Both parts are one SQL query (a common table expression named ``my_addresses``, see listing.py) that the list
engine filters, sorts and pages. Admin and supplier users have no buyer: they see nothing, and have nowhere to
keep a private address (404 Buyer).
"""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import CTE, ColumnElement, Row, Select, false, select, true, union_all

from mercato.accounts.buyer_assignments import assigned_to
from mercato.context import RequestContext, UserType
from mercato.db.tables import address_assignments, addresses
from mercato.errors import Forbidden, NotFound, ValidationFailure
from mercato.listing import ListPage, ListQuery, fetch_page, page_meta
from mercato.resources.me_addresses.listing import ADDRESS_COLUMNS, SPEC, my_addresses
from mercato.resources.me_addresses.schemas import ME_ONLY, Address, BuyerAddress
from mercato.store import Scope, Store

PRIVATE_OWNER = "me"
BUYER_OWNER = "buyer"

store = Store(
    addresses,
    Address,
    "Address",
    scope=("marketplace_id", "owner_type", "company_id"),
    read_only=frozenset({"ID", "DateCreated"}),  # BuyerAddress.ID is read-only: private addresses never rename
)
"""The caller's private addresses."""

a = addresses.c
aa = address_assignments.c
ADDRESS_FIELDS = tuple(f.name for f in msgspec.structs.fields(Address) if f.name != "ID")


def _scope(ctx: RequestContext) -> Scope:
    return {"marketplace_id": ctx.marketplace_id, "owner_type": PRIVATE_OWNER, "company_id": ctx.caller.uid}


def _is_buyer(ctx: RequestContext) -> bool:
    return ctx.caller.user_type is UserType.BUYER


# --- reads ------------------------------------------------------------------------------------------------------


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[BuyerAddress]:
    if not _is_buyer(ctx):
        return ListPage(Items=[], Meta=page_meta(query, 0, 0))
    page = await fetch_page(ctx.connection, _mine(ctx), SPEC, query)
    return ListPage(Items=[_buyer_address(row) for row in page.rows], Meta=page.meta)


async def get(ctx: RequestContext, address_id: str) -> BuyerAddress:
    return _buyer_address(await _require_visible(ctx, address_id))


def _mine(ctx: RequestContext) -> Select[Any]:
    return select(my_addresses).add_cte(_visible(ctx))


def _visible(ctx: RequestContext) -> CTE:
    """``my_addresses`` for this caller: the assigned buyer addresses, then the private ones (disjoint, as they
    differ in owner_type, so UNION ALL). Assignments are tested with EXISTS, never joined, so none repeats."""
    caller = ctx.caller

    def reaching_me(*matching: ColumnElement[bool]) -> ColumnElement[bool]:
        return assigned_to(caller, address_assignments, aa.owner_type == BUYER_OWNER, aa.address_id == a.id, *matching)

    assigned = select(
        *ADDRESS_COLUMNS,
        reaching_me(aa.is_shipping).label("shipping"),
        reaching_me(aa.is_billing).label("billing"),
        false().label("editable"),
    ).where(
        a.marketplace_id == ctx.marketplace_id,
        a.owner_type == BUYER_OWNER,
        a.company_id == caller.company_id,
        reaching_me(),
    )
    private = select(
        *ADDRESS_COLUMNS, true().label("shipping"), true().label("billing"), true().label("editable")
    ).where(a.marketplace_id == ctx.marketplace_id, a.owner_type == PRIVATE_OWNER, a.company_id == caller.uid)
    return union_all(assigned, private).cte(my_addresses.name)


async def _require_visible(ctx: RequestContext, address_id: str) -> Row[Any]:
    """The caller's view of one address, 404 when it sees none. Should a private address and an assigned one
    share an ID (generated IDs make that all but impossible), the private one wins: it is the one Me may edit."""
    row: Row[Any] | None = None
    if _is_buyer(ctx):
        query = _mine(ctx).where(my_addresses.c.id == address_id).order_by(my_addresses.c.editable.desc()).limit(1)
        row = (await ctx.connection.execute(query)).first()
    if row is None:
        raise NotFound("Address", address_id)
    return row


def _buyer_address(row: Row[Any]) -> BuyerAddress:
    values = row._mapping
    fields = {field: values[column] for field, column in store.fields}
    return BuyerAddress(**fields, Shipping=values["shipping"], Billing=values["billing"], Editable=values["editable"])


# --- writes (private addresses only) ----------------------------------------------------------------------------


async def create(ctx: RequestContext, body: BuyerAddress) -> BuyerAddress:
    """A new private address under a generated ID (BuyerAddress.ID is read-only)."""
    if not _is_buyer(ctx):
        raise NotFound("Buyer", None)
    created = await store.create(ctx.connection, _scope(ctx), _address(body), {"date_created": ctx.now})
    return _private(created)


async def save(ctx: RequestContext, address_id: str, body: BuyerAddress) -> BuyerAddress:
    """PUT replaces a private address; it never creates one (the ID is the server's to choose)."""
    await _require_private(ctx, address_id)
    return _private((await store.save(ctx.connection, _scope(ctx), address_id, _address(body))).item)


async def patch(ctx: RequestContext, address_id: str, changes: dict[str, Any]) -> None:
    await _require_private(ctx, address_id)
    for name in ME_ONLY:
        if changes.get(name) is not None and not isinstance(changes[name], bool):
            raise ValidationFailure(f"{name} must be a boolean", name)
    sent = {key: value for key, value in changes.items() if key not in ME_ONLY}
    await store.patch(ctx.connection, _scope(ctx), address_id, sent)


async def delete(ctx: RequestContext, address_id: str) -> None:
    await _require_private(ctx, address_id)
    await store.delete(ctx.connection, _scope(ctx), address_id)


async def _require_private(ctx: RequestContext, address_id: str) -> None:
    if not (await _require_visible(ctx, address_id)).editable:
        raise Forbidden(
            "Address.CannotEditPublic",
            f"Address {address_id} is assigned to you by your buyer: it can be used, not changed, through /me",
            {"ObjectType": "Address", "ObjectID": address_id},
        )


def _address(body: BuyerAddress) -> Address:
    """The stored part of a body: no ID (read-only), no flags (computed)."""
    return Address(**{field: getattr(body, field) for field in ADDRESS_FIELDS})


def _private(address: Address) -> BuyerAddress:
    return BuyerAddress(**msgspec.structs.asdict(address), Shipping=True, Billing=True, Editable=True)
