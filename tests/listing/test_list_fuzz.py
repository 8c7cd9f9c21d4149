"""Whatever a caller sends, the list engine answers with rows or a 400, and never splices a value into SQL."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect

from mercato.errors import ApiError
from mercato.listing._compile import order_by, where_clauses
from tests.listing.conftest import Lister, parse
from tests.listing.widgets import SPEC, widgets

GRAMMAR = st.sampled_from(["!", "*", "|", "<", ">", "=", "!*", "%", "_", "\\", "'", '"', "ü", "日", " ", "-", ".", "e"])
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
VALUE = st.lists(
    st.one_of(GRAMMAR, TEXT, st.sampled_from(["true", "2020-04-20", "12.5", "-3", "w01"])), max_size=6
).map("".join)
KEY = st.sampled_from(
    [
        *("Name", "Description", "ID", "Quantity", "Price", "Active", "DateCreated"),
        *("xp.Color", "xp.Dims.Width", "xp.Code", "Name|xp.Note"),
        *("search", "searchOn", "searchType", "sortBy", "page", "pageSize"),
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(KEY, VALUE), max_size=4))
async def test_any_query_gives_rows_or_a_400(list_widgets: Lister, pairs: list[tuple[str, str]]) -> None:
    outcome: ApiError | int
    try:
        ids, meta = await list_widgets(urlencode(pairs))
        outcome = meta.TotalCount - len(ids)
    except ApiError as error:
        outcome = error
    if isinstance(outcome, ApiError):
        assert outcome.status == 400
        assert outcome.code.startswith(("List.", "ValidationFailure"))
    else:
        assert outcome >= 0


HOSTILE_VALUE = "zz'; DROP TABLE test_widgets; --"


DIALECTS: list[Dialect] = [sqlite.dialect(), postgresql.dialect()]  # type: ignore[no-untyped-call]


@pytest.mark.parametrize("dialect", DIALECTS, ids=["sqlite", "postgresql"])
@pytest.mark.parametrize(
    "query",
    [
        f"Name={HOSTILE_VALUE}",
        f"Name=*{HOSTILE_VALUE}*",
        f"ID=>{HOSTILE_VALUE}",
        f"xp.Color=!{HOSTILE_VALUE}",
        f"xp.Code=>{HOSTILE_VALUE}",
        f"search={HOSTILE_VALUE}&searchType=ExactPhrase",
        f"search={HOSTILE_VALUE}&searchOn=xp.Color",
        "sortBy=xp.zz';DROP",
        "xp.zz';DROP=1",
    ],
)
def test_values_and_paths_are_bound_parameters(dialect: Dialect, query: str) -> None:
    parsed = parse(urlencode(parse_qsl(query, keep_blank_values=True)))
    statement = select(widgets.c.id).where(*where_clauses(SPEC, parsed)).order_by(*order_by(SPEC, parsed))
    sql = str(statement.compile(dialect=dialect))
    assert "DROP" not in sql
    assert "zz" not in sql
