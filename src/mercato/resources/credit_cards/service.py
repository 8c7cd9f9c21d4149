"""A buyer's credit cards (``/buyers/{buyerID}/creditcards``) and their assignments to the buyer, its groups and
its users. Cards live in ``credit_cards`` with owner_type "buyer" and company_id = the buyer; a buyer user's private
cards (owner_type "me", see resources/me_credit_cards) share the table and are invisible here, even to admins."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete as delete_from
from sqlalchemy import select

from mercato.accounts.buyer_assignments import (
    party_filters,
    party_of,
    party_of_query,
    refuse_search,
    require_party,
    shown,
)
from mercato.context import RequestContext
from mercato.db.dialect import insert_if_absent
from mercato.db.tables import credit_card_assignments, credit_cards
from mercato.errors import NotFound, ValidationFailure
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.resources.credit_cards.listing import ASSIGNMENT_SPEC, SPEC
from mercato.resources.credit_cards.schemas import CreditCard, CreditCardAssignment, checked
from mercato.store import Scope, Store

OWNER = "buyer"
ASSIGNMENTS_SEGMENT = "assignments"
"""The literal route segment beside /creditcards/{ID}: a card with this ID could not be addressed."""

store = Store(
    credit_cards,
    CreditCard,
    "CreditCard",
    scope=("marketplace_id", "owner_type", "company_id"),
    read_only=frozenset({"DateCreated"}),
)
t = credit_card_assignments
a = credit_card_assignments.c


def _scope(ctx: RequestContext, buyer_id: str) -> Scope:
    return {"marketplace_id": ctx.marketplace_id, "owner_type": OWNER, "company_id": buyer_id}


def _server(ctx: RequestContext) -> dict[str, Any]:
    return {"date_created": ctx.now}


async def list_(ctx: RequestContext, buyer_id: str, query: ListQuery) -> ListPage[CreditCard]:
    return await store.list(ctx.connection, SPEC, query, store.select(_scope(ctx, buyer_id)))


async def get(ctx: RequestContext, buyer_id: str, card_id: str) -> CreditCard:
    return await store.get(ctx.connection, _scope(ctx, buyer_id), card_id)


async def create(ctx: RequestContext, buyer_id: str, card: CreditCard) -> CreditCard:
    _check_id(card.ID)
    return await store.create(ctx.connection, _scope(ctx, buyer_id), checked(card), _server(ctx))


async def save(ctx: RequestContext, buyer_id: str, card_id: str, card: CreditCard) -> CreditCard:
    """Create or replace; a new ID in the body renames the card and its assignments follow (ON UPDATE CASCADE)."""
    _check_id(card.ID)
    return (await store.save(ctx.connection, _scope(ctx, buyer_id), card_id, checked(card), _server(ctx))).item


async def patch(ctx: RequestContext, buyer_id: str, card_id: str, changes: dict[str, Any]) -> CreditCard:
    _check_id(changes.get("ID"))
    scope = _scope(ctx, buyer_id)
    merged = checked(await store.merged(ctx.connection, scope, card_id, changes))
    return (await store.save(ctx.connection, scope, card_id, merged)).item


async def delete(ctx: RequestContext, buyer_id: str, card_id: str) -> None:
    """Its assignments go with it (ON DELETE CASCADE)."""
    await store.delete(ctx.connection, _scope(ctx, buyer_id), card_id)


def _check_id(card_id: Any) -> None:
    if isinstance(card_id, str) and card_id.lower() == ASSIGNMENTS_SEGMENT:
        raise ValidationFailure(f"{card_id!r} is reserved: /creditcards/{card_id} lists assignments", "ID")


# --- assignments ------------------------------------------------------------------------------------------------


async def save_assignment(ctx: RequestContext, buyer_id: str, assignment: CreditCardAssignment) -> None:
    """Idempotent: saving an existing assignment changes nothing and still answers 204."""
    party = party_of(assignment.UserID, assignment.UserGroupID)
    await _require_card(ctx, buyer_id, assignment.CreditCardID)
    await require_party(ctx.connection, ctx.marketplace_id, buyer_id, party)
    row = {
        "marketplace_id": ctx.marketplace_id,
        "buyer_id": buyer_id,
        "owner_type": OWNER,
        "credit_card_id": assignment.CreditCardID,
        **party.columns(),
    }
    key = [column.name for column in t.primary_key.columns]
    await ctx.connection.execute(insert_if_absent(ctx.connection.dialect.name, t, row, key))


async def delete_assignment(ctx: RequestContext, buyer_id: str, card_id: str, parameters: Mapping[str, str]) -> None:
    """Removes the one assignment to exactly this party (none named: the buyer-level one); 204 also when there was
    none, but 404 when the card itself does not exist."""
    party = party_of_query(parameters)
    await _require_card(ctx, buyer_id, card_id)
    await ctx.connection.execute(
        delete_from(t).where(
            a.marketplace_id == ctx.marketplace_id,
            a.buyer_id == buyer_id,
            a.owner_type == OWNER,
            a.credit_card_id == card_id,
            *party.matches(t),
        )
    )


async def list_assignments(ctx: RequestContext, buyer_id: str, query: ListQuery) -> ListPage[CreditCardAssignment]:
    refuse_search(query, "Credit card assignments")
    base = select(t).where(
        a.marketplace_id == ctx.marketplace_id,
        a.buyer_id == buyer_id,
        a.owner_type == OWNER,
        *party_filters(t, query.parameters),
    )
    if query.parameters.get("creditCardID"):
        base = base.where(a.credit_card_id == query.parameters["creditCardID"])
    page = await fetch_page(ctx.connection, base.order_by(a.credit_card_id, a.user_group_id), ASSIGNMENT_SPEC, query)
    items = [
        CreditCardAssignment(
            CreditCardID=row.credit_card_id, UserID=shown(row.user_id), UserGroupID=shown(row.user_group_id)
        )
        for row in page.rows
    ]
    return ListPage(Items=items, Meta=page.meta)


async def _require_card(ctx: RequestContext, buyer_id: str, card_id: str) -> None:
    if not await store.exists(ctx.connection, _scope(ctx, buyer_id), card_id):
        raise NotFound("CreditCard", card_id)
