"""A buyer's user groups (``/buyers/{buyerID}/usergroups``) and their members."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.accounts import groups
from mercato.accounts.schemas import UserGroup, UserGroupAssignment
from mercato.accounts.users import Party
from mercato.context import UserType
from mercato.listing import ListPage
from mercato.resources.buyer_user_groups.access import ACCESS
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{userGroupID:str}"


def buyer(buyer_id: str) -> Party:
    return Party(UserType.BUYER, buyer_id)


@get("", opt=ACCESS.opt("UserGroups.List"))
async def list_user_groups(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> ListPage[UserGroup]:
    return await groups.list_groups(ctx, buyer(buyerID), list_query(request, groups.SPEC))


@post("", opt=ACCESS.opt("UserGroups.Create"))
async def create_user_group(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> Response[UserGroup]:
    group = await groups.create_group(ctx, buyer(buyerID), await read_json(request, UserGroup))
    return created(group, f"/v1/buyers/{buyerID}/usergroups/{group.ID}")


@get("/assignments", opt=ACCESS.opt("UserGroups.ListUserAssignments"))
async def list_user_group_assignments(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]
) -> ListPage[UserGroupAssignment]:
    return await groups.list_assignments(ctx, buyer(buyerID), list_query(request, groups.ASSIGNMENT_SPEC))


@post("/assignments", status_code=204, opt=ACCESS.opt("UserGroups.SaveUserAssignment"))
async def save_user_group_assignment(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> None:
    await groups.save_assignment(ctx, buyer(buyerID), await read_json(request, UserGroupAssignment))


@get(ITEM, opt=ACCESS.opt("UserGroups.Get"))
async def get_user_group(ctx: Ctx, buyerID: FromPath[str], userGroupID: FromPath[str]) -> UserGroup:
    return await groups.get_group(ctx, buyer(buyerID), userGroupID)


@put(ITEM, opt=ACCESS.opt("UserGroups.Save"))
async def save_user_group(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], userGroupID: FromPath[str]
) -> UserGroup:
    return await groups.save_group(ctx, buyer(buyerID), userGroupID, await read_json(request, UserGroup))


@patch(ITEM, opt=ACCESS.opt("UserGroups.Patch"))
async def patch_user_group(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], userGroupID: FromPath[str]
) -> UserGroup:
    return await groups.patch_group(ctx, buyer(buyerID), userGroupID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("UserGroups.Delete"))
async def delete_user_group(ctx: Ctx, buyerID: FromPath[str], userGroupID: FromPath[str]) -> None:
    await groups.delete_group(ctx, buyer(buyerID), userGroupID)


@delete(ITEM + "/assignments/{userID:str}", opt=ACCESS.opt("UserGroups.DeleteUserAssignment"))
async def delete_user_group_assignment(
    ctx: Ctx, buyerID: FromPath[str], userGroupID: FromPath[str], userID: FromPath[str]
) -> None:
    await groups.delete_assignment(ctx, buyer(buyerID), userGroupID, userID)


router = Router(
    "/buyers/{buyerID:str}/usergroups",
    route_handlers=[
        list_user_groups,
        create_user_group,
        list_user_group_assignments,
        save_user_group_assignment,
        get_user_group,
        save_user_group,
        patch_user_group,
        delete_user_group,
        delete_user_group_assignment,
    ],
)
