"""What the browse cache may keep (mercato.catalog.browse_cache.list_key): never a list filtered on stock, which
a submission changes without moving the catalog version."""

from __future__ import annotations

import pytest

from mercato.catalog.browse_cache import list_key
from mercato.listing import parse_list_query
from mercato.resources.me_products.listing import SPEC


@pytest.mark.parametrize(
    ("pairs", "kept"),
    [
        ([], True),
        ([("search", "valve"), ("xp.Color", "Red"), ("sortBy", "!Name")], True),
        ([("Inventory.QuantityAvailable", ">0")], False),
        ([("Inventory.LastUpdated", ">2026-01-01"), ("Name", "a*")], False),
    ],
)
def test_lists_filtered_on_stock_are_never_kept(pairs: list[tuple[str, str]], kept: bool) -> None:
    assert (list_key("view", parse_list_query(pairs, SPEC)) is not None) is kept


def test_the_key_is_the_same_in_every_process_and_differs_by_query() -> None:
    one = list_key("view", parse_list_query([("xp.Color", "Red")], SPEC))
    assert one == list_key("view", parse_list_query([("xp.Color", "Red")], SPEC))
    assert one != list_key("view", parse_list_query([("xp.Color", "Blue")], SPEC))
    assert one != list_key("other view", parse_list_query([("xp.Color", "Red")], SPEC))
    assert list_key("view", parse_list_query([("page", "2")], SPEC)) == list_key("view", parse_list_query([], SPEC))
