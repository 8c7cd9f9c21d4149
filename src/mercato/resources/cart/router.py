"""``/cart``: the order and line item routes over the caller's current cart (service.py)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.admin_addresses.schemas import Address
from mercato.resources.cart import service as cart
from mercato.resources.cart.access import ACCESS
from mercato.resources.line_items import service as lines
from mercato.resources.line_items.listing import SPEC as LINE_SPEC
from mercato.resources.line_items.schemas import LineItem
from mercato.resources.orders import addresses, workflow
from mercato.resources.orders import service as orders
from mercato.resources.orders.schemas import Order
from mercato.resources.payments import service as payments
from mercato.resources.payments.listing import SPEC as PAYMENT_SPEC
from mercato.resources.payments.schemas import Payment, PaymentTransaction
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
OUT = cart.OUTGOING
LINE = "/lineitems/{lineItemID:str}"
PAYMENT = "/payments/{paymentID:str}"


@get("", opt=ACCESS.opt("Cart.Get"))
async def get_cart(ctx: Ctx) -> Order:
    return await cart.get(ctx)


@put("", opt=ACCESS.opt("Cart.Save"))
async def save_cart(ctx: Ctx, request: AnyRequest) -> Order:
    return await cart.save(ctx, await read_json(request, Order))


@patch("", opt=ACCESS.opt("Cart.Patch"))
async def patch_cart(ctx: Ctx, request: AnyRequest) -> Order:
    return await cart.patch(ctx, await read_object(request))


@delete("", opt=ACCESS.opt("Cart.Delete"))
async def delete_cart(ctx: Ctx) -> None:
    await cart.delete(ctx)


@put("/{orderID:str}", status_code=204, opt=ACCESS.opt("Cart.SetActiveCart"))
async def set_active_cart(ctx: Ctx, orderID: FromPath[str]) -> None:
    await cart.set_active(ctx, orderID)


@put("/billto", opt=ACCESS.opt("Cart.SetBillingAddress"))
async def set_cart_billing_address(ctx: Ctx, request: AnyRequest) -> Order:
    return await addresses.set_billing(ctx, OUT, await cart.ensured_id(ctx), await read_json(request, Address))


@patch("/billto", opt=ACCESS.opt("Cart.PatchBillingAddress"))
async def patch_cart_billing_address(ctx: Ctx, request: AnyRequest) -> Order:
    return await addresses.patch_billing(ctx, OUT, await cart.required_id(ctx), await read_object(request))


@put("/shipto", opt=ACCESS.opt("Cart.SetShippingAddress"))
async def set_cart_shipping_address(ctx: Ctx, request: AnyRequest) -> Order:
    return await addresses.set_shipping(ctx, OUT, await cart.ensured_id(ctx), await read_json(request, Address))


@patch("/shipto", opt=ACCESS.opt("Cart.PatchShippingAddress"))
async def patch_cart_shipping_address(ctx: Ctx, request: AnyRequest) -> Order:
    return await addresses.patch_shipping(ctx, OUT, await cart.required_id(ctx), await read_object(request))


@patch("/fromuser", opt=ACCESS.opt("Cart.PatchFromUser"))
async def patch_cart_from_user(ctx: Ctx, request: AnyRequest) -> Order:
    return await orders.patch_from_user(ctx, OUT, await cart.ensured_id(ctx), await read_object(request))


@get("/lineitems", opt=ACCESS.opt("Cart.ListLineItems"))
async def list_cart_line_items(ctx: Ctx, request: AnyRequest) -> ListPage[LineItem]:
    return await lines.list_(ctx, OUT, await cart.required_id(ctx), list_query(request, LINE_SPEC))


@post("/lineitems", opt=ACCESS.opt("Cart.CreateLineItem"))
async def create_cart_line_item(ctx: Ctx, request: AnyRequest) -> Response[LineItem]:
    body = await read_json(request, LineItem)
    line = await lines.create(ctx, OUT, await cart.ensured_id(ctx), body)
    return created(line, f"/v1/cart/lineitems/{line.ID}")


@get(LINE, opt=ACCESS.opt("Cart.GetLineItem"))
async def get_cart_line_item(ctx: Ctx, lineItemID: FromPath[str]) -> LineItem:
    return await lines.get(ctx, OUT, await cart.required_id(ctx), lineItemID)


@put(LINE, opt=ACCESS.opt("Cart.SaveLineItem"))
async def save_cart_line_item(ctx: Ctx, request: AnyRequest, lineItemID: FromPath[str]) -> LineItem:
    body = await read_json(request, LineItem)
    return await lines.save(ctx, OUT, await cart.ensured_id(ctx), lineItemID, body)


@patch(LINE, opt=ACCESS.opt("Cart.PatchLineItem"))
async def patch_cart_line_item(ctx: Ctx, request: AnyRequest, lineItemID: FromPath[str]) -> LineItem:
    return await lines.patch(ctx, OUT, await cart.required_id(ctx), lineItemID, await read_object(request))


@delete(LINE, opt=ACCESS.opt("Cart.DeleteLineItem"))
async def delete_cart_line_item(ctx: Ctx, lineItemID: FromPath[str]) -> None:
    await lines.delete_line(ctx, OUT, await cart.required_id(ctx), lineItemID)


@get("/payments", opt=ACCESS.opt("Cart.ListPayments"))
async def list_cart_payments(ctx: Ctx, request: AnyRequest) -> ListPage[Payment]:
    return await payments.list_(ctx, OUT, await cart.required_id(ctx), list_query(request, PAYMENT_SPEC))


@post("/payments", opt=ACCESS.opt("Cart.CreatePayment"))
async def create_cart_payment(ctx: Ctx, request: AnyRequest) -> Response[Payment]:
    body = await read_json(request, Payment)
    payment = await payments.create(ctx, OUT, await cart.required_id(ctx), body)
    return created(payment, f"/v1/cart/payments/{payment.ID}")


@get(PAYMENT, opt=ACCESS.opt("Cart.GetPayment"))
async def get_cart_payment(ctx: Ctx, paymentID: FromPath[str]) -> Payment:
    return await payments.get(ctx, OUT, await cart.required_id(ctx), paymentID)


@patch(PAYMENT, opt=ACCESS.opt("Cart.PatchPayment"))
async def patch_cart_payment(ctx: Ctx, request: AnyRequest, paymentID: FromPath[str]) -> Payment:
    return await payments.patch(ctx, OUT, await cart.required_id(ctx), paymentID, await read_object(request))


@delete(PAYMENT, opt=ACCESS.opt("Cart.DeletePayment"))
async def delete_cart_payment(ctx: Ctx, paymentID: FromPath[str]) -> None:
    await payments.delete(ctx, OUT, await cart.required_id(ctx), paymentID)


@post(PAYMENT + "/transactions", opt=ACCESS.opt("Cart.CreatePaymentTransaction"))
async def create_cart_payment_transaction(ctx: Ctx, request: AnyRequest, paymentID: FromPath[str]) -> Response[Payment]:
    transaction = await read_json(request, PaymentTransaction)
    payment = await payments.create_transaction(ctx, OUT, await cart.required_id(ctx), paymentID, transaction)
    return created(payment, f"/v1/cart/payments/{payment.ID}")


@delete(PAYMENT + "/transactions/{transactionID:str}", opt=ACCESS.opt("Cart.DeletePaymentTransaction"))
async def delete_cart_payment_transaction(ctx: Ctx, paymentID: FromPath[str], transactionID: FromPath[str]) -> None:
    await payments.delete_transaction(ctx, OUT, await cart.required_id(ctx), paymentID, transactionID)


@post("/submit", opt=ACCESS.opt("Cart.Submit"))
async def submit_cart(ctx: Ctx) -> Order:
    return await workflow.submit(ctx, OUT, await cart.required_id(ctx))


@post("/validate", status_code=204, opt=ACCESS.opt("Cart.Validate"))
async def validate_cart(ctx: Ctx) -> None:
    await workflow.validate(ctx, OUT, await cart.required_id(ctx))


router = Router(
    "/cart",
    route_handlers=[
        get_cart,
        save_cart,
        patch_cart,
        delete_cart,
        set_active_cart,
        set_cart_billing_address,
        patch_cart_billing_address,
        set_cart_shipping_address,
        patch_cart_shipping_address,
        patch_cart_from_user,
        list_cart_line_items,
        create_cart_line_item,
        get_cart_line_item,
        save_cart_line_item,
        patch_cart_line_item,
        delete_cart_line_item,
        list_cart_payments,
        create_cart_payment,
        get_cart_payment,
        patch_cart_payment,
        delete_cart_payment,
        create_cart_payment_transaction,
        delete_cart_payment_transaction,
        submit_cart,
        validate_cart,
    ],
)
