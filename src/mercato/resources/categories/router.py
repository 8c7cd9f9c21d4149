"""A catalog's categories (``/catalogs/{catalogID}/categories``), their assignments and product assignments."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.catalog.tree import Span, parse_depth, split_anchor
from mercato.errors import ValidationFailure
from mercato.listing import ListPage, parse_list_query
from mercato.resources.categories import assignments, service
from mercato.resources.categories.access import ACCESS
from mercato.resources.categories.listing import ASSIGNMENT_SPEC, PRODUCT_ASSIGNMENT_SPEC, SPEC
from mercato.resources.categories.schemas import (
    Category,
    CategoryAssignment,
    CategoryAssignmentBody,
    CategoryProductAssignment,
)
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query, query_pairs
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{categoryID:str}"
ASSIGNMENTS = "/assignments"
PRODUCT_ASSIGNMENTS = "/productassignments"
"""Literal segments, so they win over ITEM (the service refuses them, in any case, as category IDs)."""


def adjust_list_orders(request: AnyRequest) -> bool:
    """The ``adjustListOrders`` query parameter: true | false in any case; absent or blank is false."""
    text = dict(query_pairs(request)).get("adjustListOrders", "").strip().lower()
    if text not in ("", "true", "false"):
        raise ValidationFailure("adjustListOrders must be true or false", "adjustListOrders")
    return text == "true"


@get("", opt=ACCESS.opt("Categories.List"))
async def list_categories(ctx: Ctx, request: AnyRequest, catalogID: FromPath[str]) -> ListPage[Category]:
    parent_id, pairs = split_anchor(query_pairs(request))
    query = parse_list_query(pairs, SPEC)
    span = Span(parse_depth(query.parameters.get("depth")), parent_id)
    return await service.list_(ctx, catalogID, span, query)


@post("", opt=ACCESS.opt("Categories.Create"))
async def create_category(ctx: Ctx, request: AnyRequest, catalogID: FromPath[str]) -> Response[Category]:
    adjust = adjust_list_orders(request)
    item = await service.create(ctx, catalogID, await read_json(request, Category), adjust)
    return created(item, f"/v1/catalogs/{catalogID}/categories/{item.ID}")


@get(ASSIGNMENTS, opt=ACCESS.opt("Categories.ListAssignments"))
async def list_category_assignments(
    ctx: Ctx, request: AnyRequest, catalogID: FromPath[str]
) -> ListPage[CategoryAssignment]:
    return await assignments.list_assignments(ctx, catalogID, list_query(request, ASSIGNMENT_SPEC))


@post(ASSIGNMENTS, status_code=204, opt=ACCESS.opt("Categories.SaveAssignment"))
async def save_category_assignment(ctx: Ctx, request: AnyRequest, catalogID: FromPath[str]) -> None:
    await assignments.save_assignment(ctx, catalogID, await read_json(request, CategoryAssignmentBody))


@get(PRODUCT_ASSIGNMENTS, opt=ACCESS.opt("Categories.ListProductAssignments"))
async def list_category_product_assignments(
    ctx: Ctx, request: AnyRequest, catalogID: FromPath[str]
) -> ListPage[CategoryProductAssignment]:
    return await assignments.list_product_assignments(ctx, catalogID, list_query(request, PRODUCT_ASSIGNMENT_SPEC))


@post(PRODUCT_ASSIGNMENTS, status_code=204, opt=ACCESS.opt("Categories.SaveProductAssignment"))
async def save_category_product_assignment(ctx: Ctx, request: AnyRequest, catalogID: FromPath[str]) -> None:
    await assignments.save_product_assignment(ctx, catalogID, await read_json(request, CategoryProductAssignment))


@get(ITEM, opt=ACCESS.opt("Categories.Get"))
async def get_category(ctx: Ctx, catalogID: FromPath[str], categoryID: FromPath[str]) -> Category:
    return await service.get(ctx, catalogID, categoryID)


@put(ITEM, opt=ACCESS.opt("Categories.Save"))
async def save_category(ctx: Ctx, request: AnyRequest, catalogID: FromPath[str], categoryID: FromPath[str]) -> Category:
    adjust = adjust_list_orders(request)
    return await service.save(ctx, catalogID, categoryID, await read_json(request, Category), adjust)


@patch(ITEM, opt=ACCESS.opt("Categories.Patch"))
async def patch_category(
    ctx: Ctx, request: AnyRequest, catalogID: FromPath[str], categoryID: FromPath[str]
) -> Category:
    adjust = adjust_list_orders(request)
    return await service.patch(ctx, catalogID, categoryID, await read_object(request), adjust)


@delete(ITEM, opt=ACCESS.opt("Categories.Delete"))
async def delete_category(ctx: Ctx, catalogID: FromPath[str], categoryID: FromPath[str]) -> None:
    await service.delete_category(ctx, catalogID, categoryID)


@delete(ITEM + ASSIGNMENTS, opt=ACCESS.opt("Categories.DeleteAssignment"))
async def delete_category_assignment(
    ctx: Ctx, request: AnyRequest, catalogID: FromPath[str], categoryID: FromPath[str]
) -> None:
    await assignments.delete_assignment(ctx, catalogID, categoryID, dict(query_pairs(request)))


@delete(ITEM + PRODUCT_ASSIGNMENTS + "/{productID:str}", opt=ACCESS.opt("Categories.DeleteProductAssignment"))
async def delete_category_product_assignment(
    ctx: Ctx, catalogID: FromPath[str], categoryID: FromPath[str], productID: FromPath[str]
) -> None:
    await assignments.delete_product_assignment(ctx, catalogID, categoryID, productID)


router = Router(
    "/catalogs/{catalogID:str}/categories",
    route_handlers=[
        list_categories,
        create_category,
        list_category_assignments,
        save_category_assignment,
        list_category_product_assignments,
        save_category_product_assignment,
        get_category,
        save_category,
        patch_category,
        delete_category,
        delete_category_assignment,
        delete_category_product_assignment,
    ],
)
