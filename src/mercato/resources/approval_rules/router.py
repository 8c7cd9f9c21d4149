from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.approval_rules import service
from mercato.resources.approval_rules.access import ACCESS
from mercato.resources.approval_rules.listing import SPEC
from mercato.resources.approval_rules.schemas import ApprovalRule
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{approvalRuleID:str}"


@get("", opt=ACCESS.opt("ApprovalRules.List"))
async def list_approval_rules(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> ListPage[ApprovalRule]:
    return await service.list_(ctx, buyerID, list_query(request, SPEC))


@post("", opt=ACCESS.opt("ApprovalRules.Create"))
async def create_approval_rule(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> Response[ApprovalRule]:
    item = await service.create(ctx, buyerID, await read_json(request, ApprovalRule))
    return created(item, f"/v1/buyers/{buyerID}/approvalrules/{item.ID}")


@get(ITEM, opt=ACCESS.opt("ApprovalRules.Get"))
async def get_approval_rule(ctx: Ctx, buyerID: FromPath[str], approvalRuleID: FromPath[str]) -> ApprovalRule:
    return await service.get(ctx, buyerID, approvalRuleID)


@put(ITEM, opt=ACCESS.opt("ApprovalRules.Save"))
async def save_approval_rule(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], approvalRuleID: FromPath[str]
) -> ApprovalRule:
    return await service.save(ctx, buyerID, approvalRuleID, await read_json(request, ApprovalRule))


@patch(ITEM, opt=ACCESS.opt("ApprovalRules.Patch"))
async def patch_approval_rule(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], approvalRuleID: FromPath[str]
) -> ApprovalRule:
    return await service.patch(ctx, buyerID, approvalRuleID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("ApprovalRules.Delete"))
async def delete_approval_rule(ctx: Ctx, buyerID: FromPath[str], approvalRuleID: FromPath[str]) -> None:
    await service.delete(ctx, buyerID, approvalRuleID)


router = Router(
    "/buyers/{buyerID:str}/approvalrules",
    route_handlers=[
        list_approval_rules,
        create_approval_rule,
        get_approval_rule,
        save_approval_rule,
        patch_approval_rule,
        delete_approval_rule,
    ],
)
