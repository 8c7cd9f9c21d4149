"""Price schedules (``/priceschedules``): quantity rules, price breaks and sale windows (SEMANTICS.md §5.3).

A schedule is "assigned" while a product assignment (``product_assignments.price_schedule_id``) or a product
(``products.default_price_schedule_id``) names it. Those references have no foreign key, so this service keeps
them in step in the request's transaction: deleting a schedule clears them, renaming one moves them. While
assigned, a schedule keeps its Currency and at least one price break.

Writes that read the stored breaks first (PUT, PATCH, the PriceBreaks routes) lock the row, so two concurrent
changes to one schedule cannot lose each other's breaks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import Row, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.catalog import pricing
from mercato.catalog.pricing import PriceScheduleCode
from mercato.codec import utc_field
from mercato.context import RequestContext
from mercato.db.tables import price_schedules, product_assignments, products
from mercato.errors import ApiError, BadRequest, NotFound, ValidationFailure
from mercato.listing import ListPage, ListQuery
from mercato.resources.price_schedules.listing import SPEC
from mercato.resources.price_schedules.schemas import (
    COMPUTED,
    MAX_PRICE_BREAKS,
    READ_ONLY,
    PriceBreak,
    PriceSchedule,
    core,
    rounded,
)
from mercato.store import Scope, Store

OBJECT_TYPE = "PriceSchedule"
c = price_schedules.c


class _ScheduleStore(Store[PriceSchedule]):
    """PriceBreaks live in one JSON column; IsOnSale is computed by ``shown`` at the request's clock."""

    def from_row(self, row: Row[Any] | Mapping[str, Any]) -> PriceSchedule:
        schedule = super().from_row(row)
        schedule.PriceBreaks = msgspec.convert(schedule.PriceBreaks or [], list[PriceBreak])
        return schedule


store = _ScheduleStore(
    price_schedules,
    PriceSchedule,
    OBJECT_TYPE,
    read_only=READ_ONLY,
    computed=COMPUTED,
    derived=lambda schedule: {"price_breaks": msgspec.to_builtins(schedule.PriceBreaks or [])},
)


def scope(ctx: RequestContext) -> Scope:
    return {"marketplace_id": ctx.marketplace_id}


def shown(schedule: PriceSchedule, now: datetime) -> PriceSchedule:
    """The schedule as answered: IsOnSale at ``now``."""
    schedule.IsOnSale = pricing.is_on_sale(core(schedule), now)
    return schedule


async def find_many(
    connection: AsyncConnection, marketplace_id: str, schedule_ids: Iterable[str], now: datetime
) -> dict[str, PriceSchedule]:
    """The named schedules that exist, by ID, as answered at ``now`` (one query; for product and order pricing)."""
    wanted = sorted(set(schedule_ids))
    if not wanted:
        return {}
    rows = await connection.execute(store.select({"marketplace_id": marketplace_id}).where(c.id.in_(wanted)))
    return {row.id: shown(store.from_row(row), now) for row in rows}


# --- CRUD ------------------------------------------------------------------------------------------------------


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[PriceSchedule]:
    page = await store.list(ctx.connection, SPEC, query, store.select(scope(ctx)))
    for item in page.Items:
        shown(item, ctx.now)
    return page


async def get(ctx: RequestContext, schedule_id: str) -> PriceSchedule:
    return shown(await store.get(ctx.connection, scope(ctx), schedule_id), ctx.now)


async def create(ctx: RequestContext, schedule: PriceSchedule) -> PriceSchedule:
    schedule = checked(schedule)
    owner = _owner(ctx, schedule.OwnerID)
    return shown(await store.create(ctx.connection, scope(ctx), schedule, {"owner_id": owner}), ctx.now)


async def save(ctx: RequestContext, schedule_id: str, schedule: PriceSchedule) -> PriceSchedule:
    """Create or replace. Replacing keeps OwnerID; a new ID in the body renames the schedule and its references
    follow."""
    schedule = checked(schedule)
    current = await _locked(ctx, schedule_id)
    if current is not None:
        await _check_change(ctx, current, schedule)
    owner = _owner(ctx, schedule.OwnerID) if current is None else current.OwnerID
    saved = await store.save(ctx.connection, scope(ctx), schedule_id, schedule, {"owner_id": owner})
    if not saved.created:
        await _move_references(ctx, schedule_id, saved.item.ID)
    return shown(saved.item, ctx.now)


