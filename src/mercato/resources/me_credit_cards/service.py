"""``/me/creditcards``: the cards a buyer user may pay with — those assigned to its buyer, to one of its groups or
to the user, and the user's own private cards (owner_type "me", company_id = the user's uid), which nobody else
sees, admins included. Only private cards can be created, changed or deleted here (Editable = true).

The IDs of private cards are the server's (BuyerCreditCard.ID is read-only), so they do not collide with the
buyer's cards in practice; should a buyer card ever carry the same ID, the single-card routes address the
user's own card.
"""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import Row, Select, and_, case, or_, select

from mercato.accounts.buyer_assignments import assigned_to
from mercato.context import RequestContext, UserType
from mercato.db.tables import credit_card_assignments, credit_cards
from mercato.errors import Forbidden, NotFound
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.resources.credit_cards.schemas import BuyerCreditCard, checked
from mercato.resources.me_credit_cards.listing import PRIVATE, SPEC
from mercato.store import Scope, Store

c = credit_cards.c
a = credit_card_assignments.c

store = Store(
    credit_cards,
    BuyerCreditCard,
    "CreditCard",
    scope=("marketplace_id", "owner_type", "company_id"),
    read_only=frozenset({"ID", "DateCreated"}),
    computed=frozenset({"Editable"}),
)


def _private(ctx: RequestContext) -> Scope:
    return {"marketplace_id": ctx.marketplace_id, "owner_type": PRIVATE, "company_id": ctx.caller.uid}


def _visible(ctx: RequestContext) -> Select[Any]:
    """Every card the caller may see: its own, and the buyer's cards assigned to it (each card once, however
    many of its assignments reach the caller: the assignment test is an EXISTS, not a join)."""
    caller = ctx.caller
    own = and_(c.owner_type == PRIVATE, c.company_id == caller.uid)
    assigned = and_(
        c.owner_type == "buyer",
        c.company_id == caller.company_id,
        assigned_to(caller, credit_card_assignments, a.owner_type == "buyer", a.credit_card_id == c.id),
    )
    return select(credit_cards).where(c.marketplace_id == ctx.marketplace_id, or_(own, assigned))


def _present(row: Row[Any]) -> BuyerCreditCard:
    return msgspec.structs.replace(store.from_row(row), Editable=row.owner_type == PRIVATE)


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[BuyerCreditCard]:
    page = await fetch_page(ctx.connection, _visible(ctx), SPEC, query)
    return ListPage(Items=[_present(row) for row in page.rows], Meta=page.meta)


async def get(ctx: RequestContext, card_id: str) -> BuyerCreditCard:
    return _present(await _find(ctx, card_id))


async def create(ctx: RequestContext, card: BuyerCreditCard) -> BuyerCreditCard:
    _require_writer(ctx)
    created = await store.create(ctx.connection, _private(ctx), _sent(card), {"date_created": ctx.now})
    return msgspec.structs.replace(created, Editable=True)


async def save(ctx: RequestContext, card_id: str, card: BuyerCreditCard) -> BuyerCreditCard:
    """Replaces one of the caller's own cards; it does not create one (Me.SaveCreditCard "updates")."""
    await _find_own(ctx, card_id)
    saved = await store.save(ctx.connection, _private(ctx), card_id, _sent(card))
    return msgspec.structs.replace(saved.item, Editable=True)


async def patch(ctx: RequestContext, card_id: str, changes: dict[str, Any]) -> None:
    await _find_own(ctx, card_id)
    merged = await store.merged(ctx.connection, _private(ctx), card_id, changes)
    await store.save(ctx.connection, _private(ctx), card_id, _sent(merged))


async def delete(ctx: RequestContext, card_id: str) -> None:
    await _find_own(ctx, card_id)
    await store.delete(ctx.connection, _private(ctx), card_id)


def _sent(card: BuyerCreditCard) -> BuyerCreditCard:
    """ID and Editable are the server's: ignored in bodies, so a PUT or PATCH never renames a card."""
    return msgspec.structs.replace(checked(card), ID=None, Editable=False)


async def _find(ctx: RequestContext, card_id: str) -> Row[Any]:
    """The visible card with this ID, the caller's own first (one query); 404 when none is visible."""
    query = _visible(ctx).where(c.id == card_id).order_by(case((c.owner_type == PRIVATE, 0), else_=1)).limit(1)
    row: Row[Any] | None = (await ctx.connection.execute(query)).first()
    if row is None:
        raise NotFound("CreditCard", card_id)
    return row


async def _find_own(ctx: RequestContext, card_id: str) -> None:
    """Writes reach the caller's own cards only: a visible card of the buyer is 403 CreditCard.CannotEditPublic,
    an invisible one 404."""
    row = await _find(ctx, card_id)
    if row.owner_type != PRIVATE:
        raise Forbidden(
            "CreditCard.CannotEditPublic",
            f"Credit card {card_id} is assigned to you by your organisation; only your own cards can be changed",
            {"ObjectType": "CreditCard", "ObjectID": card_id},
        )


def _require_writer(ctx: RequestContext) -> None:
    """Admin and supplier users have no buyer: nowhere to keep a card (SEMANTICS.md §3.3, Me routes serve buyer
    users), as /me/addresses answers."""
    if ctx.caller.user_type is not UserType.BUYER:
        raise NotFound("Buyer", None)
