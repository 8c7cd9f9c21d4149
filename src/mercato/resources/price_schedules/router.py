from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.price_schedules import service
from mercato.resources.price_schedules.access import ACCESS
from mercato.resources.price_schedules.listing import SPEC
from mercato.resources.price_schedules.schemas import PriceBreak, PriceSchedule
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query, query_pairs
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{priceScheduleID:str}"
PRICE_BREAKS = ITEM + "/PriceBreaks"


@get("", opt=ACCESS.opt("PriceSchedules.List"))
async def list_price_schedules(ctx: Ctx, request: AnyRequest) -> ListPage[PriceSchedule]:
    return await service.list_(ctx, list_query(request, SPEC))


@post("", opt=ACCESS.opt("PriceSchedules.Create"))
async def create_price_schedule(ctx: Ctx, request: AnyRequest) -> Response[PriceSchedule]:
    item = await service.create(ctx, await read_json(request, PriceSchedule))
    return created(item, f"/v1/priceschedules/{item.ID}")


@get(ITEM, opt=ACCESS.opt("PriceSchedules.Get"))
async def get_price_schedule(ctx: Ctx, priceScheduleID: FromPath[str]) -> PriceSchedule:
    return await service.get(ctx, priceScheduleID)


@put(ITEM, opt=ACCESS.opt("PriceSchedules.Save"))
async def save_price_schedule(ctx: Ctx, request: AnyRequest, priceScheduleID: FromPath[str]) -> PriceSchedule:
    return await service.save(ctx, priceScheduleID, await read_json(request, PriceSchedule))


@patch(ITEM, opt=ACCESS.opt("PriceSchedules.Patch"))
async def patch_price_schedule(ctx: Ctx, request: AnyRequest, priceScheduleID: FromPath[str]) -> PriceSchedule:
    return await service.patch(ctx, priceScheduleID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("PriceSchedules.Delete"))
async def delete_price_schedule(ctx: Ctx, priceScheduleID: FromPath[str]) -> None:
    await service.delete(ctx, priceScheduleID)


@post(PRICE_BREAKS, opt=ACCESS.opt("PriceSchedules.SavePriceBreak"))
async def save_price_break(ctx: Ctx, request: AnyRequest, priceScheduleID: FromPath[str]) -> Response[PriceSchedule]:
    item = await service.save_price_break(ctx, priceScheduleID, await read_json(request, PriceBreak))
    return created(item, f"/v1/priceschedules/{item.ID}")


@delete(PRICE_BREAKS, opt=ACCESS.opt("PriceSchedules.DeletePriceBreak"))
async def delete_price_break(ctx: Ctx, request: AnyRequest, priceScheduleID: FromPath[str]) -> None:
    await service.delete_price_break(ctx, priceScheduleID, dict(query_pairs(request)).get("quantity"))


router = Router(
    "/priceschedules",
    route_handlers=[
        list_price_schedules,
        create_price_schedule,
        get_price_schedule,
        save_price_schedule,
        patch_price_schedule,
        delete_price_schedule,
        save_price_break,
        delete_price_break,
    ],
)
