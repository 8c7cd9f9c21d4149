"""The one list engine: parse the query string, check it against the resource's ListSpec, compile it to SQL,
fetch a page. Resources declare a ListSpec (in their ``listing.py``); nothing here knows any resource."""

from mercato.listing._compile import where_clauses
from mercato.listing._operands import Day, parse_datetime
from mercato.listing._page import (
    ListPage,
    Meta,
    RowPage,
    default_order,
    fetch_page,
    page_meta,
    sorted_by_default,
)
from mercato.listing._query import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    ListQuery,
    SearchType,
    parse_list_query,
)
from mercato.listing._spec import Field, Kind, ListSpec

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "Day",
    "Field",
    "Kind",
    "ListPage",
    "ListQuery",
    "ListSpec",
    "Meta",
    "RowPage",
    "SearchType",
    "default_order",
    "fetch_page",
    "page_meta",
    "parse_datetime",
    "parse_list_query",
    "sorted_by_default",
    "where_clauses",
]
