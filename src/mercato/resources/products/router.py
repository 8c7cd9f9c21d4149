from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.catalog.facets import ListPageWithFacets
from mercato.errors import ValidationFailure
from mercato.listing import ListPage
from mercato.resources.products import assignments, generation, service, variants
from mercato.resources.products.access import ACCESS, BUYER_ACCESS
from mercato.resources.products.listing import ASSIGNMENT_SPEC, SPEC, VARIANT_SPEC
from mercato.resources.products.schemas import (
    Product,
    ProductAssignment,
    ProductAssignmentBody,
    Variant,
    VariantOverrides,
)
from mercato.resources.specs.listing import SPEC as SPECS_SPEC
from mercato.resources.specs.schemas import Spec
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query, query_pairs
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{productID:str}"
VARIANTS = ITEM + "/variants"
VARIANT = VARIANTS + "/{variantID:str}"
ASSIGNMENTS = "/assignments"
"""A literal segment, so it wins over ITEM (the service refuses "assignments" as a product ID)."""


@get("", opt=ACCESS.opt("Products.List"))
async def list_products(ctx: Ctx, request: AnyRequest) -> ListPageWithFacets[Product]:
    return await service.list_(ctx, list_query(request, SPEC))


@post("", opt=ACCESS.opt("Products.Create"))
async def create_product(ctx: Ctx, request: AnyRequest) -> Response[Product]:
    item = await service.create(ctx, await read_json(request, Product))
    return created(item, f"/v1/products/{item.ID}")


@get(ASSIGNMENTS, opt=ACCESS.opt("Products.ListAssignments"))
async def list_product_assignments(ctx: Ctx, request: AnyRequest) -> ListPage[ProductAssignment]:
    return await assignments.list_assignments(ctx, list_query(request, ASSIGNMENT_SPEC))


@post(ASSIGNMENTS, status_code=204, opt=ACCESS.opt("Products.SaveAssignment"))
async def save_product_assignment(ctx: Ctx, request: AnyRequest) -> None:
    await assignments.save_assignment(ctx, await read_json(request, ProductAssignmentBody))


@get(ITEM, opt=ACCESS.opt("Products.Get"))
async def get_product(ctx: Ctx, productID: FromPath[str]) -> Product:
    return await service.get(ctx, productID)


@put(ITEM, opt=ACCESS.opt("Products.Save"))
async def save_product(ctx: Ctx, request: AnyRequest, productID: FromPath[str]) -> Product:
    return await service.save(ctx, productID, await read_json(request, Product))


@patch(ITEM, opt=ACCESS.opt("Products.Patch"))
async def patch_product(ctx: Ctx, request: AnyRequest, productID: FromPath[str]) -> Product:
    return await service.patch(ctx, productID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("Products.Delete"))
async def delete_product(ctx: Ctx, productID: FromPath[str]) -> None:
    await service.delete(ctx, productID)


@delete(ITEM + ASSIGNMENTS + "/{buyerID:str}", opt=BUYER_ACCESS.opt("Products.DeleteAssignment"))
async def delete_product_assignment(
    ctx: Ctx, request: AnyRequest, productID: FromPath[str], buyerID: FromPath[str]
) -> None:
    await assignments.delete_assignment(ctx, productID, buyerID, dict(query_pairs(request)))


@get(ITEM + "/specs", opt=ACCESS.opt("Products.ListSpecs"))
async def list_product_specs(ctx: Ctx, request: AnyRequest, productID: FromPath[str]) -> ListPage[Spec]:
    return await service.list_specs(ctx, productID, list_query(request, SPECS_SPEC))


@get(VARIANTS, opt=ACCESS.opt("Products.ListVariants"))
async def list_product_variants(ctx: Ctx, request: AnyRequest, productID: FromPath[str]) -> ListPage[Variant]:
    return await variants.list_variants(ctx, productID, list_query(request, VARIANT_SPEC))


@post(VARIANTS + "/generate", opt=ACCESS.opt("Products.GenerateVariants"))
async def generate_product_variants(ctx: Ctx, request: AnyRequest, productID: FromPath[str]) -> Response[Product]:
    overwrite = _boolean(dict(query_pairs(request)).get("overwriteExisting"), "overwriteExisting")
    product = await generation.generate(ctx, productID, await read_json(request, VariantOverrides), overwrite)
    return Response(product, status_code=201)


@get(VARIANT, opt=ACCESS.opt("Products.GetVariant"))
async def get_product_variant(ctx: Ctx, productID: FromPath[str], variantID: FromPath[str]) -> Variant:
    return await variants.get_variant(ctx, productID, variantID)


@put(VARIANT, opt=ACCESS.opt("Products.SaveVariant"))
async def save_product_variant(
    ctx: Ctx, request: AnyRequest, productID: FromPath[str], variantID: FromPath[str]
) -> Variant:
    return await variants.save_variant(ctx, productID, variantID, await read_json(request, Variant))


@patch(VARIANT, opt=ACCESS.opt("Products.PatchVariant"))
async def patch_product_variant(
    ctx: Ctx, request: AnyRequest, productID: FromPath[str], variantID: FromPath[str]
) -> Variant:
    return await variants.patch_variant(ctx, productID, variantID, await read_object(request))


def _boolean(text: str | None, name: str) -> bool:
    if text is None or text == "":
        return False
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    raise ValidationFailure(f"{name} must be true or false", name)


router = Router(
    "/products",
    route_handlers=[
        list_products,
        create_product,
        list_product_assignments,
        save_product_assignment,
        get_product,
        save_product,
        patch_product,
        delete_product,
        delete_product_assignment,
        list_product_specs,
        list_product_variants,
        generate_product_variants,
        get_product_variant,
        save_product_variant,
        patch_product_variant,
    ],
)
