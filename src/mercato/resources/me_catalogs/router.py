"""The caller's catalogs (``/me/catalogs``)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Router, get
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.catalogs.schemas import Catalog
from mercato.resources.me_catalogs import service
from mercato.resources.me_catalogs.access import ACCESS
from mercato.resources.me_catalogs.listing import SPEC
from mercato.web.guard import Ctx
from mercato.web.query import list_query

AnyRequest = Request[Any, Any, Any]


@get("", opt=ACCESS.opt("Me.ListCatalogs"))
async def list_my_catalogs(ctx: Ctx, request: AnyRequest) -> ListPage[Catalog]:
    return await service.list_(ctx, list_query(request, SPEC))


@get("/{catalogID:str}", opt=ACCESS.opt("Me.GetCatalog"))
async def get_my_catalog(ctx: Ctx, catalogID: FromPath[str]) -> Catalog:
    return await service.get(ctx, catalogID)


router = Router("/me/catalogs", route_handlers=[list_my_catalogs, get_my_catalog])
