"""The bare-framework baseline: Litestar + msgspec answering from memory, nothing else (no database, no auth).

Mercato's figures are read beside these, measured in the same run on the same machine: ``/ping`` (a small
document), ``/products`` (a page of 20 product-like objects in a list envelope, what a product list answers) and
``/products/{id}`` (one such object, what a product GET answers)."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Litestar, get


class Pong(msgspec.Struct):
    Status: str
    Items: list[int]


class PriceBreak(msgspec.Struct):
    Quantity: int
    Price: float
    SalePrice: float | None = None


class PriceSchedule(msgspec.Struct):
    ID: str
    Name: str
    MinQuantity: int
    PriceBreaks: list[PriceBreak]
    Currency: str


class Product(msgspec.Struct):
    """About the fields and size of a Mercato BuyerProduct, so the bytes encoded and sent compare."""

    ID: str
    Name: str
    Description: str
    QuantityMultiplier: int
    Active: bool
    DefaultPriceScheduleID: str
    PriceSchedule: PriceSchedule
    xp: dict[str, Any]


class Meta(msgspec.Struct):
    Page: int
    PageSize: int
    TotalCount: int
    TotalPages: int
    ItemRange: list[int]


class Page(msgspec.Struct):
    Items: list[Product]
    Meta: Meta


def _product(n: int) -> Product:
    breaks = [PriceBreak(1, 12.5 + n), PriceBreak(10, 11.0 + n)]
    return Product(
        ID=f"p{n:06d}",
        Name=f"Valve {n} red",
        Description=f"A valve for bench run number {n}",
        QuantityMultiplier=1,
        Active=True,
        DefaultPriceScheduleID=f"ps-{n % 50:02d}",
        PriceSchedule=PriceSchedule(f"ps-{n % 50:02d}", f"Price list {n % 50}", 1, breaks, "USD"),
        xp={"Color": "Red", "Size": "M", "Brand": f"Brand{n % 50:02d}", "Rank": n % 1000},
    )


PAGE = [_product(n) for n in range(20)]


@get("/ping")
async def ping() -> Pong:
    return Pong(Status="OK", Items=[1, 2, 3])


@get("/products")
async def products() -> Page:
    return Page(Items=PAGE, Meta=Meta(Page=1, PageSize=20, TotalCount=2000, TotalPages=100, ItemRange=[1, 20]))


@get("/products/{product_id:str}")
async def product(product_id: str) -> Product:
    return msgspec.structs.replace(PAGE[0], ID=product_id)


def factory() -> Litestar:
    return Litestar([ping, products, product], openapi_config=None)
