"""The caller's categories (``/me/categories``)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Router, get
from litestar.params import FromPath

from mercato.catalog.tree import Span, parse_depth, split_anchor
from mercato.listing import ListPage, parse_list_query
from mercato.resources.categories.schemas import Category
from mercato.resources.me_categories import service
from mercato.resources.me_categories.access import ACCESS
from mercato.resources.me_categories.listing import SPEC
from mercato.web.guard import Ctx
from mercato.web.query import query_pairs

AnyRequest = Request[Any, Any, Any]


@get("", opt=ACCESS.opt("Me.ListCategories"))
async def list_my_categories(ctx: Ctx, request: AnyRequest) -> ListPage[Category]:
    parent_id, pairs = split_anchor(query_pairs(request))
    query = parse_list_query(pairs, SPEC)
    span = Span(parse_depth(query.parameters.get("depth")), parent_id)
    return await service.list_(ctx, span, query)


@get("/{categoryID:str}", opt=ACCESS.opt("Me.GetCategory"))
async def get_my_category(ctx: Ctx, request: AnyRequest, categoryID: FromPath[str]) -> Category:
    catalog_id = dict(query_pairs(request)).get("catalogID") or None
    return await service.get(ctx, categoryID, catalog_id)


router = Router("/me/categories", route_handlers=[list_my_categories, get_my_category])
