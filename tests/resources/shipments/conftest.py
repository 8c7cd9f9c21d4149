from __future__ import annotations

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.db.engine import Database
from tests.fixtures.identity import Callers
from tests.resources.shipments.shop import Shop


@pytest.fixture
async def shop(client: httpx.AsyncClient, callers: Callers, database: Database) -> Shop:
    return Shop(client, callers, database, await callers.headers(Role.ShipmentAdmin))
