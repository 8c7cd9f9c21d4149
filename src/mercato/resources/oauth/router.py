"""``/oauth/*``: the token endpoint, the public signing keys, and userinfo. Served at the API root, where the JS
SDK posts (``{baseApiUrl}/oauth/token``) and where the Python client's separate auth URL can point."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from litestar import Request, Router, get, post
from litestar.di import Provide
from litestar.params import FromPath
from sqlalchemy import select

from mercato.db.tables import users
from mercato.errors import ErrorCode, NotFound, OAuthError
from mercato.resources.oauth.grants import grant
from mercato.resources.oauth.schemas import AccessToken, TokenRequest, UserInfo
from mercato.resources.oauth.scope import requested_roles
from mercato.web.access import Access
from mercato.web.guard import Ctx, provide_context
from mercato.web.services import services_of

AnyRequest = Request[Any, Any, Any]
ACCESS = Access({"UserInfo.GetToken": [], "Certs.GetPublicKey": []})
FORM = "application/x-www-form-urlencoded"


@post("/token", status_code=200)
async def token(request: AnyRequest) -> AccessToken:
    return await grant(services_of(request), await _token_request(request))


@get("/certs/{ID:str}", opt=ACCESS.opt("Certs.GetPublicKey"))
async def public_key(request: AnyRequest, ID: FromPath[str]) -> dict[str, Any]:
    key = await services_of(request).keyring.verifying(ID)
    if key is None:
        raise NotFound("PublicKey", ID)
    return key.jwk


@get("/userinfo", opt=ACCESS.opt("UserInfo.GetToken"), dependencies={"ctx": Provide(provide_context)})
async def userinfo(ctx: Ctx) -> UserInfo:
    row = (
        await ctx.connection.execute(
            select(users.c.first_name, users.c.last_name, users.c.email).where(
                users.c.marketplace_id == ctx.marketplace_id, users.c.uid == ctx.caller.uid
            )
        )
    ).one()
    return UserInfo(
        sub=ctx.caller.user_id,
        preferred_username=ctx.caller.username,
        usrtype=ctx.caller.user_type.value,
        cid=ctx.caller.client_id,
        given_name=row.first_name,
        family_name=row.last_name,
        email=row.email,
        roles=sorted(ctx.caller.roles),
    )


async def _token_request(request: AnyRequest) -> TokenRequest:
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type != FORM:
        raise OAuthError(
            "invalid_request",
            ErrorCode.INVALID_CONTENT_TYPE,
            f"The token request must be sent as {FORM}",
        )
    form = dict(parse_qsl((await request.body()).decode("utf-8", errors="replace"), keep_blank_values=True))
    if any("\x00" in key or "\x00" in value for key, value in form.items()):
        raise OAuthError(
            "invalid_request", ErrorCode.INVALID_REQUEST_BODY, "Form fields may not contain NUL characters"
        )
    return TokenRequest(
        grant_type=form.get("grant_type", ""),
        client_id=form.get("client_id", ""),
        client_secret=form.get("client_secret", ""),
        username=form.get("username", ""),
        password=form.get("password", ""),
        scope=requested_roles(form.get("scope", "")),
        refresh_token=form.get("refresh_token", ""),
        anonuserid=form.get("anonuserid", ""),
    )


router = Router("/oauth", route_handlers=[token, public_key, userinfo])
