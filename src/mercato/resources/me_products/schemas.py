from __future__ import annotations

import msgspec

from mercato.resources.price_schedules.schemas import PriceSchedule
from mercato.resources.products.schemas import Product


class BuyerProduct(Product, kw_only=True):
    """A product as a buyer user sees it: with the PriceSchedule it pays (null when the product has none for
    this user: visible, not purchasable)."""

    PriceSchedule: PriceSchedule | None = None


def buyer_product(product: Product, schedule: PriceSchedule | None) -> BuyerProduct:
    return BuyerProduct(**msgspec.structs.asdict(product), PriceSchedule=schedule)
