"""Catalogs (``/catalogs``), their buyer assignments and their product assignments."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.catalogs import assignments, service
from mercato.resources.catalogs.access import ACCESS
from mercato.resources.catalogs.listing import ASSIGNMENT_SPEC, PRODUCT_ASSIGNMENT_SPEC, SPEC
from mercato.resources.catalogs.schemas import (
    Catalog,
    CatalogAssignment,
    CatalogAssignmentBody,
    ProductCatalogAssignment,
)
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query, query_pairs
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{catalogID:str}"
ASSIGNMENTS = "/assignments"
PRODUCT_ASSIGNMENTS = "/productassignments"
"""Literal segments, so they win over ITEM (the service refuses them, in any case, as catalog IDs)."""


@get("", opt=ACCESS.opt("Catalogs.List"))
async def list_catalogs(ctx: Ctx, request: AnyRequest) -> ListPage[Catalog]:
    return await service.list_(ctx, list_query(request, SPEC))


@post("", opt=ACCESS.opt("Catalogs.Create"))
async def create_catalog(ctx: Ctx, request: AnyRequest) -> Response[Catalog]:
    item = await service.create(ctx, await read_json(request, Catalog))
    return created(item, f"/v1/catalogs/{item.ID}")


@get(ASSIGNMENTS, opt=ACCESS.opt("Catalogs.ListAssignments"))
async def list_catalog_assignments(ctx: Ctx, request: AnyRequest) -> ListPage[CatalogAssignment]:
    return await assignments.list_assignments(ctx, list_query(request, ASSIGNMENT_SPEC))


@post(ASSIGNMENTS, status_code=204, opt=ACCESS.opt("Catalogs.SaveAssignment"))
async def save_catalog_assignment(ctx: Ctx, request: AnyRequest) -> None:
    await assignments.save_assignment(ctx, await read_json(request, CatalogAssignmentBody))


@get(PRODUCT_ASSIGNMENTS, opt=ACCESS.opt("Catalogs.ListProductAssignments"))
async def list_catalog_product_assignments(ctx: Ctx, request: AnyRequest) -> ListPage[ProductCatalogAssignment]:
    return await assignments.list_product_assignments(ctx, list_query(request, PRODUCT_ASSIGNMENT_SPEC))


@post(PRODUCT_ASSIGNMENTS, status_code=204, opt=ACCESS.opt("Catalogs.SaveProductAssignment"))
async def save_catalog_product_assignment(ctx: Ctx, request: AnyRequest) -> None:
    await assignments.save_product_assignment(ctx, await read_json(request, ProductCatalogAssignment))


@get(ITEM, opt=ACCESS.opt("Catalogs.Get"))
async def get_catalog(ctx: Ctx, catalogID: FromPath[str]) -> Catalog:
    return await service.get(ctx, catalogID)


@put(ITEM, opt=ACCESS.opt("Catalogs.Save"))
async def save_catalog(ctx: Ctx, request: AnyRequest, catalogID: FromPath[str]) -> Catalog:
    return await service.save(ctx, catalogID, await read_json(request, Catalog))


@patch(ITEM, opt=ACCESS.opt("Catalogs.Patch"))
async def patch_catalog(ctx: Ctx, request: AnyRequest, catalogID: FromPath[str]) -> Catalog:
    return await service.patch(ctx, catalogID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("Catalogs.Delete"))
async def delete_catalog(ctx: Ctx, catalogID: FromPath[str]) -> None:
    await service.delete(ctx, catalogID)


@delete(ITEM + ASSIGNMENTS, opt=ACCESS.opt("Catalogs.DeleteAssignment"))
async def delete_catalog_assignment(ctx: Ctx, request: AnyRequest, catalogID: FromPath[str]) -> None:
    await assignments.delete_assignment(ctx, catalogID, dict(query_pairs(request)))


@delete(ITEM + PRODUCT_ASSIGNMENTS + "/{productID:str}", opt=ACCESS.opt("Catalogs.DeleteProductAssignment"))
async def delete_catalog_product_assignment(ctx: Ctx, catalogID: FromPath[str], productID: FromPath[str]) -> None:
    await assignments.delete_product_assignment(ctx, catalogID, productID)


router = Router(
    "/catalogs",
    route_handlers=[
        list_catalogs,
        create_catalog,
        list_catalog_assignments,
        save_catalog_assignment,
        list_catalog_product_assignments,
        save_catalog_product_assignment,
        get_catalog,
        save_catalog,
        patch_catalog,
        delete_catalog,
        delete_catalog_assignment,
        delete_catalog_product_assignment,
    ],
)
