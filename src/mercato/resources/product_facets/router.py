from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.product_facets import service
from mercato.resources.product_facets.access import ACCESS
from mercato.resources.product_facets.listing import SPEC
from mercato.resources.product_facets.schemas import ProductFacet
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{productFacetID:str}"


@get("", opt=ACCESS.opt("ProductFacets.List"))
async def list_product_facets(ctx: Ctx, request: AnyRequest) -> ListPage[ProductFacet]:
    return await service.list_(ctx, list_query(request, SPEC))


@post("", opt=ACCESS.opt("ProductFacets.Create"))
async def create_product_facet(ctx: Ctx, request: AnyRequest) -> Response[ProductFacet]:
    item = await service.create(ctx, await read_json(request, ProductFacet))
    return created(item, f"/v1/productfacets/{item.ID}")


@get(ITEM, opt=ACCESS.opt("ProductFacets.Get"))
async def get_product_facet(ctx: Ctx, productFacetID: FromPath[str]) -> ProductFacet:
    return await service.get(ctx, productFacetID)


@put(ITEM, opt=ACCESS.opt("ProductFacets.Save"))
async def save_product_facet(ctx: Ctx, request: AnyRequest, productFacetID: FromPath[str]) -> ProductFacet:
    return await service.save(ctx, productFacetID, await read_json(request, ProductFacet))


@patch(ITEM, opt=ACCESS.opt("ProductFacets.Patch"))
async def patch_product_facet(ctx: Ctx, request: AnyRequest, productFacetID: FromPath[str]) -> ProductFacet:
    return await service.patch(ctx, productFacetID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("ProductFacets.Delete"))
async def delete_product_facet(ctx: Ctx, productFacetID: FromPath[str]) -> None:
    await service.delete(ctx, productFacetID)


router = Router(
    "/productfacets",
    route_handlers=[
        list_product_facets,
        create_product_facet,
        get_product_facet,
        save_product_facet,
        patch_product_facet,
        delete_product_facet,
    ],
)
