"""``POST /products/{productID}/variants/generate``: one variant per combination of the options of the product's
variant specs (SEMANTICS.md §5.4, docs/decisions/0015).

* The axes are the specs assigned to the product with DefinesVariant, ordered by ListOrder then ID, each with its
  options ordered by ListOrder then ID; a variant spec without options is left out.
* A combination is identified by its (SpecID, OptionID) pairs, not by variant ID (IDs are writable). Without
  ``overwriteExisting`` only missing combinations are added: existing variants survive untouched, even those of
  specs since removed. With it, every variant is deleted first and all are generated anew.
* A new variant's ID is the product ID and the option IDs joined by ``-`` (spaces also become ``-``); its Name is
  that ID; Active is the body's (VariantOverrides.Active) or else the product's; the rest is empty. An ID longer
  than 100 characters is 400 ValidationFailure; one held by a variant of another combination is 409 IdExists.
* At most VARIANT_LIMIT variants per product (the KB's limit): more is 400 ``Variant.ExceededLimit``, checked
  before anything is written. Parent and child products have no variants
  (``Product.ParentChildProductsCannotHaveVariants``).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from math import prod
from typing import Any

from sqlalchemy import delete, insert, select

from mercato.catalog import variant_specs
from mercato.context import RequestContext
from mercato.db.tables import spec_options, spec_products, specs, variants
from mercato.db.tables.metadata import ID_LENGTH
from mercato.errors import BadRequest, IdExists, ValidationFailure
from mercato.resources.products.schemas import Product, VariantOverrides
from mercato.resources.products.service import get

VARIANT_LIMIT = 1500

Axis = tuple[Any, Sequence[Any]]
"""A variant spec and its options (rows of ``specs`` and ``spec_options``)."""
Combination = tuple[tuple[Any, Any], ...]
"""One (spec, option) pair per axis."""


async def generate(ctx: RequestContext, product_id: str, overrides: VariantOverrides, overwrite: bool) -> Product:
    product = await get(ctx, product_id)
    if product.IsParent or product.ParentID is not None:
        raise BadRequest(
            "Product.ParentChildProductsCannotHaveVariants",
            "Parent and child products cannot have variants",
            {"ProductID": product_id},
        )
    axes = await _axes(ctx, product_id)
    combinations = prod(len(options) for _, options in axes) if axes else 0
    _check_limit(combinations)
    v = variants.c
    mine = (v.marketplace_id == ctx.marketplace_id, v.product_id == product_id)
    existing = [] if overwrite else (await ctx.connection.execute(select(v.id, v.specs).where(*mine))).all()
    present = {_key(row.specs) for row in existing}
    missing = [combo for combo in _combinations(axes) if _key_of(combo) not in present]
    _check_limit(len(existing) + len(missing))
    taken = {row.id for row in existing}
    rows = [_row(ctx, product, combo, overrides, taken) for combo in missing]
    if overwrite:
        await ctx.connection.execute(delete(variants).where(*mine))  # seam: also remove them from line items
    if rows:
        await ctx.connection.execute(insert(variants), rows)
    return await get(ctx, product_id)


async def _axes(ctx: RequestContext, product_id: str) -> list[Axis]:
    s, a, o = specs.c, spec_products.c, spec_options.c
    mid = ctx.marketplace_id
    spec_rows = (
        await ctx.connection.execute(
            select(s.id, s.name)
            .join(spec_products, (a.marketplace_id == s.marketplace_id) & (a.spec_id == s.id))
            .where(s.marketplace_id == mid, a.product_id == product_id, s.defines_variant.is_(True))
            .order_by(s.list_order, s.id)
        )
    ).all()
    if not spec_rows:
        return []
    options: dict[str, list[Any]] = {}
    option_rows = await ctx.connection.execute(
        select(spec_options)
        .where(o.marketplace_id == mid, o.spec_id.in_([row.id for row in spec_rows]))
        .order_by(o.spec_id, o.list_order, o.id)
    )
    for row in option_rows:
        options.setdefault(row.spec_id, []).append(row)
    return [(spec, options[spec.id]) for spec in spec_rows if options.get(spec.id)]


def _combinations(axes: list[Axis]) -> list[Combination]:
    if not axes:
        return []
    return list(itertools.product(*[[(spec, option) for option in options] for spec, options in axes]))


def _key(entries: Any) -> frozenset[tuple[Any, Any]]:
    return frozenset((e.get("SpecID"), e.get("OptionID")) for e in entries or [] if isinstance(e, dict))


def _key_of(combo: Combination) -> frozenset[tuple[Any, Any]]:
    return frozenset((spec.id, option.id) for spec, option in combo)


def _check_limit(count: int) -> None:
    if count > VARIANT_LIMIT:
        raise BadRequest(
            "Variant.ExceededLimit",
            f"A product can have at most {VARIANT_LIMIT} variants; this would make {count}",
            {"Limit": VARIANT_LIMIT, "Count": count},
        )


def _row(
    ctx: RequestContext,
    product: Product,
    combo: Combination,
    overrides: VariantOverrides,
    taken: set[str],
) -> dict[str, Any]:
    variant_id = "-".join([product.ID or "", *(option.id for _, option in combo)]).replace(" ", "-")
    if len(variant_id) > ID_LENGTH:
        raise ValidationFailure(
            f"The generated variant ID {variant_id[:40]}… is longer than {ID_LENGTH} characters; shorten the "
            "product or option IDs",
            "ID",
        )
    if variant_id in taken:
        raise IdExists("Variant", variant_id)
    taken.add(variant_id)
    return {
        "marketplace_id": ctx.marketplace_id,
        "product_id": product.ID,
        "id": variant_id,
        "name": variant_id,
        "description": None,
        "active": product.Active if overrides.Active is None else overrides.Active,
        "ship_weight": None,
        "ship_height": None,
        "ship_width": None,
        "ship_length": None,
        "inventory_quantity_available": None,
        "inventory_notification_point": None,
        "inventory_last_updated": None,
        "specs": [variant_specs.entry(spec, option) for spec, option in combo],
        "xp": None,
    }
