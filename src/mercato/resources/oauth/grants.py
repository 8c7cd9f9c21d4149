"""The OAuth 2.0 token endpoint's grants (SEMANTICS.md §1.2): password (with client_secret: "elevated"),
client_credentials (acting as the client's DefaultContextUserName), anonymous (client_credentials without a
secret on an IsAnonBuyer client: a temporary copy of that buyer user) and refresh_token.

Slow work (argon2 checks of secrets and passwords) runs outside any transaction; the writes a grant makes
(failed-attempt counting, lockout, temporary users, refresh tokens) go in short transactions of their own, so
that a refused login still counts against the account. Messages about bad credentials are deliberately vague.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.auth import tokens
from mercato.auth.passwords import TOKEN_PREFIX, verify_password, verify_secret
from mercato.auth.profiles import Grants, Member, grants_of
from mercato.context import UserType
from mercato.db.tables import (
    api_client_assignments,
    api_client_secrets,
    api_clients,
    buyers,
    marketplaces,
    refresh_tokens,
    users,
)
from mercato.errors import ErrorCode, OAuthError
from mercato.resources.oauth.schemas import AccessToken, TokenRequest
from mercato.resources.oauth.scope import granted_roles
from mercato.web.services import Services

u = users.c
LOCKED_FOREVER = datetime(9999, 1, 1, tzinfo=UTC)
DEFAULT_ANONYMOUS_MINUTES = 10080


@dataclass(frozen=True, slots=True)
class Client:
    row: Any

    @property
    def marketplace_id(self) -> str:
        return str(self.row.marketplace_id)


def vague() -> OAuthError:
    return OAuthError("invalid_grant", ErrorCode.AUTH_INVALID_CREDENTIALS, "Invalid username or password")


async def grant(services: Services, request: TokenRequest) -> AccessToken:
    if request.grant_type not in ("password", "client_credentials", "refresh_token"):
        raise OAuthError(
            "unsupported_grant_type",
            ErrorCode.AUTH_OAUTH_ERROR,
            "grant_type must be password, client_credentials or refresh_token",
        )
    client = await _client(services, request.client_id)
    if request.grant_type == "refresh_token" and not request.client_secret:
        # The refresh token is itself the credential, issued to this client after it proved its secret; the
        # official clients never send the secret again when refreshing (docs/decisions/0007-tokens.md).
        return await _refresh(services, client, request)
    has_secret = await _check_client_secret(services, client, request.client_secret)
    if request.grant_type == "password":
        return await _password(services, client, request)
    if request.grant_type == "refresh_token":
        return await _refresh(services, client, request)
    if has_secret:
        return await _client_credentials(services, client, request)
    if client.row.is_anon_buyer:
        return await _anonymous(services, client, request)
    raise OAuthError("invalid_client", ErrorCode.AUTH_OAUTH_ERROR, "client_credentials needs the client secret")


# --- the client ---------------------------------------------------------------------------------------------------


async def _client(services: Services, client_id: str) -> Client:
    if not client_id:
        raise OAuthError("invalid_client", ErrorCode.AUTH_INVALID_CLIENT, "client_id is required")
    query = (
        select(api_clients, marketplaces.c.active.label("marketplace_active"))
        .join(marketplaces, marketplaces.c.id == api_clients.c.marketplace_id)
        .where(api_clients.c.id == client_id)
    )
    async with services.database.transaction(write=False) as connection:
        row = (await connection.execute(query)).first()
    if row is None:
        raise OAuthError("invalid_client", ErrorCode.AUTH_INVALID_CLIENT, "Unknown client_id")
    if not row.active:
        raise OAuthError("invalid_client", ErrorCode.AUTH_CLIENT_NOT_ACTIVE, "The API client is not active")
    if not row.marketplace_active:
        raise OAuthError("invalid_client", ErrorCode.AUTH_SELLER_NOT_ACTIVE, "The marketplace is not active")
    return Client(row)


async def _check_client_secret(services: Services, client: Client, given: str) -> bool:
    """True when the client has a secret (and ``given`` matched one); 401 when a needed secret is wrong or missing."""
    hashes = [client.row.client_secret_hash] if client.row.client_secret_hash else []
    now = datetime.now(UTC)
    query = select(api_client_secrets.c.secret_hash).where(
        api_client_secrets.c.marketplace_id == client.marketplace_id,
        api_client_secrets.c.api_client_id == client.row.id,
        or_(api_client_secrets.c.expiration.is_(None), api_client_secrets.c.expiration > now),
    )
    async with services.database.transaction(write=False) as connection:
        hashes += [row.secret_hash for row in (await connection.execute(query)).all()]
    if not hashes:
        if given:
            raise OAuthError("invalid_client", ErrorCode.AUTH_OAUTH_ERROR, "Invalid client credentials")
        return False
    if not given:
        raise OAuthError("invalid_client", ErrorCode.AUTH_OAUTH_ERROR, "This API client requires its client_secret")
    for secret_hash in sorted(hashes, key=lambda h: not h.startswith(TOKEN_PREFIX)):  # fast digests first
        if await verify_secret(secret_hash, given):
            return True
    raise OAuthError("invalid_client", ErrorCode.AUTH_OAUTH_ERROR, "Invalid client credentials")


# --- grants -------------------------------------------------------------------------------------------------------


async def _password(services: Services, client: Client, request: TokenRequest) -> AccessToken:
    if not request.username or not request.password:
        raise OAuthError("invalid_request", ErrorCode.AUTH_CREDENTIALS_REQUIRED, "username and password are required")
    user = await _user_by_username(services, client.marketplace_id, request.username)
    now = datetime.now(UTC)
    if user is not None and user.locked_until is not None and user.locked_until > now:
        raise OAuthError("invalid_grant", ErrorCode.AUTH_LOCKED_OUT, "The account is locked; try again later")
    if not await verify_password(user.password_hash if user is not None else None, request.password):
        if user is not None:
            await _count_failure(services, user, now)
        raise vague()
    assert user is not None
    return await _issue_for(services, client, user, request, now=now)


async def _client_credentials(services: Services, client: Client, request: TokenRequest) -> AccessToken:
    username = client.row.default_context_user_name
    user = await _user_by_username(services, client.marketplace_id, username) if username else None
    if user is None:
        raise OAuthError(
            "invalid_grant", ErrorCode.AUTH_OAUTH_ERROR, "The API client has no valid DefaultContextUserName"
        )
    return await _issue_for(services, client, user, request, now=datetime.now(UTC))


async def _anonymous(services: Services, client: Client, request: TokenRequest) -> AccessToken:
    username = client.row.default_context_user_name
    template = await _user_by_username(services, client.marketplace_id, username) if username else None
    if template is None or template.user_type != UserType.BUYER:
        raise OAuthError(
            "invalid_grant", ErrorCode.AUTH_OAUTH_ERROR, "Anonymous shopping needs a buyer DefaultContextUserName"
        )
    now = datetime.now(UTC)
    temp = await _create_temporary_user(services, client.marketplace_id, template, now)
    return await _issue_for(services, client, temp, request, now=now, template=template)


async def _refresh(services: Services, client: Client, request: TokenRequest) -> AccessToken:
    r = refresh_tokens.c
    query = (
        select(r.roles, r.token_generation.label("issued_generation"), r.expires_at, users)
        .join(users, and_(u.marketplace_id == r.marketplace_id, u.uid == r.user_uid))
        .where(r.token_hash == _digest(request.refresh_token), r.client_id == client.row.id)
    )
    async with services.database.transaction(write=False) as connection:
        row = (await connection.execute(query)).first()
    now = datetime.now(UTC)
    if not request.refresh_token or row is None or row.expires_at <= now:
        raise OAuthError("invalid_grant", ErrorCode.AUTH_INVALID_TOKEN, "The refresh token is invalid or expired")
    if row.issued_generation != row.token_generation:
        raise OAuthError("invalid_grant", ErrorCode.AUTH_TOKEN_REVOKED, "The refresh token has been revoked")
    _check_user(client, row)
    access = await _access_token(services, client, row, list(row.roles), minutes=client.row.access_token_duration)
    return AccessToken(access, "bearer", client.row.access_token_duration * 60, request.refresh_token)


# --- shared steps -------------------------------------------------------------------------------------------------


async def _issue_for(
    services: Services,
    client: Client,
    user: Any,
    request: TokenRequest,
    *,
    now: datetime,
    template: Any | None = None,
) -> AccessToken:
    _check_user(client, template if template is not None else user)
    async with services.database.transaction(write=False) as connection:
        await _check_company(connection, client, template if template is not None else user)
        await _check_client_allows(connection, client, template if template is not None else user)
        roles_from = template if template is not None else user
        grants = await grants_of(
            connection,
            client.marketplace_id,
            Member(roles_from.uid, roles_from.id, UserType(roles_from.user_type), roles_from.company_id),
        )
    roles = _roles(client, grants, request.scope)
    anonymous = template is not None
    minutes = (
        client.row.anonymous_token_duration or DEFAULT_ANONYMOUS_MINUTES
        if anonymous
        else client.row.access_token_duration
    )
    refresh = None
    async with services.database.transaction() as connection:
        await connection.execute(
            update(users)
            .where(u.marketplace_id == client.marketplace_id, u.uid == user.uid)
            .values(failed_login_attempts=0, locked_until=None, last_active=now)
        )
        if client.row.refresh_token_duration > 0 and not anonymous:
            refresh = secrets.token_urlsafe(32)
            await connection.execute(
                insert(refresh_tokens).values(
                    token_hash=_digest(refresh),
                    marketplace_id=client.marketplace_id,
                    user_uid=user.uid,
                    client_id=client.row.id,
                    roles=roles,
                    token_generation=user.token_generation,
                    expires_at=now + timedelta(minutes=client.row.refresh_token_duration),
                )
            )
    access = await _access_token(services, client, user, roles, minutes=minutes)
    return AccessToken(access, "bearer", minutes * 60, refresh)


def _roles(client: Client, grants: Grants, scope: list[str]) -> list[str]:
    row = client.row
    return granted_roles(
        grants.roles,
        grants.custom_roles,
        scope,
        maximum_roles=row.maximum_granted_roles or (),
        maximum_custom=row.maximum_granted_custom_roles or (),
        minimum_roles=row.minimum_required_roles or (),
        minimum_custom=row.minimum_required_custom_roles or (),
    )


async def _access_token(services: Services, client: Client, user: Any, roles: list[str], *, minutes: int) -> str:
    return await tokens.issue(
        services.keyring,
        issuer=services.settings.issuer,
        username=user.username,
        client_id=client.row.id,
        user_uid=user.uid,
        user_type=user.user_type,
        roles=roles,
        generation=user.token_generation,
        lifetime_seconds=minutes * 60,
    )


def _check_user(client: Client, user: Any) -> None:
    if not user.active:
        raise OAuthError("invalid_grant", ErrorCode.AUTH_USER_NOT_ACTIVE, "The user is not active")


async def _check_company(connection: AsyncConnection, client: Client, user: Any) -> None:
    """A buyer's users may not log in while the buyer is inactive (Buyer.Active=false)."""
    if user.user_type != UserType.BUYER:
        return
    active = await connection.scalar(
        select(buyers.c.active).where(buyers.c.marketplace_id == client.marketplace_id, buyers.c.id == user.company_id)
    )
    if not active:
        raise OAuthError("invalid_grant", ErrorCode.AUTH_COMPANY_NOT_ACTIVE, "The user's organisation is not active")


