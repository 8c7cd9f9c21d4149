from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.payments import service
from mercato.resources.payments.access import ACCESS
from mercato.resources.payments.listing import SPEC
from mercato.resources.payments.schemas import Payment, PaymentTransaction
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
BASE = "/orders/{direction:str}/{orderID:str}/payments"
ITEM = "/{paymentID:str}"
TRANSACTIONS = ITEM + "/transactions"


def _location(direction: str, order_id: str, payment_id: str | None) -> str:
    return f"/v1/orders/{direction}/{order_id}/payments/{payment_id}"


@get("", opt=ACCESS.opt("Payments.List"))
async def list_payments(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]
) -> ListPage[Payment]:
    return await service.list_(ctx, direction, orderID, list_query(request, SPEC))


@post("", opt=ACCESS.opt("Payments.Create"))
async def create_payment(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]
) -> Response[Payment]:
    item = await service.create(ctx, direction, orderID, await read_json(request, Payment))
    return created(item, _location(direction, orderID, item.ID))


@get(ITEM, opt=ACCESS.opt("Payments.Get"))
async def get_payment(ctx: Ctx, direction: FromPath[str], orderID: FromPath[str], paymentID: FromPath[str]) -> Payment:
    return await service.get(ctx, direction, orderID, paymentID)


@patch(ITEM, opt=ACCESS.opt("Payments.Patch"))
async def patch_payment(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str], paymentID: FromPath[str]
) -> Payment:
    return await service.patch(ctx, direction, orderID, paymentID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("Payments.Delete"))
async def delete_payment(ctx: Ctx, direction: FromPath[str], orderID: FromPath[str], paymentID: FromPath[str]) -> None:
    await service.delete(ctx, direction, orderID, paymentID)


@post(TRANSACTIONS, opt=ACCESS.opt("Payments.CreateTransaction"))
async def create_payment_transaction(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str], paymentID: FromPath[str]
) -> Response[Payment]:
    transaction = await read_json(request, PaymentTransaction)
    item = await service.create_transaction(ctx, direction, orderID, paymentID, transaction)
    return created(item, _location(direction, orderID, item.ID))


@delete(TRANSACTIONS + "/{transactionID:str}", opt=ACCESS.opt("Payments.DeleteTransaction"))
async def delete_payment_transaction(
    ctx: Ctx, direction: FromPath[str], orderID: FromPath[str], paymentID: FromPath[str], transactionID: FromPath[str]
) -> None:
    await service.delete_transaction(ctx, direction, orderID, paymentID, transactionID)


router = Router(
    BASE,
    route_handlers=[
        list_payments,
        create_payment,
        get_payment,
        patch_payment,
        delete_payment,
        create_payment_transaction,
        delete_payment_transaction,
    ],
)
