from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.security_profiles import service
from mercato.resources.security_profiles.access import ACCESS
from mercato.resources.security_profiles.listing import ASSIGNMENT_SPEC, SPEC
from mercato.resources.security_profiles.schemas import SecurityProfile, SecurityProfileAssignment
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query, query_pairs
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{securityProfileID:str}"
ASSIGNMENTS = "/assignments"
"""A literal segment, so it wins over ITEM (the service refuses "assignments" as a profile ID)."""


@get("", opt=ACCESS.opt("SecurityProfiles.List"))
async def list_security_profiles(ctx: Ctx, request: AnyRequest) -> ListPage[SecurityProfile]:
    return await service.list_(ctx, list_query(request, SPEC))


@post("", opt=ACCESS.opt("SecurityProfiles.Create"))
async def create_security_profile(ctx: Ctx, request: AnyRequest) -> Response[SecurityProfile]:
    item = await service.create(ctx, await read_json(request, SecurityProfile))
    return created(item, f"/v1/securityprofiles/{item.ID}")


@get(ITEM, opt=ACCESS.opt("SecurityProfiles.Get"))
async def get_security_profile(ctx: Ctx, securityProfileID: FromPath[str]) -> SecurityProfile:
    return await service.get(ctx, securityProfileID)


@put(ITEM, opt=ACCESS.opt("SecurityProfiles.Save"))
async def save_security_profile(ctx: Ctx, request: AnyRequest, securityProfileID: FromPath[str]) -> SecurityProfile:
    return await service.save(ctx, securityProfileID, await read_json(request, SecurityProfile))


@patch(ITEM, opt=ACCESS.opt("SecurityProfiles.Patch"))
async def patch_security_profile(ctx: Ctx, request: AnyRequest, securityProfileID: FromPath[str]) -> SecurityProfile:
    return await service.patch(ctx, securityProfileID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("SecurityProfiles.Delete"))
async def delete_security_profile(ctx: Ctx, securityProfileID: FromPath[str]) -> None:
    await service.delete(ctx, securityProfileID)


@get(ASSIGNMENTS, opt=ACCESS.opt("SecurityProfiles.ListAssignments"))
async def list_security_profile_assignments(ctx: Ctx, request: AnyRequest) -> ListPage[SecurityProfileAssignment]:
    return await service.list_assignments(ctx, list_query(request, ASSIGNMENT_SPEC))


@post(ASSIGNMENTS, status_code=204, opt=ACCESS.opt("SecurityProfiles.SaveAssignment"))
async def save_security_profile_assignment(ctx: Ctx, request: AnyRequest) -> None:
    await service.save_assignment(ctx, await read_json(request, SecurityProfileAssignment))


@delete(ITEM + ASSIGNMENTS, opt=ACCESS.opt("SecurityProfiles.DeleteAssignment"))
async def delete_security_profile_assignment(ctx: Ctx, request: AnyRequest, securityProfileID: FromPath[str]) -> None:
    await service.delete_assignment(ctx, securityProfileID, dict(query_pairs(request)))


router = Router(
    "/securityprofiles",
    route_handlers=[
        list_security_profiles,
        create_security_profile,
        get_security_profile,
        save_security_profile,
        patch_security_profile,
        delete_security_profile,
        list_security_profile_assignments,
        save_security_profile_assignment,
        delete_security_profile_assignment,
    ],
)
