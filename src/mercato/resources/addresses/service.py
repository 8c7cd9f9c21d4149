"""A buyer's addresses (``/buyers/{buyerID}/addresses``) and their assignments to the buyer, its groups and users.

Buyer addresses are rows of the shared ``addresses`` table with owner_type "buyer" and company_id = the buyer.
Private addresses that buyer users keep through ``/me/addresses`` (owner_type "me") are never seen here.
Deleting an address removes its assignments and renaming it carries them along (ON DELETE/UPDATE CASCADE).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, select
from sqlalchemy import delete as delete_from

from mercato.accounts.buyer_assignments import (
    BuyerParty,
    party_filters,
    party_of,
    party_of_query,
    refuse_search,
    require_party,
    shown,
)
from mercato.context import RequestContext
from mercato.db.dialect import upsert
from mercato.db.tables import address_assignments, addresses
from mercato.errors import BadRequest, NotFound, ValidationFailure
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.resources.addresses.listing import ASSIGNMENT_SPEC, SPEC
from mercato.resources.addresses.schemas import Address, AddressAssignment
from mercato.store import Scope, Store

BUYER_OWNER = "buyer"
ASSIGNMENTS_SEGMENT = "assignments"
"""The literal route segment beside /addresses/{ID}: an address with this ID could not be addressed."""

store = Store(
    addresses,
    Address,
    "Address",
    scope=("marketplace_id", "owner_type", "company_id"),
    read_only=frozenset({"DateCreated"}),
)

t = address_assignments
a = address_assignments.c


def _scope(ctx: RequestContext, buyer_id: str) -> Scope:
    return {"marketplace_id": ctx.marketplace_id, "owner_type": BUYER_OWNER, "company_id": buyer_id}


def _server(ctx: RequestContext) -> dict[str, Any]:
    """Read-only values of a new address."""
    return {"date_created": ctx.now}


# --- addresses --------------------------------------------------------------------------------------------------


async def list_(ctx: RequestContext, buyer_id: str, query: ListQuery) -> ListPage[Address]:
    return await store.list(ctx.connection, SPEC, query, store.select(_scope(ctx, buyer_id)))


async def get(ctx: RequestContext, buyer_id: str, address_id: str) -> Address:
    return await store.get(ctx.connection, _scope(ctx, buyer_id), address_id)


async def create(ctx: RequestContext, buyer_id: str, address: Address) -> Address:
    check_id(address.ID)
    return await store.create(ctx.connection, _scope(ctx, buyer_id), address, _server(ctx))


async def save(ctx: RequestContext, buyer_id: str, address_id: str, address: Address) -> Address:
    check_id(address.ID)
    return (await store.save(ctx.connection, _scope(ctx, buyer_id), address_id, address, _server(ctx))).item


async def patch(ctx: RequestContext, buyer_id: str, address_id: str, changes: dict[str, Any]) -> Address:
    check_id(changes.get("ID"))
    return await store.patch(ctx.connection, _scope(ctx, buyer_id), address_id, changes)


async def delete(ctx: RequestContext, buyer_id: str, address_id: str) -> None:
    """Its assignments go with it (ON DELETE CASCADE)."""
    await store.delete(ctx.connection, _scope(ctx, buyer_id), address_id)


def check_id(address_id: Any) -> None:
    if isinstance(address_id, str) and address_id.lower() == ASSIGNMENTS_SEGMENT:
        raise ValidationFailure(f"{address_id!r} is reserved: .../addresses/{address_id} lists assignments", "ID")


# --- assignments ------------------------------------------------------------------------------------------------


async def save_assignment(ctx: RequestContext, buyer_id: str, assignment: AddressAssignment) -> None:
    """Create the assignment, or update the flags of the one with the same address and party (idempotent)."""
    party = party_of(assignment.UserID, assignment.UserGroupID)
    if not (assignment.IsShipping or assignment.IsBilling):
        raise BadRequest(
            "AddressAssignment.MustBeBillingOrShipping",
            "An address assignment must make the address a shipping address, a billing address, or both",
            {"AddressID": assignment.AddressID},
        )
    await _require_address(ctx, buyer_id, assignment.AddressID)
    await require_party(ctx.connection, ctx.marketplace_id, buyer_id, party)
    row = {
        "marketplace_id": ctx.marketplace_id,
        "buyer_id": buyer_id,
        "owner_type": BUYER_OWNER,
        "address_id": assignment.AddressID,
        **party.columns(),
        "is_shipping": bool(assignment.IsShipping),
        "is_billing": bool(assignment.IsBilling),
    }
    key = [column.name for column in t.primary_key.columns]
    await ctx.connection.execute(upsert(ctx.connection.dialect.name, t, row, key))


async def delete_assignment(ctx: RequestContext, buyer_id: str, address_id: str, parameters: Mapping[str, str]) -> None:
    """Removes the one assignment of this address to exactly this party (none named: the buyer-level one); 204
    also when there was none (idempotent, like the save), but 404 when the address does not exist."""
    party = query_party(parameters)
    await _require_address(ctx, buyer_id, address_id)
    await ctx.connection.execute(
        delete_from(t).where(
            a.marketplace_id == ctx.marketplace_id,
            a.buyer_id == buyer_id,
            a.owner_type == BUYER_OWNER,
            a.address_id == address_id,
            *party.matches(t),
        )
    )


async def list_assignments(ctx: RequestContext, buyer_id: str, query: ListQuery) -> ListPage[AddressAssignment]:
    refuse_search(query, "Address assignments")
    page = await fetch_page(ctx.connection, _assignments(ctx, buyer_id, query.parameters), ASSIGNMENT_SPEC, query)
    return ListPage(Items=[_assignment(row) for row in page.rows], Meta=page.meta)


def _assignments(ctx: RequestContext, buyer_id: str, parameters: Mapping[str, str]) -> Select[Any]:
    conditions: list[ColumnElement[bool]] = [
        a.marketplace_id == ctx.marketplace_id,
        a.buyer_id == buyer_id,
        a.owner_type == BUYER_OWNER,
        *party_filters(t, parameters),
    ]
    if parameters.get("addressID"):
        conditions.append(a.address_id == parameters["addressID"])
    for name, column in (("isShipping", a.is_shipping), ("isBilling", a.is_billing)):
        wanted = _flag(parameters, name)
        if wanted is not None:
            conditions.append(column == wanted)
    # MODELS.md's sort priorities: AddressID, UserID, then UserGroupID (the spec's tiebreak).
    return select(t).where(*conditions).order_by(a.address_id, a.user_id)


def _assignment(row: Row[Any]) -> AddressAssignment:
    return AddressAssignment(
        AddressID=row.address_id,
        UserID=shown(row.user_id),
        UserGroupID=shown(row.user_group_id),
        IsShipping=row.is_shipping,
        IsBilling=row.is_billing,
    )


def query_party(parameters: Mapping[str, str]) -> BuyerParty:
    """The party DeleteAssignment's ``userID``/``userGroupID`` name (neither: the buyer-level assignment)."""
    return party_of_query(parameters)


def _flag(parameters: Mapping[str, str], name: str) -> bool | None:
    """``true`` / ``false`` in any case; blank = not given."""
    text = parameters.get(name)
    if not text:
        return None
    if text.lower() not in ("true", "false"):
        raise ValidationFailure(f"{name} must be true or false (got {text[:100]!r})", name)
    return text.lower() == "true"


async def _require_address(ctx: RequestContext, buyer_id: str, address_id: str) -> None:
    if not await store.exists(ctx.connection, _scope(ctx, buyer_id), address_id):
        raise NotFound("Address", address_id)
