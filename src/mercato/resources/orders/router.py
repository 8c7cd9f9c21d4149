from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.accounts import users as accounts
from mercato.accounts.schemas import User
from mercato.listing import ListPage
from mercato.orders.status import parse_direction
from mercato.resources.admin_addresses.schemas import Address
from mercato.resources.orders import addresses, service, workflow
from mercato.resources.orders.access import ACCESS, ME_ACCESS
from mercato.resources.orders.listing import APPROVAL_SPEC, ME_SPEC, SPEC
from mercato.resources.orders.schemas import Order, OrderApproval, OrderApprovalInfo
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{orderID:str}"


@get("", opt=ACCESS.opt("Orders.List"))
async def list_orders(ctx: Ctx, request: AnyRequest, direction: FromPath[str]) -> ListPage[Order]:
    return await service.list_(ctx, parse_direction(direction), list_query(request, SPEC))


@post("", opt=ACCESS.opt("Orders.Create"))
async def create_order(ctx: Ctx, request: AnyRequest, direction: FromPath[str]) -> Response[Order]:
    order = await service.create(ctx, parse_direction(direction), await read_json(request, Order))
    return created(order, f"/v1/orders/{direction}/{order.ID}")


@get(ITEM, opt=ACCESS.opt("Orders.Get"))
async def get_order(ctx: Ctx, direction: FromPath[str], orderID: FromPath[str]) -> Order:
    return await service.get(ctx, parse_direction(direction), orderID)


@put(ITEM, opt=ACCESS.opt("Orders.Save"))
async def save_order(ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]) -> Order:
    return await service.save(ctx, parse_direction(direction), orderID, await read_json(request, Order))


@patch(ITEM, opt=ACCESS.opt("Orders.Patch"))
async def patch_order(ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]) -> Order:
    return await service.patch(ctx, parse_direction(direction), orderID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("Orders.Delete"))
async def delete_order(ctx: Ctx, direction: FromPath[str], orderID: FromPath[str]) -> None:
    await service.delete_order(ctx, parse_direction(direction), orderID)


@post(ITEM + "/validate", status_code=204, opt=ACCESS.opt("Orders.Validate"))
async def validate_order(ctx: Ctx, direction: FromPath[str], orderID: FromPath[str]) -> None:
    await workflow.validate(ctx, parse_direction(direction), orderID)


@post(ITEM + "/submit", opt=ACCESS.opt("Orders.Submit"))
async def submit_order(ctx: Ctx, direction: FromPath[str], orderID: FromPath[str]) -> Order:
    return await workflow.submit(ctx, parse_direction(direction), orderID)


@post(ITEM + "/approve", opt=ACCESS.opt("Orders.Approve"))
async def approve_order(ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]) -> Order:
    info = await read_json(request, OrderApprovalInfo)
    return await workflow.approve(ctx, parse_direction(direction), orderID, info)


@post(ITEM + "/decline", opt=ACCESS.opt("Orders.Decline"))
async def decline_order(ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]) -> Order:
    info = await read_json(request, OrderApprovalInfo)
    return await workflow.decline(ctx, parse_direction(direction), orderID, info)


@post(ITEM + "/cancel", opt=ACCESS.opt("Orders.Cancel"))
async def cancel_order(ctx: Ctx, direction: FromPath[str], orderID: FromPath[str]) -> Order:
    return await workflow.cancel(ctx, parse_direction(direction), orderID)


@post(ITEM + "/complete", opt=ACCESS.opt("Orders.Complete"))
async def complete_order(ctx: Ctx, direction: FromPath[str], orderID: FromPath[str]) -> Order:
    return await workflow.complete(ctx, parse_direction(direction), orderID)


@get(ITEM + "/approvals", opt=ACCESS.opt("Orders.ListApprovals"))
async def list_order_approvals(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]
) -> ListPage[OrderApproval]:
    return await workflow.list_approvals(ctx, parse_direction(direction), orderID, list_query(request, APPROVAL_SPEC))


@get(ITEM + "/eligibleapprovers", opt=ACCESS.opt("Orders.ListEligibleApprovers"))
async def list_eligible_approvers(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]
) -> ListPage[User]:
    query = list_query(request, accounts.SPEC)
    return await workflow.eligible_approvers(ctx, parse_direction(direction), orderID, query)


@get("", opt=ME_ACCESS.opt("Me.ListOrders"))
async def list_my_orders(ctx: Ctx, request: AnyRequest) -> ListPage[Order]:
    return await workflow.list_mine(ctx, list_query(request, ME_SPEC))


@get("/approvable", opt=ME_ACCESS.opt("Me.ListApprovableOrders"))
async def list_my_approvable_orders(ctx: Ctx, request: AnyRequest) -> ListPage[Order]:
    return await workflow.list_approvable(ctx, list_query(request, ME_SPEC))


@patch(ITEM + "/fromuser", opt=ACCESS.opt("Orders.PatchFromUser"))
async def patch_order_from_user(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]
) -> Order:
    return await service.patch_from_user(ctx, parse_direction(direction), orderID, await read_object(request))


@put(ITEM + "/shipto", opt=ACCESS.opt("Orders.SetShippingAddress"))
async def set_order_shipping_address(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]
) -> Order:
    return await addresses.set_shipping(ctx, parse_direction(direction), orderID, await read_json(request, Address))


@patch(ITEM + "/shipto", opt=ACCESS.opt("Orders.PatchShippingAddress"))
async def patch_order_shipping_address(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]
) -> Order:
    return await addresses.patch_shipping(ctx, parse_direction(direction), orderID, await read_object(request))


@put(ITEM + "/billto", opt=ACCESS.opt("Orders.SetBillingAddress"))
async def set_order_billing_address(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]
) -> Order:
    return await addresses.set_billing(ctx, parse_direction(direction), orderID, await read_json(request, Address))


@patch(ITEM + "/billto", opt=ACCESS.opt("Orders.PatchBillingAddress"))
async def patch_order_billing_address(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]
) -> Order:
    return await addresses.patch_billing(ctx, parse_direction(direction), orderID, await read_object(request))


router = Router(
    "/orders/{direction:str}",
    route_handlers=[
        list_orders,
        create_order,
        get_order,
        save_order,
        patch_order,
        delete_order,
        validate_order,
        submit_order,
        approve_order,
        decline_order,
        cancel_order,
        complete_order,
        list_order_approvals,
        list_eligible_approvers,
        patch_order_from_user,
        set_order_shipping_address,
        patch_order_shipping_address,
        set_order_billing_address,
        patch_order_billing_address,
    ],
)

me_router = Router("/me/orders", route_handlers=[list_my_orders, list_my_approvable_orders])
