from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage, ListSpec
from mercato.resources.buyers import service
from mercato.resources.buyers.access import ACCESS
from mercato.resources.buyers.listing import SPEC
from mercato.resources.buyers.schemas import Buyer, BuyerSupplier
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{buyerID:str}"
SELLERS_SPEC = ListSpec(fields={}, tiebreak=SPEC.tiebreak)


@get("", opt=ACCESS.opt("Buyers.List"))
async def list_buyers(ctx: Ctx, request: AnyRequest) -> ListPage[Buyer]:
    return await service.list_(ctx, list_query(request, SPEC))


@post("", opt=ACCESS.opt("Buyers.Create"))
async def create_buyer(ctx: Ctx, request: AnyRequest) -> Response[Buyer]:
    buyer = await service.create(ctx, await read_json(request, Buyer))
    return created(buyer, f"/v1/buyers/{buyer.ID}")


@get(ITEM, opt=ACCESS.opt("Buyers.Get"))
async def get_buyer(ctx: Ctx, buyerID: FromPath[str]) -> Buyer:
    return await service.get(ctx, buyerID)


@put(ITEM, opt=ACCESS.opt("Buyers.Save"))
async def save_buyer(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> Buyer:
    return await service.save(ctx, buyerID, await read_json(request, Buyer))


@patch(ITEM, opt=ACCESS.opt("Buyers.Patch"))
async def patch_buyer(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> Buyer:
    return await service.patch(ctx, buyerID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("Buyers.Delete"))
async def delete_buyer(ctx: Ctx, buyerID: FromPath[str]) -> None:
    await service.delete_buyer(ctx, buyerID)


@get(ITEM + "/sellers", opt=ACCESS.opt("Buyers.ListBuyerSellers"))
async def list_buyer_sellers(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> ListPage[BuyerSupplier]:
    await service.get(ctx, buyerID)
    return await service.list_sellers(ctx, buyerID, list_query(request, SELLERS_SPEC))


router = Router(
    "/buyers",
    route_handlers=[list_buyers, create_buyer, get_buyer, save_buyer, patch_buyer, delete_buyer, list_buyer_sellers],
)
