from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.api_clients import assignments, client_secrets, service
from mercato.resources.api_clients.access import ACCESS
from mercato.resources.api_clients.listing import ASSIGNMENT_SPEC, SECRET_SPEC, SPEC
from mercato.resources.api_clients.schemas import (
    ApiClient,
    ApiClientAssignment,
    ApiClientSecret,
    ApiClientSecretCreateResponse,
)
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/apiclients/{apiClientID:str}"
SECRETS = ITEM + "/secrets"
SECRET = SECRETS + "/{apiClientSecretID:str}"
ASSIGNMENTS = "/apiclients/assignments"


@get("/apiclients", opt=ACCESS.opt("ApiClients.List"))
async def list_api_clients(ctx: Ctx, request: AnyRequest) -> ListPage[ApiClient]:
    return await service.list_(ctx, list_query(request, SPEC))


@post("/apiclients", opt=ACCESS.opt("ApiClients.Create"))
async def create_api_client(ctx: Ctx, request: AnyRequest) -> Response[ApiClient]:
    item = await service.create(ctx, await read_json(request, ApiClient))
    return created(item, f"/v1/apiclients/{item.ID}")


@get(ITEM, opt=ACCESS.opt("ApiClients.Get"))
async def get_api_client(ctx: Ctx, apiClientID: FromPath[str]) -> ApiClient:
    return await service.get(ctx, apiClientID)


@put(ITEM, opt=ACCESS.opt("ApiClients.Save"))
async def save_api_client(ctx: Ctx, request: AnyRequest, apiClientID: FromPath[str]) -> ApiClient:
    return await service.save(ctx, apiClientID, await read_json(request, ApiClient))


@patch(ITEM, opt=ACCESS.opt("ApiClients.Patch"))
async def patch_api_client(ctx: Ctx, request: AnyRequest, apiClientID: FromPath[str]) -> ApiClient:
    return await service.patch(ctx, apiClientID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("ApiClients.Delete"))
async def delete_api_client(ctx: Ctx, apiClientID: FromPath[str]) -> None:
    await service.delete_(ctx, apiClientID)


@get(SECRETS, opt=ACCESS.opt("ApiClients.ListSecrets"))
async def list_secrets(ctx: Ctx, request: AnyRequest, apiClientID: FromPath[str]) -> ListPage[ApiClientSecret]:
    return await client_secrets.list_secrets(ctx, apiClientID, list_query(request, SECRET_SPEC))


@post(SECRETS, opt=ACCESS.opt("ApiClients.CreateSecret"))
async def create_secret(
    ctx: Ctx, request: AnyRequest, apiClientID: FromPath[str]
) -> Response[ApiClientSecretCreateResponse]:
    item = await client_secrets.create_secret(ctx, apiClientID, await read_json(request, ApiClientSecret))
    return created(item, f"/v1/apiclients/{apiClientID}/secrets/{item.ID}")


@get(SECRET, opt=ACCESS.opt("ApiClients.GetSecret"))
async def get_secret(ctx: Ctx, apiClientID: FromPath[str], apiClientSecretID: FromPath[str]) -> ApiClientSecret:
    return await client_secrets.get_secret(ctx, apiClientID, apiClientSecretID)


@patch(SECRET, opt=ACCESS.opt("ApiClients.PatchSecret"))
async def patch_secret(
    ctx: Ctx, request: AnyRequest, apiClientID: FromPath[str], apiClientSecretID: FromPath[str]
) -> ApiClientSecret:
    return await client_secrets.patch_secret(ctx, apiClientID, apiClientSecretID, await read_object(request))


@delete(SECRET, opt=ACCESS.opt("ApiClients.DeleteSecret"))
async def delete_secret(ctx: Ctx, apiClientID: FromPath[str], apiClientSecretID: FromPath[str]) -> None:
    await client_secrets.delete_secret(ctx, apiClientID, apiClientSecretID)


@get(ASSIGNMENTS, opt=ACCESS.opt("ApiClients.ListAssignments"))
async def list_assignments(ctx: Ctx, request: AnyRequest) -> ListPage[ApiClientAssignment]:
    return await assignments.list_assignments(ctx, list_query(request, ASSIGNMENT_SPEC))


@post(ASSIGNMENTS, status_code=204, opt=ACCESS.opt("ApiClients.SaveAssignment"))
async def save_assignment(ctx: Ctx, request: AnyRequest) -> None:
    await assignments.save_assignment(ctx, await read_json(request, ApiClientAssignment))


@delete(
    "/buyers/{buyerID:str}/ApiClients/Assignments/{apiClientID:str}", opt=ACCESS.opt("ApiClients.DeleteBuyerAssignment")
)
async def delete_buyer_assignment(ctx: Ctx, buyerID: FromPath[str], apiClientID: FromPath[str]) -> None:
    await assignments.delete_buyer_assignment(ctx, buyerID, apiClientID)


@delete(
    "/suppliers/{supplierID:str}/ApiClients/Assignments/{apiClientID:str}",
    opt=ACCESS.opt("ApiClients.DeleteSupplierAssignment"),
)
async def delete_supplier_assignment(ctx: Ctx, supplierID: FromPath[str], apiClientID: FromPath[str]) -> None:
    await assignments.delete_supplier_assignment(ctx, supplierID, apiClientID)


# The two assignment deletes live under /buyers and /suppliers, so this router is mounted at the /v1 root.
router = Router(
    "/",
    route_handlers=[
        list_api_clients,
        create_api_client,
        get_api_client,
        save_api_client,
        patch_api_client,
        delete_api_client,
        list_secrets,
        create_secret,
        get_secret,
        patch_secret,
        delete_secret,
        list_assignments,
        save_assignment,
        delete_buyer_assignment,
        delete_supplier_assignment,
    ],
)
