"""A test-only table with one column of every kind the list engine handles, and a small hostile dataset."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Column, Integer, MetaData, Numeric, String, Table, Text

from mercato.db.types import UtcDateTime, json_document
from mercato.listing import Field, Kind, ListSpec

metadata = MetaData()

widgets = Table(
    "test_widgets",
    metadata,
    Column("marketplace_id", String(100), primary_key=True),
    Column("id", String(100), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("description", Text, nullable=True),
    Column("quantity", Integer, nullable=True),
    Column("price", Numeric(12, 2), nullable=True),
    Column("active", Boolean, nullable=False),
    Column("date_created", UtcDateTime, nullable=False),
    Column("xp", json_document(), nullable=True),
)

c = widgets.c
SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "Name": Field(c.name, search=True, sort=True, nullable=False),
        "Description": Field(c.description, search=True),
        "Quantity": Field(c.quantity, Kind.INTEGER, sort=True),
        "Price": Field(c.price, Kind.DECIMAL, sort=True),
        "Active": Field(c.active, Kind.BOOLEAN, sort=True, nullable=False),
        "DateCreated": Field(c.date_created, Kind.DATETIME, sort=True, nullable=False),
    },
    tiebreak=c.id,
    default_sort=("ID",),
    xp=c.xp,
    parameters=frozenset({"depth"}),
)


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


ROWS: list[dict[str, Any]] = [
    {
        "id": "w01",
        "name": "Blue Widget",
        "description": "A small blue widget",
        "quantity": 5,
        "price": Decimal("9.99"),
        "active": True,
        "date_created": _at("2020-01-01T10:00:00"),
        "xp": {
            "Color": "blue",
            "Size": "S",
            "Dims": {"Width": 10, "Unit": {"Name": "cm"}},
            "Featured": True,
            "Launched": "2020-04-20",
            "Tags": ["eco", "Sale", 5],
        },
    },
    {
        "id": "w02",
        "name": "Red Widget",
        "description": "A large red thing",
        "quantity": 15,
        "price": Decimal("19.50"),
        "active": True,
        "date_created": _at("2020-04-20T12:00:00"),
        "xp": {
            "Color": "red",
            "Size": "L",
            "Dims": {"Width": 25},
            "Featured": False,
            "Launched": "2021-01-15",
            "Tags": ["sale", ["nested"], {"a": 1}, None],
        },
    },
    {
        "id": "w03",
        "name": "green gadget",
        "description": None,
        "quantity": None,
        "price": None,
        "active": False,
        "date_created": _at("2021-06-30T23:59:59"),
        "xp": None,
    },
    {
        "id": "w04",
        "name": "Gadget 100% pure_cotton",
        "description": "quotes ' \" and a backslash \\ here",
        "quantity": 0,
        "price": Decimal("0"),
        "active": True,
        "date_created": _at("2019-12-31T23:59:59"),
        "xp": {"Color": "Blue", "Code": 123, "Note": "100%_off", "Size": "XL", "Tags": [True, 12.5]},
    },
    {
        "id": "w05",
        "name": "Ärger Überall",
        "description": "unicode ÄÖÜ ß 日本語",
        "quantity": 100,
        "price": Decimal("1000.00"),
        "active": False,
        "date_created": _at("2022-02-02T02:02:02"),
        "xp": {"Color": None, "Dims": {"Width": "wide"}, "Code": 7.5},
    },
    {
        "id": "w06",
        "name": "blue whale widget",
        "description": "The blue whale",
        "quantity": 7,
        "price": Decimal("12.00"),
        "active": True,
        "date_created": _at("2020-04-20T00:00:00"),
        "xp": {"Size": "M", "Code": "123", "Tags": "eco"},
    },
]
