"""A first marketplace: ``mercato init`` (explicit) and ``mercato serve`` on an empty database (generated).

Idempotent: each piece is created only when missing, so running it again changes nothing. It creates the
marketplace, a FullAccess security profile assigned at marketplace level (every admin user holds it), the
admin user, and an API client that admits admin, buyer and supplier users.

Never silently different: when the marketplace exists, its admin user and API client must be the ones named, with
the password and secret given (else ``CredentialsDiffer``, and nothing is written), as must an existing API client
of that ID in any marketplace: init would otherwise keep the old credentials while printing the new ones. A new
password is ``mercato admin reset-password``'s job (``reset_admin_password``).
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.accounts import users
from mercato.accounts.schemas import User
from mercato.accounts.users import ADMINS
from mercato.auth.passwords import verify_password, verify_secret
from mercato.auth.profiles import Member
from mercato.auth.roles import Role
from mercato.context import Caller, RequestContext, UserType
from mercato.db.dialect import insert_if_absent
from mercato.db.engine import Database
from mercato.db.tables import api_clients, marketplaces, security_profile_assignments, security_profiles
from mercato.db.tables import users as users_table
from mercato.errors import Conflict, NotFound
from mercato.ids import check_id
from mercato.resources.api_clients.schemas import ApiClient
from mercato.resources.api_clients.service import create_client
from mercato.settings import Settings

FULL_ACCESS_PROFILE = "FullAccess"


@dataclass(frozen=True, slots=True)
class Bootstrap:
    marketplace_id: str
    admin_username: str
    admin_password: str
    client_id: str
    client_secret: str


@dataclass(frozen=True, slots=True)
class Outcome:
    created: list[str]


def generated(marketplace_id: str = "mercato") -> Bootstrap:
    """Fresh credentials for a laptop start: a policy-compliant random password and client secret."""
    return Bootstrap(
        marketplace_id=marketplace_id,
        admin_username="admin",
        admin_password=secrets.token_urlsafe(12) + "Aa1",
        client_id=secrets.token_urlsafe(16).replace("-", "x").replace("_", "y"),
        client_secret=secrets.token_urlsafe(24),
    )


async def has_marketplace(database: Database) -> bool:
    async with database.transaction(write=False) as connection:
        return (await connection.scalar(select(marketplaces.c.id).limit(1))) is not None


class CredentialsDiffer(Conflict):
    """The database holds other credentials (or other IDs) than the ones given for its marketplace."""

    def __init__(self, differences: list[str]) -> None:
        super().__init__("Bootstrap.CredentialsDiffer", "; ".join(differences), {"Differences": differences})


async def bootstrap(database: Database, plan: Bootstrap) -> Outcome:
    check_id(plan.marketplace_id, "marketplace-id")
    check_id(plan.client_id, "client-id")
    differences = await _differences(database, plan)  # outside the write transaction: argon2id takes a while
    if differences:
        raise CredentialsDiffer(differences)
    created: list[str] = []
    now = datetime.now(UTC)
    async with database.transaction() as connection:
        mid = plan.marketplace_id
        if await _insert(
            connection, marketplaces, {"id": mid, "name": mid, "date_created": now, "active": True}, ["id"]
        ):
            created.append(f"marketplace {mid}")
        profile = {
            "marketplace_id": mid,
            "id": FULL_ACCESS_PROFILE,
            "name": "Full access",
            "roles": [Role.FullAccess.value],
            "custom_roles": [],
            "password_config": None,
            "is_external_role_group": False,
        }
        if await _insert(connection, security_profiles, profile, ["marketplace_id", "id"]):
            created.append(f"security profile {FULL_ACCESS_PROFILE}")
        assignment = {
            "marketplace_id": mid,
            "security_profile_id": FULL_ACCESS_PROFILE,
            "buyer_id": "",
            "supplier_id": "",
            "user_group_id": "",
            "user_id": "",
        }
        await _insert(connection, security_profile_assignments, assignment, list(assignment))
        if await _admin_missing(connection, mid, plan.admin_username):
            ctx = _system_context(connection, mid, now)
            admin = User(
                ID=plan.admin_username,
                Username=plan.admin_username,
                Password=plan.admin_password,
                FirstName="Marketplace",
                LastName="Administrator",
                Email=f"{plan.admin_username}@{mid}.invalid",
                Active=True,
            )
            await users.create_user(ctx, ADMINS, admin)
            created.append(f"admin user {plan.admin_username}")
        if await connection.scalar(select(api_clients.c.id).where(api_clients.c.id == plan.client_id)) is None:
            client = ApiClient(
                ClientSecret=plan.client_secret,
                AccessTokenDuration=600,
                RefreshTokenDuration=10080,
                Active=True,
                AppName="Mercato administration",
                DefaultContextUserName=plan.admin_username,
                AllowAnyBuyer=True,
                AllowAnySupplier=True,
                AllowSeller=True,
            )
            await create_client(connection, mid, client, now=now, client_id=plan.client_id)
            created.append(f"API client {plan.client_id}")
    return Outcome(created)


def how_to_get_a_token(settings: Settings, plan: Bootstrap) -> str:
    return (
        f"  marketplace  {plan.marketplace_id}\n"
        f"  admin user   {plan.admin_username} / {plan.admin_password}\n"
        f"  API client   {plan.client_id} (secret {plan.client_secret})\n"
        "Get a token:\n"
        f"  curl -s {settings.issuer}/oauth/token -d grant_type=password -d client_id={plan.client_id} \\\n"
        f"       -d client_secret={plan.client_secret} -d username={plan.admin_username} \\\n"
        f"       --data-urlencode password='{plan.admin_password}' -d scope=FullAccess\n"
    )


async def reset_admin_password(database: Database, marketplace_id: str, username: str, password: str) -> None:
    """A new password for an admin user: the policy that applies to the user (platform minimum made stricter by
    its security profiles, as for PUT/PATCH of the user), hashed with argon2id; a lockout ends. NotFound when the
    marketplace has no admin user of that username."""
    async with database.transaction() as connection:
        row = (
            await connection.execute(
                select(users_table.c.uid, users_table.c.id).where(
                    users_table.c.marketplace_id == marketplace_id,
                    users_table.c.user_type == UserType.ADMIN,
                    users_table.c.username_key == username.lower(),
                )
            )
        ).first()
        if row is None:
            raise NotFound("AdminUser", username)
        ctx = _system_context(connection, marketplace_id, datetime.now(UTC))
        columns = await users.password_columns(ctx, Member(row.uid, row.id, UserType.ADMIN, ""), password)
        await connection.execute(
            update(users_table)
            .where(users_table.c.marketplace_id == marketplace_id, users_table.c.uid == row.uid)
            .values(**columns, failed_login_attempts=0, locked_until=None)
        )


async def _differences(database: Database, plan: Bootstrap) -> list[str]:
    """What in the database contradicts ``plan`` (empty when init may go ahead)."""
    mid = plan.marketplace_id
    async with database.transaction(write=False) as connection:
        marketplace_exists = await connection.scalar(select(marketplaces.c.id).where(marketplaces.c.id == mid))
        client = (
            await connection.execute(
                select(api_clients.c.marketplace_id, api_clients.c.client_secret_hash).where(
                    api_clients.c.id == plan.client_id
                )
            )
        ).first()
        user = (
            await connection.execute(
                select(users_table.c.user_type, users_table.c.password_hash).where(
                    users_table.c.marketplace_id == mid, users_table.c.username_key == plan.admin_username.lower()
                )
            )
        ).first()
    differences: list[str] = []
    if client is not None and client.marketplace_id != mid:
        differences.append(f"API client {plan.client_id} belongs to another marketplace")
    if marketplace_exists is None:
        return differences
    if user is None:
        differences.append(
            f"marketplace {mid} exists without an admin user {plan.admin_username} (init does not add users to an"
            " existing marketplace; the API does)"
        )
    elif user.user_type != UserType.ADMIN:
        differences.append(f"username {plan.admin_username} of marketplace {mid} is not an admin user's")
    elif not await verify_password(user.password_hash, plan.admin_password):
        differences.append(
            f"admin user {plan.admin_username} of marketplace {mid} has another password (init keeps it; set a new"
            " one with `mercato admin reset-password`)"
        )
    if client is None:
        differences.append(f"marketplace {mid} exists without an API client {plan.client_id}")
    elif client.marketplace_id == mid and not (
        client.client_secret_hash and await verify_secret(client.client_secret_hash, plan.client_secret)
    ):
        differences.append(f"API client {plan.client_id} of marketplace {mid} has another secret (init keeps it)")
    return differences


async def _insert(connection: AsyncConnection, table: Table, values: Mapping[str, Any], keys: list[str]) -> bool:
    """Insert unless the key exists; True when a row was created."""
    statement = insert_if_absent(connection.dialect.name, table, values, keys).returning(*table.primary_key.columns)
    return (await connection.execute(statement)).first() is not None


async def _admin_missing(connection: AsyncConnection, marketplace_id: str, username: str) -> bool:
    found = await connection.scalar(
        select(users_table.c.uid).where(
            users_table.c.marketplace_id == marketplace_id, users_table.c.username_key == username.lower()
        )
    )
    return found is None


def _system_context(connection: AsyncConnection, marketplace_id: str, now: datetime) -> RequestContext:
    system = Caller(
        marketplace_id=marketplace_id,
        uid="system",
        user_id="system",
        username="system",
        user_type=UserType.ADMIN,
        company_id="",
        client_id="",
        roles=frozenset({Role.FullAccess.value}),
        token_id=uuid.uuid4().hex,
    )
    return RequestContext(system, connection, "bootstrap", now)
