"""A line item's specs (SEMANTICS.md §5.4): what the buyer chose for each spec assigned to the product, checked,
completed with defaults, priced (the chosen options' markups) and resolved to a variant.

Per assigned spec: the sent OptionID, else the sent Value (open text, where the spec allows it), else the
product's or the spec's default option or value. A required spec left without any is 400 Spec.RequiresSelection
(it has options) or Spec.RequiresValue (it has none); an option the spec does not have is 400 Spec.OptionNotFound;
a SpecID not assigned to the product is 404. The variant is the one whose variant specs name exactly the chosen
options of the product's variant-defining specs (400 LineItem.VariantNotFound when none, or when it is inactive:
an inactive variant cannot be bought).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.catalog.pricing import Markup, MarkupType
from mercato.db.tables import spec_options, spec_products, specs, variants
from mercato.errors import BadRequest, NotFound


@dataclass(frozen=True, slots=True)
class ChosenSpecs:
    line_specs: list[dict[str, Any]]
    """LineItem.Specs: SpecID, Name, OptionID, Value, PriceMarkupType, PriceMarkup."""
    markups: tuple[Markup, ...]
    variant: Row[Any] | None


async def choose(
    connection: AsyncConnection, marketplace_id: str, product_id: str, sent: Sequence[dict[str, Any]]
) -> ChosenSpecs:
    s, sp = specs.c, spec_products.c
    assigned = (
        await connection.execute(
            select(
                specs,
                sp.default_value.label("product_default_value"),
                sp.default_option_id.label("product_default_option"),
            )
            .join_from(spec_products, specs, (s.marketplace_id == sp.marketplace_id) & (s.id == sp.spec_id))
            .where(sp.marketplace_id == marketplace_id, sp.product_id == product_id)
            .order_by(s.list_order, s.id)
        )
    ).all()
    by_spec = {row.id: row for row in assigned}
    sent_by_spec: dict[str, dict[str, Any]] = {}
    for entry in sent:
        spec_id = entry.get("SpecID")
        if not isinstance(spec_id, str) or spec_id not in by_spec:
            raise NotFound("Spec", str(spec_id))
        sent_by_spec[spec_id] = entry
    options = await _options(connection, marketplace_id, list(by_spec))

    line_specs: list[dict[str, Any]] = []
    markups: list[Markup] = []
    variant_choice: dict[str, str] = {}
    for spec in assigned:
        entry = sent_by_spec.get(spec.id, {})
        option_id, value = entry.get("OptionID"), entry.get("Value")
        if not option_id and (value is None or value == ""):
            option_id = spec.product_default_option or spec.default_option_id
            value = spec.product_default_value if spec.product_default_value is not None else spec.default_value
        mine = options.get(spec.id, {})
        option = None
        if option_id:
            option = mine.get(option_id)
            if option is None:
                raise BadRequest(
                    "Spec.OptionNotFound",
                    f"Spec {spec.id} has no option {option_id}",
                    {"SpecID": spec.id, "OptionID": option_id},
                )
            if not option.is_open_text or value in (None, ""):
                value = option.value
        elif value not in (None, "") and mine and not spec.allow_open_text:
            raise BadRequest("Spec.RequiresSelection", f"Spec {spec.id} takes one of its options", {"SpecID": spec.id})
        if option is None and value in (None, ""):
            if spec.required:
                code = "Spec.RequiresSelection" if mine else "Spec.RequiresValue"
                raise BadRequest(code, f"Spec {spec.id} is required", {"SpecID": spec.id})
            continue
        markup_type = option.price_markup_type if option is not None else None
        markup = option.price_markup if option is not None else None
        line_specs.append(
            {
                "SpecID": spec.id,
                "Name": spec.name,
                "OptionID": option.id if option is not None else None,
                "Value": value,
                "PriceMarkupType": markup_type,
                "PriceMarkup": None if markup is None else float(markup) + 0.0,
            }
        )
        if markup_type:
            markups.append(Markup(MarkupType(markup_type), None if markup is None else Decimal(markup)))
        if spec.defines_variant and option is not None:
            variant_choice[spec.id] = option.id
    variant = await _variant(
        connection, marketplace_id, product_id, variant_choice, any(s.defines_variant for s in assigned)
    )
    return ChosenSpecs(line_specs, tuple(markups), variant)


async def _options(
    connection: AsyncConnection, marketplace_id: str, spec_ids: list[str]
) -> dict[str, dict[str, Row[Any]]]:
    if not spec_ids:
        return {}
    o = spec_options.c
    rows = await connection.execute(
        select(spec_options).where(o.marketplace_id == marketplace_id, o.spec_id.in_(spec_ids))
    )
    found: dict[str, dict[str, Row[Any]]] = {}
    for row in rows:
        found.setdefault(row.spec_id, {})[row.id] = row
    return found


async def _variant(
    connection: AsyncConnection, marketplace_id: str, product_id: str, choice: dict[str, str], has_variant_specs: bool
) -> Row[Any] | None:
    if not has_variant_specs:
        return None
    v = variants.c
    rows = (
        await connection.execute(select(variants).where(v.marketplace_id == marketplace_id, v.product_id == product_id))
    ).all()
    if not rows:
        return None
    for row in rows:
        named = {entry["SpecID"]: entry["OptionID"] for entry in row.specs or []}
        if named == choice:
            if not row.active:
                raise BadRequest("LineItem.VariantNotFound", f"Variant {row.id} is not active", {"VariantID": row.id})
            return row
    raise BadRequest(
        "LineItem.VariantNotFound", "No variant of the product matches the chosen specs", {"Specs": choice}
    )


def markups_of(line_specs: Sequence[dict[str, Any]]) -> tuple[Markup, ...]:
    """The markups a stored line carries (for repricing it when the order's cumulative quantity changes)."""
    return tuple(
        Markup(
            MarkupType(entry["PriceMarkupType"]),
            None if entry.get("PriceMarkup") is None else Decimal(repr(entry["PriceMarkup"])),
        )
        for entry in line_specs
        if entry.get("PriceMarkupType")
    )
