"""The list grammar of SEMANTICS.md §4, table-driven, against the real database of this run."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from mercato.errors import ApiError
from mercato.listing import Meta
from tests.listing.conftest import Lister, parse

ALL = ["w01", "w02", "w03", "w04", "w05", "w06"]

FILTERS = [
    ("", ALL),
    # text: equality and wildcards are case-insensitive; % and _ are literal characters
    ("Name=Blue Widget", ["w01"]),
    ("Name=blue widget", ["w01"]),
    ("Name=blue*", ["w01", "w06"]),
    ("Name=*widget", ["w01", "w02", "w06"]),
    ("Name=*gad*", ["w03", "w04"]),
    ("Name=*wid*et", ["w01", "w02", "w06"]),
    ("Name=!Blue Widget", ["w02", "w03", "w04", "w05", "w06"]),
    ("Name=Blue Widget|Red Widget", ["w01", "w02"]),
    ("Name=!*widget", ["w03", "w04", "w05"]),
    ("Name=!*widget&Name=!*gadget", ["w04", "w05"]),
    ("Name=*%25*", ["w04"]),
    ("Name=*_*", ["w04"]),
    ("Name=Gadget 100%25", []),
    ("Name=" + quote("ärger*"), ["w05"]),
    ("Name=" + quote("ÄRGER ÜBERALL"), ["w05"]),
    ("Description=" + quote("*日本*"), ["w05"]),
    ("Description=*'*", ["w04"]),
    ("Description=" + quote('*"*'), ["w04"]),
    ("Description=" + quote("*\\*"), ["w04"]),
    ("Description=!*", ["w03"]),
    ("Description=!*whale", ["w01", "w02", "w03", "w04", "w05"]),
    ("ID=w01|w03|w05", ["w01", "w03", "w05"]),
    ("ID=>w03", ["w04", "w05", "w06"]),
    ("ID=<=w02", ["w01", "w02"]),
    ("ID=*", ALL),
    # numbers
    ("Quantity=5", ["w01"]),
    ("Quantity=>5", ["w02", "w05", "w06"]),
    ("Quantity=%3E%3D7", ["w02", "w05", "w06"]),
    ("Quantity=<7", ["w01", "w04"]),
    ("Quantity=<=7", ["w01", "w04", "w06"]),
    ("Quantity=!<7", ["w02", "w05", "w06"]),
    ("Quantity=!>7", ["w01", "w04", "w06"]),
    ("Quantity=!*", ["w03"]),
    ("Quantity=!5", ["w02", "w03", "w04", "w05", "w06"]),
    ("Quantity=5|15", ["w01", "w02"]),
    ("Quantity=>1&Quantity=<10", ["w01", "w06"]),
    ("Quantity=<1|>50", ["w04", "w05"]),
    ("Price=>=12", ["w02", "w05", "w06"]),
    ("Price=9.99", ["w01"]),
    ("Price=<0.5", ["w04"]),
    # booleans
    ("Active=true", ["w01", "w02", "w04", "w06"]),
    ("Active=TRUE", ["w01", "w02", "w04", "w06"]),
    ("Active=false", ["w03", "w05"]),
    ("Active=!true", ["w03", "w05"]),
    # dates (UTC; a bare date means that whole day for equality, its midnight for comparisons)
    ("DateCreated=>2020-04-20", ["w02", "w03", "w05"]),
    ("DateCreated=2020-04-20", ["w02", "w06"]),
    ("DateCreated=<2020-01-01", ["w04"]),
    ("DateCreated=>=2020-04-20T00:00:00Z", ["w02", "w03", "w05", "w06"]),
    ("DateCreated=<2020-04-20T12:00:00%2B00:00", ["w01", "w04", "w06"]),
    ("DateCreated=>2020-04-20T13:00:00%2B01:00", ["w03", "w05"]),
    ("DateCreated=2020-04-20T12:00:00Z", ["w02"]),
    ("DateCreated=>2020-01-01&DateCreated=<2021-01-01", ["w01", "w02", "w06"]),
    # xp: typed by the stored value; negation also matches items lacking the key
    ("xp.Color=blue", ["w01", "w04"]),
    ("xp.Color=!blue", ["w02", "w03", "w05", "w06"]),
    ("xp.Color=!*", ["w03", "w05", "w06"]),
    ("xp.Color=*", ["w01", "w02", "w04"]),
    ("xp.Color=b*|r*", ["w01", "w02", "w04"]),
    ("xp.Dims.Width=>12", ["w02"]),
    ("xp.Dims.Width=10", ["w01"]),
    ("xp.Dims.Width=wide", ["w05"]),
    ("xp.Dims.Width=!10", ["w02", "w03", "w04", "w05", "w06"]),
    ("xp.Dims.Unit.Name=CM", ["w01"]),
    ("xp.Featured=true", ["w01"]),
    ("xp.Featured=false", ["w02"]),
    ("xp.Featured=!true", ["w02", "w03", "w04", "w05", "w06"]),
    ("xp.Code=123", ["w04", "w06"]),
    ("xp.Code=>100", ["w04"]),
    ("xp.Code=<10", ["w05"]),
    ("xp.Code=!123", ["w01", "w02", "w03", "w05"]),
    ("xp.Code=12*", ["w04", "w06"]),
    ("xp.Launched=>2020-12-31", ["w02"]),
    ("xp.Launched=<=2020-04-20", ["w01"]),
    ("xp.Note=100%25_off", ["w04"]),
    ("xp.Note=*%25_*", ["w04"]),
    ("xp.Size=!S&xp.Size=!M", ["w02", "w03", "w04", "w05"]),
    ("xp.Size=S|M", ["w01", "w06"]),
    # An array matches when one of its primitive elements does; nested arrays and objects never do.
    ("xp.Tags=eco", ["w01", "w06"]),
    ("xp.Tags=sale", ["w01", "w02"]),
    ("xp.Tags=!sale", ["w03", "w04", "w05", "w06"]),
    ("xp.Tags=5", ["w01"]),
    ("xp.Tags=>10", ["w04"]),
    ("xp.Tags=<=5", ["w01"]),
    ("xp.Tags=true", ["w04"]),
    ("xp.Tags=s*", ["w01", "w02"]),
    ("xp.Tags=*", ["w01", "w02", "w04", "w06"]),
    ("xp.Tags=!*", ["w03", "w05"]),
    ("xp.Tags=nested", []),
    ("xp.Tags=eco&xp.Tags=sale", ["w01"]),
    ("xp.Tags=eco|true", ["w01", "w04", "w06"]),
    ("xp.Nope=x", []),
    ("xp.Nope=!x", ALL),
    ("xp.Nope=!*", ALL),
    ("xp.Dims=x", []),
    ("xp.Dims=!*", ["w03", "w04", "w06"]),
    # one value, several fields: any may match
    ("Name|Description=*whale*", ["w06"]),
    ("ID|xp.Color=*red*", ["w02"]),
    ("Description|xp.Note=*100%25*", ["w04"]),
    # endpoint parameters are not filters
    ("depth=all", ALL),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS)
async def test_filters(list_widgets: Lister, query: str, expected: list[str]) -> None:
    ids, meta = await list_widgets(query)
    assert ids == expected
    assert meta.TotalCount == len(expected)


SEARCHES = [
    ("search=widget", ["w01", "w02", "w06"]),
    ("search=WIDGET", ["w01", "w02", "w06"]),
    ("search=blue red", ["w01", "w02", "w06"]),
    ("search=blue+whale&searchType=AnyTerm", ["w01", "w06"]),
    ("search=blue+whale&searchType=AllTermsAnyField", ["w06"]),
    ("search=small widget&searchType=AllTermsAnyField", ["w01"]),
    ("search=red widget&searchType=AllTermsAnyField", ["w02"]),
    ("search=small widget&searchType=AllTermsSameField", ["w01"]),
    ("search=blue thing&searchType=AllTermsSameField", []),
    ("search=blue whale&searchType=ExactPhrase", ["w06"]),
    ("search=BLUE WHALE&searchType=ExactPhrase", ["w06"]),
    ("search=blue wha&searchType=ExactPhrase", []),
    ("search=blue wha&searchType=ExactPhrasePrefix", ["w06"]),
    ("search=whale widget&searchType=ExactPhrase", ["w06"]),
    ("search=small blue&searchType=ExactPhrase", ["w01"]),
    ("search=red&searchOn=Name", ["w02"]),
    ("search=thing&searchOn=Name", []),
    ("search=thing&searchOn=Name,Description", ["w02"]),
    ("search=blue&searchOn=xp.Color", ["w01", "w04"]),
    ("search=12&searchOn=xp.Code", ["w04", "w06"]),
    ("search=100%25", ["w04"]),
    ("search=_", ["w04"]),
    ("search=" + quote("ärger"), ["w05"]),
    ("search=w0", ALL),
    ("search=%20%20", ALL),
    ("search=widget&Active=true&sortBy=!Name", ["w02", "w01", "w06"]),
]


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
async def test_search(list_widgets: Lister, query: str, expected: list[str]) -> None:
    ids, _ = await list_widgets(query)
    assert ids == expected


SORTS = [
    ("sortBy=Name", ["w06", "w01", "w04", "w03", "w02", "w05"]),
    ("sortBy=!Name", ["w05", "w02", "w03", "w04", "w01", "w06"]),
    ("sortBy=Quantity", ["w03", "w04", "w01", "w06", "w02", "w05"]),
    ("sortBy=!Quantity", ["w05", "w02", "w06", "w01", "w04", "w03"]),
    ("sortBy=Active,!Price", ["w05", "w03", "w02", "w06", "w01", "w04"]),
    ("sortBy=Active%2C%21Price", ["w05", "w03", "w02", "w06", "w01", "w04"]),
    ("sortBy=DateCreated", ["w04", "w01", "w06", "w02", "w03", "w05"]),
    ("sortBy=!DateCreated", ["w05", "w03", "w02", "w06", "w01", "w04"]),
    ("sortBy=xp.Size", ["w03", "w05", "w02", "w06", "w01", "w04"]),
    ("sortBy=xp.Code", ["w01", "w02", "w03", "w06", "w05", "w04"]),
    ("sortBy=!ID", ["w06", "w05", "w04", "w03", "w02", "w01"]),
    ("sortBy=ID", ALL),
    ("sortBy=", ALL),
]


@pytest.mark.parametrize(("query", "expected"), SORTS)
async def test_sort(list_widgets: Lister, query: str, expected: list[str]) -> None:
    ids, _ = await list_widgets(query)
    assert ids == expected


PAGES = [
    ("pageSize=2", ["w01", "w02"], Meta(1, 2, 6, 3, [1, 2])),
    ("pageSize=2&page=3", ["w05", "w06"], Meta(3, 2, 6, 3, [5, 6])),
    ("pageSize=4&page=2", ["w05", "w06"], Meta(2, 4, 6, 2, [5, 6])),
    ("page=5&pageSize=2", [], Meta(5, 2, 6, 3, [1, 0])),
    ("Name=zzz", [], Meta(1, 20, 0, 0, [1, 0])),
    ("", ALL, Meta(1, 20, 6, 1, [1, 6])),
    ("pageSize=100&page=1", ALL, Meta(1, 100, 6, 1, [1, 6])),
    ("pageSize=1&page=6&sortBy=!ID", ["w01"], Meta(6, 1, 6, 6, [6, 6])),
    ("pageSize=3&page=2&Active=true", ["w06"], Meta(2, 3, 4, 2, [4, 4])),
]


@pytest.mark.parametrize(("query", "expected", "meta"), PAGES)
async def test_paging(list_widgets: Lister, query: str, expected: list[str], meta: Meta) -> None:
    ids, got = await list_widgets(query)
    assert ids == expected
    assert got == meta


async def test_last_id_paging_walks_everything_once(list_widgets: Lister) -> None:
    seen: list[str] = []
    last = ""
    while True:
        query = "sortBy=ID&pageSize=2&page=1" + (f"&ID=>{last}" if last else "")
        ids, _ = await list_widgets(query)
        if not ids:
            break
        seen += ids
        last = ids[-1]
    assert seen == ALL


ERRORS = [
    ("pageSize=0", "List.InvalidPageSize"),
    ("pageSize=101", "List.InvalidPageSize"),
    ("pageSize=abc", "List.InvalidPageSize"),
    ("pageSize=-1", "List.InvalidPageSize"),
    ("pageSize=1.5", "List.InvalidPageSize"),
    ("page=0", "ValidationFailure"),
    ("page=x", "ValidationFailure"),
    ("page=99999999999999999999", "ValidationFailure"),
    ("Nope=1", "List.InvalidProperty"),
    ("name=x", "List.InvalidProperty"),
    ("xp=1", "List.InvalidProperty"),
    ("xp.=1", "List.InvalidProperty"),
    ("xp.a..b=1", "List.InvalidProperty"),
    ("xp.a%22b=1", "List.InvalidProperty"),
    ("xp.a%5Cb=1", "List.InvalidProperty"),
    ("Name|Nope=x", "List.InvalidProperty"),
    ("=x", "List.InvalidProperty"),
    ("pageKey=abc", "List.InvalidProperty"),
    ("sortBy=Description", "List.InvalidSortProperty"),
    ("sortBy=Nope", "List.InvalidSortProperty"),
    ("sortBy=Name,!", "List.InvalidSortProperty"),
    ("search=x&searchOn=Quantity", "List.InvalidSearchProperty"),
    ("search=x&searchOn=Nope", "List.InvalidSearchProperty"),
    ("search=x&searchType=Fuzzy", "List.InvalidType"),
    ("Quantity=abc", "List.InvalidType"),
    ("Quantity=5*", "List.InvalidType"),
    ("Quantity=1_000", "List.InvalidType"),
    ("Quantity=99999999999999999999", "List.InvalidType"),
    ("Quantity=>", "List.InvalidType"),
    ("Price=1e999", "List.InvalidType"),
    ("Price=NaN", "List.InvalidType"),
    ("Price=-Infinity", "List.InvalidType"),
    ("Active=maybe", "List.InvalidType"),
    ("Active=>true", "List.InvalidType"),
    ("Active=tru*", "List.InvalidType"),
    ("DateCreated=yesterday", "List.InvalidType"),
    ("DateCreated=0001-01-01", "List.InvalidType"),
    ("DateCreated=9999-12-31", "List.InvalidType"),
    ("DateCreated=*2020*", "List.InvalidType"),
    ("DateCreated=2020-02-30", "List.InvalidType"),
    ("Name=a%00b", "ValidationFailure"),
    ("Name=" + "x" * 2001, "ValidationFailure"),
    ("Name=" + "|x" * 100, "ValidationFailure"),
    ("search=" + "a%20" * 21, "ValidationFailure"),
]


@pytest.mark.parametrize(("query", "code"), ERRORS)
async def test_bad_queries_are_400s_with_list_codes(list_widgets: Lister, query: str, code: str) -> None:
    with pytest.raises(ApiError) as raised:
        await list_widgets(query)
    assert raised.value.status == 400
    assert raised.value.code == code


HOSTILE = [
    "Name=' OR 1=1 --",
    "Name=%27%3B DROP TABLE test_widgets%3B--",
    "Description=%5C%25%5C_%5C",
    "xp.a'b=1",
    "xp.Color=%5C",
    "xp.Color=!%27",
    "xp." + quote("日本") + "=x",
    "sortBy=xp.a'b",
    "search=%25%25%25",
    "search=%27%22%5C",
    "search=" + quote("😀"),
    "Name=" + "*" * 2000,
    "Name=" + "%25" * 2000,
    "Description=" + "_" * 2000,
    "xp.Note=" + quote("*" + "ü" * 1998 + "*"),
    "Name=" + "a|" * 99 + "a",
    "search=" + "a%20" * 20 + "&searchType=AllTermsSameField",
    "ID=>" + "\U0010ffff",
    "DateCreated=>2020-01-01T00:00:00.999999-12:00",
    "Quantity=>-9223372036854775807",
    "Price=>999999999999999999",
    "xp.Code=>-999999999999999999",
    "xp.Code=1e17",
]


@pytest.mark.parametrize("query", HOSTILE)
async def test_hostile_input_never_breaks_the_query(list_widgets: Lister, query: str) -> None:
    ids, meta = await list_widgets(query)
    assert set(ids) <= set(ALL)
    assert meta.TotalCount == len(ids) or meta.TotalCount > len(ids) >= 0


def test_endpoint_parameters_are_passed_through() -> None:
    assert parse("depth=all&Name=x").parameters == {"depth": "all"}


def test_repeated_keys_are_separate_filters() -> None:
    assert len(parse("Name=!a&Name=!b").filters) == 2
