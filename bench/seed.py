"""Seeding for bench scenarios: a marketplace, an API client, an admin user and a token, inserted directly."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import insert

from mercato.auth.keys import KeyRing
from mercato.auth.tokens import issue
from mercato.db.engine import Database
from mercato.db.tables import api_clients, marketplaces, users
from mercato.settings import Settings

MARKETPLACE = "bench"


async def admin_token(database: Database, settings: Settings) -> str:
    now = datetime.now(UTC)
    uid = uuid.uuid4().hex
    async with database.transaction() as connection:
        await connection.execute(insert(marketplaces).values(id=MARKETPLACE, name="Bench", date_created=now))
        await connection.execute(
            insert(api_clients).values(
                marketplace_id=MARKETPLACE,
                id="bench-client",
                app_name="bench",
                access_token_duration=600,
                refresh_token_duration=0,
                active=True,
                allow_any_buyer=True,
                allow_any_supplier=True,
                allow_seller=True,
                is_anon_buyer=False,
                date_created=now,
            )
        )
        await connection.execute(
            insert(users).values(
                marketplace_id=MARKETPLACE,
                uid=uid,
                user_type="admin",
                company_id="",
                id="bench-admin",
                username="bench-admin",
                username_key="bench-admin",
                active=True,
                failed_login_attempts=0,
                date_created=now,
                token_generation=0,
                is_temp=False,
            )
        )
    return await issue(
        KeyRing(database),
        issuer=settings.issuer,
        username="bench-admin",
        client_id="bench-client",
        user_uid=uid,
        user_type="admin",
        roles=["FullAccess"],
        generation=0,
        lifetime_seconds=36000,
    )
