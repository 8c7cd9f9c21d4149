"""``POST /buyers/{buyerID}/users/{userID}/accesstoken``: a token to act as a buyer user (assisted ordering).

The caller needs BuyerImpersonation, an impersonation config covering caller, target and client, and a client
that admits the target's buyer. The token is the target's (``usr``, ``u``, ``usrtype`` are the target's) with
``imp`` naming the impersonator; its roles are those requested that the config's security profile grants. It is
checked like any token on every request, and stops working when the impersonator is deactivated or deleted."""

from __future__ import annotations

from sqlalchemy import func, select

from mercato.accounts.users import Party, find_uid
from mercato.auth import tokens
from mercato.auth.impersonation import matching_profile
from mercato.auth.keys import KeyRing
from mercato.context import RequestContext, UserType
from mercato.db.tables import api_client_assignments, api_clients, buyers, security_profiles, users
from mercato.errors import BadRequest, Forbidden, NotFound
from mercato.resources.buyer_users.schemas import AccessToken
from mercato.resources.impersonation_configs.schemas import ImpersonateTokenRequest


async def impersonate(
    ctx: RequestContext, buyer_id: str, user_id: str, request: ImpersonateTokenRequest, keyring: KeyRing, issuer: str
) -> AccessToken:
    caller, mid, connection = ctx.caller, ctx.marketplace_id, ctx.connection
    own_buyer = caller.user_type is UserType.BUYER and caller.company_id == buyer_id
    if caller.user_type is UserType.SUPPLIER:
        raise NotFound("User", user_id)
    target_uid = await find_uid(connection, mid, Party(UserType.BUYER, buyer_id), user_id)
    profile_id = await matching_profile(connection, caller, request.ClientID, target_uid, user_id, buyer_id)
    if profile_id is None:
        if caller.user_type is UserType.BUYER and not own_buyer:
            raise NotFound("User", user_id)  # other buyers' users stay invisible without a config
        raise Forbidden("Impersonation.ConfigError", "No impersonation config lets you act as this user here")
    client = (
        await connection.execute(
            select(api_clients).where(api_clients.c.marketplace_id == mid, api_clients.c.id == request.ClientID)
        )
    ).first()
    if client is None or not client.active:
        raise BadRequest("Impersonation.ClientIDNotFound", f"No active API client {request.ClientID}")
    if not client.allow_any_buyer:
        assigned = await connection.scalar(
            select(func.count()).where(
                api_client_assignments.c.marketplace_id == mid,
                api_client_assignments.c.api_client_id == client.id,
                api_client_assignments.c.buyer_id == buyer_id,
            )
        )
        if not assigned:
            raise BadRequest("Impersonation.BuyerNotAssigned", f"API client {client.id} is not assigned to {buyer_id}")
    target = (
        await connection.execute(
            select(users.c.username, users.c.active, users.c.token_generation, buyers.c.active.label("buyer_active"))
            .join(buyers, (buyers.c.marketplace_id == users.c.marketplace_id) & (buyers.c.id == users.c.company_id))
            .where(users.c.marketplace_id == mid, users.c.uid == target_uid)
        )
    ).one()
    if not target.active or not target.buyer_active:
        raise BadRequest("Auth.UserNotActive", f"User {user_id} or its buyer is not active")
    profile = (
        await connection.execute(
            select(security_profiles.c.roles, security_profiles.c.custom_roles).where(
                security_profiles.c.marketplace_id == mid, security_profiles.c.id == profile_id
            )
        )
    ).one()
    allowed = set(profile.roles or [])
    roles = sorted(r.value for r in request.Roles if "FullAccess" in allowed or r.value in allowed)
    roles += sorted(set(request.CustomRoles or []) & set(profile.custom_roles or []))
    access = await tokens.issue(
        keyring,
        issuer=issuer,
        username=target.username,
        client_id=client.id,
        user_uid=target_uid,
        user_type=UserType.BUYER,
        roles=roles,
        generation=target.token_generation,
        lifetime_seconds=client.access_token_duration * 60,
        impersonator_uid=caller.uid,
    )
    return AccessToken(access_token=access, token_type="bearer", expires_in=client.access_token_duration * 60)
