"""The shared Store: writable IDs, 409s, PUT create-or-replace, PATCH merge, xp, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any

import msgspec
import pytest

from mercato.codec import decode
from mercato.db.engine import Database
from mercato.errors import IdExists, NotFound, ValidationFailure
from mercato.store import Store, column_name
from tests.listing.conftest import widget_table_ready
from tests.listing.widgets import widgets


class Widget(msgspec.Struct, kw_only=True):
    ID: str | None = None
    Name: Annotated[str, msgspec.Meta(max_length=100)]
    Description: str | None = None
    Quantity: int | None = None
    Price: Decimal | None = None
    Active: bool = False
    DateCreated: datetime | None = None
    xp: dict[str, Any] | None = None


store = Store(widgets, Widget, "Widget", read_only=frozenset({"DateCreated"}))
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture
async def scope(database: Database, marketplace_id: str) -> dict[str, str]:
    await widget_table_ready(database)
    return {"marketplace_id": marketplace_id}


def test_column_names_follow_the_model() -> None:
    assert [column_name(n) for n in ("ID", "LastNumber", "DefaultCatalogID", "xp", "Street1", "IsOnSale")] == [
        "id",
        "last_number",
        "default_catalog_id",
        "xp",
        "street1",
        "is_on_sale",
    ]


def test_a_model_field_without_a_column_is_refused() -> None:
    class Bad(msgspec.Struct):
        ID: str
        Colour: str

    with pytest.raises(TypeError, match="colour"):
        Store(widgets, Bad, "Bad")


async def test_create_get_and_duplicate(database: Database, scope: dict[str, str]) -> None:
    async with database.transaction() as c:
        made = await store.create(c, scope, Widget(ID="w1", Name="One", xp={"a": 1}), {"date_created": NOW})
        assert made == Widget(ID="w1", Name="One", DateCreated=NOW, xp={"a": 1})
        assert await store.get(c, scope, "w1") == made
        with pytest.raises(IdExists) as taken:
            await store.create(c, scope, Widget(ID="w1", Name="Again"), {"date_created": NOW})
        assert taken.value.status == 409
        assert taken.value.errors[0].Data == {"ObjectType": "Widget", "ObjectID": "w1"}
        generated = await store.create(c, scope, Widget(Name="No ID"), {"date_created": NOW})
        assert generated.ID is not None
        assert len(generated.ID) == 22
        assert generated.xp is None


async def test_put_creates_then_replaces_resetting_omitted_fields(database: Database, scope: dict[str, str]) -> None:
    async with database.transaction() as c:
        first = await store.save(
            c, scope, "p1", decode(b'{"Name":"P","Quantity":3,"xp":{"k":1}}', Widget), {"date_created": NOW}
        )
        assert first.created
        assert first.item.ID == "p1"
        later = datetime(2027, 1, 1, tzinfo=UTC)
        replaced = await store.save(c, scope, "p1", decode(b'{"Name":"P2"}', Widget), {"date_created": later})
        assert not replaced.created
        assert replaced.item.Quantity is None
        assert replaced.item.xp is None
        assert replaced.item.DateCreated == first.item.DateCreated


async def test_put_with_another_id_in_the_body_renames(database: Database, scope: dict[str, str]) -> None:
    async with database.transaction() as c:
        await store.create(c, scope, Widget(ID="old", Name="x"), {"date_created": NOW})
        await store.create(c, scope, Widget(ID="taken", Name="y"), {"date_created": NOW})
        renamed = await store.save(c, scope, "old", Widget(ID="new", Name="x"))
        assert renamed.item.ID == "new"
        assert await store.find(c, scope, "old") is None
        with pytest.raises(IdExists):
            await store.save(c, scope, "new", Widget(ID="taken", Name="x"))


async def test_patch_changes_only_sent_fields_and_merges_xp(database: Database, scope: dict[str, str]) -> None:
    async with database.transaction() as c:
        await store.create(
            c,
            scope,
            Widget(ID="m1", Name="M", Quantity=2, xp={"a": {"x": 1, "y": 2}, "keep": True, "drop": 1}),
            {"date_created": NOW},
        )
        patched = await store.patch(
            c, scope, "m1", {"Description": "new", "xp": {"a": {"y": 3}, "drop": None}, "DateCreated": "2000-01-01"}
        )
        assert patched.Name == "M"
        assert patched.Quantity == 2
        assert patched.Description == "new"
        assert patched.xp == {"a": {"x": 1, "y": 3}, "keep": True}
        assert patched.DateCreated == NOW
        nulled = await store.patch(c, scope, "m1", {"Quantity": None})
        assert nulled.Quantity is None
        moved = await store.patch(c, scope, "m1", {"ID": "m2"})
        assert moved.ID == "m2"
        with pytest.raises(NotFound):
            await store.get(c, scope, "m1")


async def test_patch_rejects_bad_types_and_oversized_xp(database: Database, scope: dict[str, str]) -> None:
    async with database.transaction() as c:
        await store.create(c, scope, Widget(ID="v1", Name="V"), {"date_created": NOW})
        with pytest.raises(ValidationFailure) as wrong:
            await store.patch(c, scope, "v1", {"Quantity": "many"})
        assert wrong.value.errors[0].Data == {"Field": "Quantity"}
        with pytest.raises(ValidationFailure) as long_name:
            await store.patch(c, scope, "v1", {"Name": "x" * 101})
        assert long_name.value.errors[0].Data == {"Field": "Name"}
        with pytest.raises(ValidationFailure) as big:
            await store.patch(c, scope, "v1", {"xp": {"blob": "x" * 8000}})
        assert big.value.errors[0].Data == {"Field": "xp"}
        assert (await store.get(c, scope, "v1")).xp is None


async def test_missing_objects_are_404(database: Database, scope: dict[str, str]) -> None:
    async with database.transaction() as c:
        with pytest.raises(NotFound):
            await store.patch(c, scope, "ghost", {"Name": "x"})
        with pytest.raises(NotFound):
            await store.delete(c, scope, "ghost")
        await store.create(c, scope, Widget(ID="d1", Name="D"), {"date_created": NOW})
        await store.delete(c, scope, "d1")
        assert await store.find(c, scope, "d1") is None


async def test_other_tenants_rows_are_invisible(database: Database, scope: dict[str, str]) -> None:
    async with database.transaction() as c:
        await store.create(c, scope, Widget(ID="mine", Name="x"), {"date_created": NOW})
        assert await store.find(c, {"marketplace_id": "someone-else"}, "mine") is None
