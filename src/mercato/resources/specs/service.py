"""Specs (``/specs``): the questions a product asks when it is ordered (size, colour, engraving text), each with
its options (``options.py``) and its assignments to products (``assignments.py``).

Spec.Options and OptionCount are read-only and always reflect the spec's options, ordered by ListOrder then ID.
DefinesVariant needs Required and no AllowOpenText (400 ``Spec.InvalidSpecConfiguration``); DefaultOptionID must
name an option of the spec, so it can only be set once the option exists (404 ``SpecOption``). OwnerID is the
marketplace unless set on create (docs/decisions/0015).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import msgspec
from sqlalchemy import Row, exists, select

from mercato.catalog import variant_specs
from mercato.catalog.writes import final_id, owner_on_create, refuse_reserved
from mercato.context import RequestContext
from mercato.db.tables import products, spec_options, spec_products, specs
from mercato.errors import BadRequest, NotFound
from mercato.listing import ListPage, ListQuery
from mercato.resources.specs.listing import SPEC
from mercato.resources.specs.schemas import SPEC_COMPUTED, Spec, SpecOption
from mercato.store import Scope, Store

RESERVED = "productassignments"
"""The literal route segment beside /specs/{specID}: a spec with this ID could not be read."""


class _OptionStore(Store[SpecOption]):
    """PriceMarkup is NUMERIC in the database and a JSON number (float) on the wire."""

    def from_row(self, row: Row[Any] | Mapping[str, Any]) -> SpecOption:
        option = super().from_row(row)
        if option.PriceMarkup is not None:
            option.PriceMarkup = float(option.PriceMarkup) + 0.0
        return option


store = Store(specs, Spec, "Spec", computed=SPEC_COMPUTED)
option_store = _OptionStore(spec_options, SpecOption, "SpecOption", scope=("marketplace_id", "spec_id"))
s = specs.c
o = spec_options.c


def scope(ctx: RequestContext) -> Scope:
    return {"marketplace_id": ctx.marketplace_id}


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[Spec]:
    page = await store.list(ctx.connection, SPEC, query, store.select(scope(ctx)))
    return ListPage(Items=await with_options(ctx, page.Items), Meta=page.Meta)


async def get(ctx: RequestContext, spec_id: str) -> Spec:
    return (await with_options(ctx, [await store.get(ctx.connection, scope(ctx), spec_id)]))[0]


async def create(ctx: RequestContext, spec: Spec) -> Spec:
    refuse_reserved(spec.ID, RESERVED, "/specs/productassignments")
    spec = msgspec.structs.replace(spec, OwnerID=owner_on_create(ctx, spec.OwnerID))
    await _check(ctx, spec, None)
    created = await store.create(ctx.connection, scope(ctx), spec)
    return (await with_options(ctx, [created]))[0]


async def save(ctx: RequestContext, spec_id: str, spec: Spec) -> Spec:
    """Create or replace; a different ID in the body renames the spec, its options and assignments following."""
    current = await store.find(ctx.connection, scope(ctx), spec_id)
    return await _write(ctx, spec_id, spec, current)


async def patch(ctx: RequestContext, spec_id: str, changes: dict[str, Any]) -> Spec:
    current = await store.get(ctx.connection, scope(ctx), spec_id)
    merged = await store.merged(ctx.connection, scope(ctx), spec_id, changes)
    return await _write(ctx, spec_id, merged, current)


async def delete(ctx: RequestContext, spec_id: str) -> None:
    """Its options and product assignments go with it (FK cascade); variants keep their copy of it."""
    await store.delete(ctx.connection, scope(ctx), spec_id)


async def _write(ctx: RequestContext, spec_id: str, spec: Spec, current: Spec | None) -> Spec:
    new_id = await final_id(ctx.connection, ctx.marketplace_id, spec_id, spec.ID)
    refuse_reserved(new_id, RESERVED, "/specs/productassignments")
    owner = current.OwnerID if current is not None else owner_on_create(ctx, spec.OwnerID)
    spec = msgspec.structs.replace(spec, ID=new_id, OwnerID=owner)
    await _check(ctx, spec, spec_id if current is not None else None)
    saved = (await store.save(ctx.connection, scope(ctx), spec_id, spec)).item
    if current is not None and (current.Name != saved.Name or new_id != spec_id):
        await variant_specs.refresh(ctx.connection, ctx.marketplace_id, new_id, old_spec_id=spec_id)
    return (await with_options(ctx, [saved]))[0]


async def _check(ctx: RequestContext, spec: Spec, stored_id: str | None) -> None:
    """``stored_id``: the spec as stored now (its options are those DefaultOptionID may name), None when new."""
    if spec.DefinesVariant and (not spec.Required or spec.AllowOpenText):
        field = "AllowOpenText" if spec.AllowOpenText else "Required"
        raise BadRequest(
            "Spec.InvalidSpecConfiguration",
            "A spec that defines variants must be Required and may not AllowOpenText",
            {"Field": field},
        )
    if spec.DefaultOptionID and not (
        stored_id is not None and await option_exists(ctx, stored_id, spec.DefaultOptionID)
    ):
        raise NotFound("SpecOption", spec.DefaultOptionID)
    if spec.DefinesVariant and stored_id is not None:
        await refuse_parent_child(ctx, stored_id)


async def option_exists(ctx: RequestContext, spec_id: str, option_id: str) -> bool:
    return await option_store.exists(ctx.connection, {**scope(ctx), "spec_id": spec_id}, option_id)


async def refuse_parent_child(ctx: RequestContext, spec_id: str) -> None:
    """A spec assigned to a parent or child product may not define variants (only plain products have them)."""
    p, a = products.c, spec_products.c
    assigned = exists().where(
        a.marketplace_id == ctx.marketplace_id,
        a.spec_id == spec_id,
        p.marketplace_id == a.marketplace_id,
        p.id == a.product_id,
        p.is_parent.is_(True) | p.parent_id.is_not(None),
    )
    if await ctx.connection.scalar(select(assigned)):
        raise parent_child_refused(spec_id)


def parent_child_refused(spec_id: str, product_id: str | None = None) -> BadRequest:
    return BadRequest(
        "ProductAssigment.ParentChildProductCannotBeAssignedToVariantSpec",
        "Parent and child products cannot be assigned a spec that defines variants",
        {"SpecID": spec_id, "ProductID": product_id},
    )


async def with_options(ctx: RequestContext, items: Sequence[Spec]) -> list[Spec]:
    """The specs with their Options and OptionCount filled, in one query."""
    if not items:
        return []
    rows = await ctx.connection.execute(
        select(spec_options)
        .where(o.marketplace_id == ctx.marketplace_id, o.spec_id.in_([spec.ID for spec in items]))
        .order_by(o.spec_id, o.list_order, o.id)
    )
    options: dict[str, list[SpecOption]] = {}
    for row in rows:
        options.setdefault(row.spec_id, []).append(option_store.from_row(row))
    found = [options.get(spec.ID or "", []) for spec in items]
    return [
        msgspec.structs.replace(spec, Options=mine, OptionCount=len(mine))
        for spec, mine in zip(items, found, strict=True)
    ]
