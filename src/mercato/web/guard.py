"""The guard and unit of work of every /v1 request, in one dependency (``ctx``):

1. authenticate: a bearer JWT signed by us, unexpired (401 otherwise); verified once per process (VerifiedTokens);
2. open the request's transaction (a write transaction unless the method is safe);
3. check, in that transaction, that the token's user, client and marketplace still stand and the token was not
   revoked (401);
4. authorize: a seller-only operation admits admin users only (403 Auth.UserNotAuthorizedToAdmin), and the
   caller holds one of the roles the route's operation declares (403 Auth.InsufficientRoles), and a
   buyer-scoped route's buyer is one the caller may see (404 otherwise);
   then refuse path parameters holding a NUL character (400), which PostgreSQL cannot compare;
5. yield the RequestContext; commit after the handler, roll back if it raised.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from litestar import Request
from litestar.di import NamedDependency

from mercato.auth.caller import load_caller
from mercato.auth.keys import KeyRing
from mercato.auth.roles import sufficient
from mercato.auth.tokens import Claims, VerifiedTokens, invalid, verify
from mercato.auth.visibility import require_buyer
from mercato.context import Caller, RequestContext, UserType
from mercato.db.catalog_version import tag_marketplace
from mercato.errors import ErrorCode, Forbidden, ValidationFailure
from mercato.web.access import Operation
from mercato.web.logging import request_id_of
from mercato.web.services import services_of

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

Ctx = NamedDependency[RequestContext]
"""How a /v1 handler asks for the guarded context: ``async def handler(ctx: Ctx, ...)``."""


async def provide_context(request: Request[Any, Any, Any]) -> AsyncIterator[RequestContext]:
    operation = request.route_handler.opt.get("operation")
    if not isinstance(operation, Operation):
        raise TypeError(f"route {request.url.path} declares no operation (opt=ACCESS.opt(...))")
    services = services_of(request)
    claims = await authenticate(request, services.keyring, services.settings.issuer, services.verified_tokens)
    async with services.database.transaction(write=request.method not in SAFE_METHODS) as connection:
        caller = await load_caller(connection, claims)
        tag_marketplace(connection, caller.marketplace_id)
        authorize(caller, operation)
        check_path_parameters(request)
        if operation.buyer_scoped:
            await require_buyer(connection, caller, str(request.path_params["buyerID"]))
        yield RequestContext(caller, connection, request_id_of(request.scope), datetime.now(UTC), services.database)


async def authenticate(
    request: Request[Any, Any, Any], keys: KeyRing, issuer: str, cache: VerifiedTokens | None = None
) -> Claims:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise invalid("An access token is required: send Authorization: Bearer <token>")
    return await verify(keys, token.strip(), issuer=issuer, cache=cache)


def authorize(caller: Caller, operation: Operation) -> None:
    if operation.seller_only and caller.user_type is not UserType.ADMIN:
        raise Forbidden(
            "Auth.UserNotAuthorizedToAdmin",
            f"{operation.id} is reserved to the marketplace owner's users",
            {"UserType": caller.user_type.value},
        )
    if not sufficient(caller.roles, operation.roles):
        raise Forbidden(
            ErrorCode.AUTH_INSUFFICIENT_ROLES,
            f"{operation.id} needs one of these roles: {', '.join(sorted(operation.roles))}",
            {"SufficientRoles": sorted(operation.roles), "AssignedRoles": sorted(caller.roles)},
        )


def check_path_parameters(request: Request[Any, Any, Any]) -> None:
    for name, value in request.path_params.items():
        if isinstance(value, str) and "\x00" in value:
            raise ValidationFailure("Path parameters may not contain NUL characters", name)