async def _check_client_allows(connection: AsyncConnection, client: Client, user: Any) -> None:
    """An admin user needs AllowSeller; buyer and supplier users need AllowAny* or an assignment of their company."""
    row = client.row
    kind = UserType(user.user_type)
    if kind is UserType.ADMIN and row.allow_seller:
        return
    if kind is UserType.BUYER and row.allow_any_buyer:
        return
    if kind is UserType.SUPPLIER and row.allow_any_supplier:
        return
    if kind is not UserType.ADMIN:
        assignment = api_client_assignments.c
        column = assignment.buyer_id if kind is UserType.BUYER else assignment.supplier_id
        found = await connection.scalar(
            select(func.count()).where(
                assignment.marketplace_id == client.marketplace_id,
                assignment.api_client_id == row.id,
                column == user.company_id,
            )
        )
        if found:
            return
    raise vague()


async def _user_by_username(services: Services, marketplace_id: str, username: str) -> Any:
    query = select(users).where(
        u.marketplace_id == marketplace_id, u.username_key == username.lower(), u.is_temp.is_(False)
    )
    async with services.database.transaction(write=False) as connection:
        return (await connection.execute(query)).first()


async def _count_failure(services: Services, user: Any, now: datetime) -> None:
    """One more failed attempt (atomically); at the policy's limit the account locks for LockoutDuration."""
    member = Member(user.uid, user.id, UserType(user.user_type), user.company_id)
    async with services.database.transaction() as connection:
        policy = (await grants_of(connection, user.marketplace_id, member)).policy
        expired_lock = and_(u.locked_until.is_not(None), u.locked_until <= now)
        attempts = (
            await connection.execute(
                update(users)
                .where(u.marketplace_id == user.marketplace_id, u.uid == user.uid)
                .values(failed_login_attempts=_case_reset(expired_lock), locked_until=None)
                .returning(u.failed_login_attempts)
            )
        ).scalar_one()
        if attempts >= policy.allowed_failed_attempts:
            until = LOCKED_FOREVER if policy.lockout_minutes == 0 else now + timedelta(minutes=policy.lockout_minutes)
            await connection.execute(
                update(users)
                .where(u.marketplace_id == user.marketplace_id, u.uid == user.uid)
                .values(locked_until=until)
            )


def _case_reset(expired_lock: Any) -> Any:
    """After an expired lock, counting starts again from one."""
    return case((expired_lock, 1), else_=u.failed_login_attempts + 1)


async def _create_temporary_user(services: Services, marketplace_id: str, template: Any, now: datetime) -> Any:
    uid = uuid.uuid4().hex
    username = f"anon-{uid}"
    values = {
        "marketplace_id": marketplace_id,
        "uid": uid,
        "user_type": template.user_type,
        "company_id": template.company_id,
        "id": username,
        "username": username,
        "username_key": username,
        "first_name": template.first_name,
        "last_name": template.last_name,
        "email": template.email,
        "active": True,
        "failed_login_attempts": 0,
        "date_created": now,
        "token_generation": 0,
        "is_temp": True,
        "template_uid": template.uid,
    }
    async with services.database.transaction() as connection:
        return (await connection.execute(insert(users).values(**values).returning(*users.c))).first()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
