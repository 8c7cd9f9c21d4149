"""A small world for token tests: API clients, users with passwords, and security profiles, inserted directly."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import insert

from mercato.auth.passwords import hash_password
from mercato.db.engine import Database
from mercato.db.tables import api_clients, security_profile_assignments, security_profiles, users

PASSWORD = "Corr3ct-Horse-Battery"


@dataclass
class World:
    database: Database
    marketplace_id: str

    async def client(self, client_id: str | None = None, *, secret: str | None = None, **fields: Any) -> str:
        client_id = client_id or f"c-{uuid.uuid4().hex[:10]}"
        values: dict[str, Any] = {
            "marketplace_id": self.marketplace_id,
            "id": client_id,
            "app_name": "app",
            "client_secret_hash": await hash_password(secret) if secret else None,
            "access_token_duration": 60,
            "refresh_token_duration": 0,
            "active": True,
            "allow_any_buyer": True,
            "allow_any_supplier": True,
            "allow_seller": True,
            "is_anon_buyer": False,
            "date_created": datetime.now(UTC),
        } | fields
        async with self.database.transaction() as connection:
            await connection.execute(insert(api_clients).values(**values))
        return client_id

    async def user(
        self,
        username: str,
        *,
        user_type: str = "admin",
        company_id: str = "",
        password: str | None = PASSWORD,
        **fields: Any,
    ) -> str:
        uid = uuid.uuid4().hex
        values: dict[str, Any] = {
            "marketplace_id": self.marketplace_id,
            "uid": uid,
            "user_type": user_type,
            "company_id": company_id,
            "id": username,
            "username": username,
            "username_key": username.lower(),
            "password_hash": await hash_password(password) if password else None,
            "first_name": "F",
            "last_name": "L",
            "email": f"{username}@example.com",
            "active": True,
            "failed_login_attempts": 0,
            "date_created": datetime.now(UTC),
            "token_generation": 0,
            "is_temp": False,
        } | fields
        async with self.database.transaction() as connection:
            await connection.execute(insert(users).values(**values))
        return uid

    async def profile(
        self,
        roles: Iterable[str],
        *,
        custom: Iterable[str] = (),
        password_config: dict[str, Any] | None = None,
        buyer_id: str = "",
        supplier_id: str = "",
        user_group_id: str = "",
        user_id: str = "",
    ) -> str:
        profile_id = f"p-{uuid.uuid4().hex[:8]}"
        async with self.database.transaction() as connection:
            await connection.execute(
                insert(security_profiles).values(
                    marketplace_id=self.marketplace_id,
                    id=profile_id,
                    name=profile_id,
                    roles=list(roles),
                    custom_roles=list(custom),
                    password_config=password_config,
                    is_external_role_group=False,
                )
            )
            await connection.execute(
                insert(security_profile_assignments).values(
                    marketplace_id=self.marketplace_id,
                    security_profile_id=profile_id,
                    buyer_id=buyer_id,
                    supplier_id=supplier_id,
                    user_group_id=user_group_id,
                    user_id=user_id,
                )
            )
        return profile_id


@pytest.fixture
def world(database: Database, marketplace_id: str) -> World:
    return World(database, marketplace_id)
