from __future__ import annotations

import httpx
import jwt

from mercato.auth.keys import rotate
from mercato.auth.roles import Role
from mercato.db.engine import Database
from tests.fixtures.identity import Callers


async def test_tokens_signed_before_a_rotation_stay_valid_and_new_ones_use_the_new_key(
    client: httpx.AsyncClient, callers: Callers, database: Database
) -> None:
    before = await callers.token(Role.FullAccess)
    async with database.transaction() as connection:
        new_kid = await rotate(connection, retire_old=True)
    await callers.keys.load()
    after = await callers.token(Role.FullAccess)
    assert jwt.get_unverified_header(after)["kid"] == new_kid
    assert jwt.get_unverified_header(before)["kid"] != new_kid
    for token in (before, after):
        response = await client.get("/v1/incrementors", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200
    assert (await client.get(f"/oauth/certs/{new_kid}")).json()["kid"] == new_kid