async def patch(ctx: RequestContext, schedule_id: str, changes: dict[str, Any]) -> PriceSchedule:
    current = await _locked(ctx, schedule_id)
    if current is None:
        raise NotFound(OBJECT_TYPE, schedule_id)
    schedule = checked(await store.merged(ctx.connection, scope(ctx), schedule_id, changes))
    await _check_change(ctx, current, schedule)
    item = (await store.save(ctx.connection, scope(ctx), schedule_id, schedule)).item
    await _move_references(ctx, schedule_id, item.ID)
    return shown(item, ctx.now)


async def delete(ctx: RequestContext, schedule_id: str) -> None:
    """Products and product assignments that named the schedule are left without one."""
    await store.delete(ctx.connection, scope(ctx), schedule_id)
    await _move_references(ctx, schedule_id, None)


# --- price breaks ----------------------------------------------------------------------------------------------


async def save_price_break(ctx: RequestContext, schedule_id: str, price_break: PriceBreak) -> PriceSchedule:
    """Adds the break, or replaces the one with the same Quantity."""
    current = await _locked(ctx, schedule_id)
    if current is None:
        raise NotFound(OBJECT_TYPE, schedule_id)
    kept = [b for b in current.PriceBreaks or [] if b.Quantity != price_break.Quantity]
    return await _write_breaks(ctx, current, [*kept, price_break])


async def delete_price_break(ctx: RequestContext, schedule_id: str, quantity_text: str | None) -> None:
    """Removes the break with this Quantity: 404 PriceSchedule.QtyNotFound when there is none; the last one of
    an assigned schedule stays (400 PriceSchedule.CannotDeleteLastPriceBreak)."""
    quantity = _quantity(quantity_text)
    current = await _locked(ctx, schedule_id)
    if current is None:
        raise NotFound(OBJECT_TYPE, schedule_id)
    breaks = current.PriceBreaks or []
    kept = [b for b in breaks if b.Quantity != quantity]
    if len(kept) == len(breaks):
        missing = ApiError(
            PriceScheduleCode.QTY_NOT_FOUND,
            f"Price schedule {schedule_id} has no price break with quantity {quantity}",
            {"PriceScheduleID": schedule_id, "Quantity": quantity},
        )
        missing.status = 404
        raise missing
    if not kept and await _assigned(ctx, schedule_id):
        raise BadRequest(
            PriceScheduleCode.CANNOT_DELETE_LAST_PRICE_BREAK,
            "The last price break of a price schedule that has assignments cannot be deleted",
            {"PriceScheduleID": schedule_id},
        )
    await _write_breaks(ctx, current, kept)


async def _write_breaks(ctx: RequestContext, current: PriceSchedule, breaks: list[PriceBreak]) -> PriceSchedule:
    schedule = checked(msgspec.structs.replace(current, PriceBreaks=breaks))
    values = {"price_breaks": msgspec.to_builtins(schedule.PriceBreaks)}
    schedule_id = current.ID or ""
    return shown(await store.update(ctx.connection, scope(ctx), schedule_id, values, schedule_id), ctx.now)


def _quantity(text: str | None) -> int:
    try:
        quantity = int(text or "")
    except ValueError:
        raise ValidationFailure("quantity must be a whole number", "quantity") from None
    if not 0 <= quantity <= 2**31 - 1:
        raise ValidationFailure("quantity is out of range", "quantity")
    return quantity


# --- rules -----------------------------------------------------------------------------------------------------


