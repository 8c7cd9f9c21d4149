"""Variant.Specs: the spec options a variant stands for, kept as JSON in ``variants.specs``.

Each entry is a VariantSpec (SpecID, Name, OptionID, Value, PriceMarkupType, PriceMarkup) copied from the spec
and option when the variant is generated, so that a variant keeps its meaning after its spec is unassigned or
deleted (SEMANTICS.md §5.4: old variants survive). While the spec and option exist the copy follows them: a
rename or a change of the spec's Name or the option's Value or markup rewrites the entries that name them
(``refresh``), so line items can resolve a variant by (SpecID, OptionID) and read current markups.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Text, cast, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.db.tables import spec_options, specs, variants

v = variants.c


def entry(spec: Any, option: Any) -> dict[str, Any]:
    """The VariantSpec for a row of ``specs`` and one of its ``spec_options``."""
    markup = option.price_markup
    return {
        "SpecID": spec.id,
        "Name": spec.name,
        "OptionID": option.id,
        "Value": option.value,
        "PriceMarkupType": option.price_markup_type,
        "PriceMarkup": None if markup is None else float(markup) + 0.0,
    }


async def refresh(
    connection: AsyncConnection,
    marketplace_id: str,
    spec_id: str,
    *,
    old_spec_id: str | None = None,
    renamed_option: tuple[str, str] | None = None,
) -> None:
    """Rewrite the entries naming the spec (by ``old_spec_id`` when it was renamed) from the current spec and
    options; ``renamed_option`` = (old, new) when one of its options changed ID. Entries whose option is gone keep
    their copy."""
    looked_for = old_spec_id or spec_id
    spec = (
        await connection.execute(
            select(specs.c.id, specs.c.name).where(specs.c.marketplace_id == marketplace_id, specs.c.id == spec_id)
        )
    ).first()
    if spec is None:
        return
    options = {
        row.id: row
        for row in await connection.execute(
            select(spec_options).where(
                spec_options.c.marketplace_id == marketplace_id, spec_options.c.spec_id == spec_id
            )
        )
    }
    mentioning = select(v.product_id, v.id, v.specs).where(
        v.marketplace_id == marketplace_id, cast(v.specs, Text).like(f'%"{_escaped(looked_for)}"%', escape="\\")
    )
    for row in (await connection.execute(mentioning)).all():
        rewritten = [_refreshed(item, looked_for, spec, options, renamed_option) for item in row.specs]
        if rewritten != row.specs:
            await connection.execute(
                update(variants)
                .where(v.marketplace_id == marketplace_id, v.product_id == row.product_id, v.id == row.id)
                .values(specs=rewritten)
            )


def _refreshed(
    item: dict[str, Any],
    looked_for: str,
    spec: Any,
    options: dict[str, Any],
    renamed_option: tuple[str, str] | None,
) -> dict[str, Any]:
    if item.get("SpecID") != looked_for:
        return item
    option_id = item.get("OptionID")
    if renamed_option is not None and option_id == renamed_option[0]:
        option_id = renamed_option[1]
    option = options.get(option_id) if isinstance(option_id, str) else None
    if option is None:
        return item | {"SpecID": spec.id, "Name": spec.name}
    return entry(spec, option)


def _escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
