"""The products a buyer user may buy (``/me/products``), with their specs and variants."""

from __future__ import annotations

from typing import Any

from litestar import Request, Router, get
from litestar.params import FromPath

from mercato.catalog.facets import ListPageWithFacets
from mercato.listing import ListPage
from mercato.resources.me_products import service
from mercato.resources.me_products.access import ACCESS
from mercato.resources.me_products.listing import MY_SPECS_SPEC, MY_VARIANTS_SPEC, SPEC
from mercato.resources.me_products.schemas import BuyerProduct
from mercato.resources.products.schemas import Variant
from mercato.resources.specs.schemas import Spec
from mercato.web.guard import Ctx
from mercato.web.query import list_query, query_pairs

AnyRequest = Request[Any, Any, Any]
ITEM = "/{productID:str}"


@get("", opt=ACCESS.opt("Me.ListProducts"))
async def list_my_products(ctx: Ctx, request: AnyRequest) -> ListPageWithFacets[BuyerProduct]:
    return await service.list_(ctx, list_query(request, SPEC))


@get(ITEM, opt=ACCESS.opt("Me.GetProduct"))
async def get_my_product(ctx: Ctx, request: AnyRequest, productID: FromPath[str]) -> BuyerProduct:
    return await service.get(ctx, productID, dict(query_pairs(request)))


@get(ITEM + "/specs", opt=ACCESS.opt("Me.ListSpecs"))
async def list_my_product_specs(ctx: Ctx, request: AnyRequest, productID: FromPath[str]) -> ListPage[Spec]:
    return await service.list_specs(ctx, productID, list_query(request, MY_SPECS_SPEC))


@get(ITEM + "/specs/{specID:str}", opt=ACCESS.opt("Me.GetSpec"))
async def get_my_product_spec(ctx: Ctx, request: AnyRequest, productID: FromPath[str], specID: FromPath[str]) -> Spec:
    return await service.get_spec(ctx, productID, specID, dict(query_pairs(request)))


@get(ITEM + "/variants", opt=ACCESS.opt("Me.ListVariants"))
async def list_my_product_variants(ctx: Ctx, request: AnyRequest, productID: FromPath[str]) -> ListPage[Variant]:
    return await service.list_variants(ctx, productID, list_query(request, MY_VARIANTS_SPEC))


@get(ITEM + "/variants/{variantID:str}", opt=ACCESS.opt("Me.GetVariant"))
async def get_my_product_variant(ctx: Ctx, productID: FromPath[str], variantID: FromPath[str]) -> Variant:
    return await service.get_variant(ctx, productID, variantID)


router = Router(
    "/me/products",
    route_handlers=[
        list_my_products,
        get_my_product,
        list_my_product_specs,
        get_my_product_spec,
        list_my_product_variants,
        get_my_product_variant,
    ],
)