def checked(schedule: PriceSchedule) -> PriceSchedule:
    """The schedule as stored, or 400: MaxQuantity ≥ MinQuantity (null MinQuantity is 1), SaleStart before SaleEnd
    (both in UTC), break quantities unique with at least one ≥ 1 (when there are breaks), prices to 4 decimal
    places, breaks sorted by Quantity, a blank Currency null."""
    minimum = schedule.MinQuantity or 1
    if schedule.MaxQuantity is not None and schedule.MaxQuantity < minimum:
        raise BadRequest(
            PriceScheduleCode.MIN_GREATER_THAN_MAX,
            "MaxQuantity must be greater than or equal to MinQuantity",
            {"MinQuantity": minimum, "MaxQuantity": schedule.MaxQuantity},
        )
    start, end = utc_field(schedule.SaleStart, "SaleStart"), utc_field(schedule.SaleEnd, "SaleEnd")
    if start is not None and end is not None and start >= end:
        raise BadRequest(
            PriceScheduleCode.INVALID_SALE_START_OR_SALE_END,
            "SaleStart must be before SaleEnd",
            {"SaleStart": start.isoformat(), "SaleEnd": end.isoformat()},
        )
    breaks = schedule.PriceBreaks or []
    if len(breaks) > MAX_PRICE_BREAKS:
        raise ValidationFailure(f"A price schedule has at most {MAX_PRICE_BREAKS} price breaks", "PriceBreaks")
    seen: set[int] = set()
    for price_break in breaks:
        if price_break.Quantity in seen:
            raise BadRequest(
                PriceScheduleCode.DUPLICATE_PRICE_BREAKS,
                f"Two price breaks have the quantity {price_break.Quantity}",
                {"Quantity": price_break.Quantity},
            )
        seen.add(price_break.Quantity)
    if seen and max(seen) < 1:
        raise BadRequest(
            PriceScheduleCode.MIN_QTY_MUST_BE_POSITIVE,
            "A price schedule needs a price break with a quantity of 1 or more",
        )
    currency = schedule.Currency if schedule.Currency and schedule.Currency.strip() else None
    return msgspec.structs.replace(
        schedule,
        MinQuantity=minimum,
        SaleStart=start,
        SaleEnd=end,
        PriceBreaks=sorted((rounded(b) for b in breaks), key=lambda b: b.Quantity),
        Currency=currency,
    )


async def _check_change(ctx: RequestContext, current: PriceSchedule, new: PriceSchedule) -> None:
    """While assigned, Currency stays and the breaks are not all removed."""
    currency_changes = (current.Currency or None) != new.Currency
    clears = bool(current.PriceBreaks) and not new.PriceBreaks
    if not (currency_changes or clears) or not await _assigned(ctx, current.ID or ""):
        return
    if currency_changes:
        raise BadRequest(
            PriceScheduleCode.CANNOT_MODIFY_CURRENCY,
            "The Currency of a price schedule that has assignments cannot change",
            {"Currency": current.Currency},
        )
    raise BadRequest(
        PriceScheduleCode.CANNOT_CLEAR_PRICE_BREAKS,
        "The price breaks of a price schedule that has assignments cannot all be removed; delete the schedule instead",
    )


def _owner(ctx: RequestContext, sent: str | None) -> str:
    """OwnerID on create: the marketplace (its ID) unless the body names an owner. Supplier-owned schedules wait
    for suppliers, so any other owner is 404 Supplier."""
    if not sent or sent == ctx.marketplace_id:
        return ctx.marketplace_id
    raise NotFound("Supplier", sent)


async def _locked(ctx: RequestContext, schedule_id: str) -> PriceSchedule | None:
    statement = store.select(scope(ctx)).where(c.id == schedule_id).with_for_update()
    row = (await ctx.connection.execute(statement)).first()
    return None if row is None else store.from_row(row)


async def _assigned(ctx: RequestContext, schedule_id: str) -> bool:
    by_assignment = exists().where(
        product_assignments.c.marketplace_id == ctx.marketplace_id,
        product_assignments.c.price_schedule_id == schedule_id,
    )
    by_product = exists().where(
        products.c.marketplace_id == ctx.marketplace_id, products.c.default_price_schedule_id == schedule_id
    )
    return bool(await ctx.connection.scalar(select(or_(by_assignment, by_product))))


async def _move_references(ctx: RequestContext, old_id: str, new_id: str | None) -> None:
    """Point product assignments and products that name ``old_id`` at ``new_id`` (None: at no schedule)."""
    if old_id == new_id:
        return
    pa, p = product_assignments.c, products.c
    await ctx.connection.execute(
        update(product_assignments)
        .where(pa.marketplace_id == ctx.marketplace_id, pa.price_schedule_id == old_id)
        .values(price_schedule_id=new_id)
    )
    await ctx.connection.execute(
        update(products)
        .where(p.marketplace_id == ctx.marketplace_id, p.default_price_schedule_id == old_id)
        .values(default_price_schedule_id=new_id)
    )
