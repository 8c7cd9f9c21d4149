"""A spec's options (``/specs/{specID}/options``). Option IDs are unique within their spec.

Deleting the option a spec (or a spec product assignment) names as DefaultOptionID clears that default; renaming
it carries the default along. Variants keep (and follow) their copy of the option (mercato.catalog.variant_specs).
"""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import update

from mercato.catalog import variant_specs
from mercato.catalog.writes import final_id
from mercato.context import RequestContext
from mercato.db.tables import spec_products, specs
from mercato.errors import NotFound
from mercato.listing import ListPage, ListQuery
from mercato.resources.specs.listing import OPTION_SPEC
from mercato.resources.specs.schemas import SpecOption
from mercato.resources.specs.service import option_store, store
from mercato.store import Scope

MARKUP_FIELDS = ("ID", "Value", "PriceMarkupType", "PriceMarkup")
"""What variants copy from an option: a change to one of these rewrites their copies."""


async def _scope(ctx: RequestContext, spec_id: str) -> Scope:
    if not await store.exists(ctx.connection, {"marketplace_id": ctx.marketplace_id}, spec_id):
        raise NotFound("Spec", spec_id)
    return {"marketplace_id": ctx.marketplace_id, "spec_id": spec_id}


async def list_options(ctx: RequestContext, spec_id: str, query: ListQuery) -> ListPage[SpecOption]:
    where = await _scope(ctx, spec_id)
    return await option_store.list(ctx.connection, OPTION_SPEC, query, option_store.select(where))


async def get_option(ctx: RequestContext, spec_id: str, option_id: str) -> SpecOption:
    return await option_store.get(ctx.connection, await _scope(ctx, spec_id), option_id)


async def create_option(ctx: RequestContext, spec_id: str, option: SpecOption) -> SpecOption:
    return await option_store.create(ctx.connection, await _scope(ctx, spec_id), option)


async def save_option(ctx: RequestContext, spec_id: str, option_id: str, option: SpecOption) -> SpecOption:
    where = await _scope(ctx, spec_id)
    current = await option_store.find(ctx.connection, where, option_id)
    return await _write(ctx, where, option_id, option, current)


async def patch_option(ctx: RequestContext, spec_id: str, option_id: str, changes: dict[str, Any]) -> SpecOption:
    where = await _scope(ctx, spec_id)
    current = await option_store.get(ctx.connection, where, option_id)
    merged = await option_store.merged(ctx.connection, where, option_id, changes)
    return await _write(ctx, where, option_id, merged, current)


async def delete_option(ctx: RequestContext, spec_id: str, option_id: str) -> None:
    where = await _scope(ctx, spec_id)
    await option_store.delete(ctx.connection, where, option_id)
    await _move_defaults(ctx, spec_id, option_id, None)


async def _write(
    ctx: RequestContext, where: Scope, option_id: str, option: SpecOption, current: SpecOption | None
) -> SpecOption:
    new_id = await final_id(ctx.connection, ctx.marketplace_id, option_id, option.ID)
    option = msgspec.structs.replace(option, ID=new_id)
    saved = (await option_store.save(ctx.connection, where, option_id, option)).item
    if current is None:
        return saved
    if new_id != option_id:
        await _move_defaults(ctx, where["spec_id"], option_id, new_id)
    if any(getattr(current, name) != getattr(saved, name) for name in MARKUP_FIELDS):
        renamed = (option_id, new_id) if new_id != option_id else None
        await variant_specs.refresh(ctx.connection, ctx.marketplace_id, where["spec_id"], renamed_option=renamed)
    return saved


async def _move_defaults(ctx: RequestContext, spec_id: str, old: str, new: str | None) -> None:
    """DefaultOptionID of the spec and of its product assignments: from ``old`` to ``new`` (None clears it)."""
    for table in (specs, spec_products):
        key = table.c.id if table is specs else table.c.spec_id
        await ctx.connection.execute(
            update(table)
            .where(table.c.marketplace_id == ctx.marketplace_id, key == spec_id, table.c.default_option_id == old)
            .values(default_option_id=new)
        )
