"""A first marketplace: ``mercato init`` (explicit) and ``mercato serve`` on an empty database (generated).

Idempotent: each piece is created only when missing, so running it again changes nothing. It creates the
marketplace, a FullAccess security profile assigned at marketplace level (every admin user holds it), the
admin user, and an API client that admits admin, buyer and supplier users.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.accounts import users
from mercato.accounts.schemas import User
from mercato.accounts.users import ADMINS
from mercato.auth.roles import Role
from mercato.context import Caller, RequestContext, UserType
from mercato.db.dialect import insert_if_absent
from mercato.db.engine import Database
from mercato.db.tables import api_clients, marketplaces, security_profile_assignments, security_profiles
from mercato.db.tables import users as users_table
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


async def bootstrap(database: Database, plan: Bootstrap) -> Outcome:
    check_id(plan.marketplace_id, "marketplace-id")
    check_id(plan.client_id, "client-id")
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
