"""The marketplace owner's user groups (``/usergroups``) and their members."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.accounts import groups
from mercato.accounts.schemas import UserGroup, UserGroupAssignment
from mercato.accounts.users import ADMINS
from mercato.listing import ListPage
from mercato.resources.admin_user_groups.access import ACCESS
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{userGroupID:str}"


@get("", opt=ACCESS.opt("AdminUserGroups.List"))
async def list_admin_user_groups(ctx: Ctx, request: AnyRequest) -> ListPage[UserGroup]:
    return await groups.list_groups(ctx, ADMINS, list_query(request, groups.SPEC))


@post("", opt=ACCESS.opt("AdminUserGroups.Create"))
async def create_admin_user_group(ctx: Ctx, request: AnyRequest) -> Response[UserGroup]:
    group = await groups.create_group(ctx, ADMINS, await read_json(request, UserGroup))
    return created(group, f"/v1/usergroups/{group.ID}")


@get("/assignments", opt=ACCESS.opt("AdminUserGroups.ListUserAssignments"))
async def list_admin_user_group_assignments(ctx: Ctx, request: AnyRequest) -> ListPage[UserGroupAssignment]:
    return await groups.list_assignments(ctx, ADMINS, list_query(request, groups.ASSIGNMENT_SPEC))


@post("/assignments", status_code=204, opt=ACCESS.opt("AdminUserGroups.SaveUserAssignment"))
async def save_admin_user_group_assignment(ctx: Ctx, request: AnyRequest) -> None:
    await groups.save_assignment(ctx, ADMINS, await read_json(request, UserGroupAssignment))


@get(ITEM, opt=ACCESS.opt("AdminUserGroups.Get"))
async def get_admin_user_group(ctx: Ctx, userGroupID: FromPath[str]) -> UserGroup:
    return await groups.get_group(ctx, ADMINS, userGroupID)


@put(ITEM, opt=ACCESS.opt("AdminUserGroups.Save"))
async def save_admin_user_group(ctx: Ctx, request: AnyRequest, userGroupID: FromPath[str]) -> UserGroup:
    return await groups.save_group(ctx, ADMINS, userGroupID, await read_json(request, UserGroup))


@patch(ITEM, opt=ACCESS.opt("AdminUserGroups.Patch"))
async def patch_admin_user_group(ctx: Ctx, request: AnyRequest, userGroupID: FromPath[str]) -> UserGroup:
    return await groups.patch_group(ctx, ADMINS, userGroupID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("AdminUserGroups.Delete"))
async def delete_admin_user_group(ctx: Ctx, userGroupID: FromPath[str]) -> None:
    await groups.delete_group(ctx, ADMINS, userGroupID)


@delete(ITEM + "/assignments/{userID:str}", opt=ACCESS.opt("AdminUserGroups.DeleteUserAssignment"))
async def delete_admin_user_group_assignment(ctx: Ctx, userGroupID: FromPath[str], userID: FromPath[str]) -> None:
    await groups.delete_assignment(ctx, ADMINS, userGroupID, userID)


router = Router(
    "/usergroups",
    route_handlers=[
        list_admin_user_groups,
        create_admin_user_group,
        list_admin_user_group_assignments,
        save_admin_user_group_assignment,
        get_admin_user_group,
        save_admin_user_group,
        patch_admin_user_group,
        delete_admin_user_group,
        delete_admin_user_group_assignment,
    ],
)
