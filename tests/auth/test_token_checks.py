"""Tampered, expired, revoked, wrong-kid and otherwise unusable tokens are 401 on every guarded route."""

from __future__ import annotations

import base64
import json
import time

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from mercato.auth.roles import Role
from mercato.auth.tokens import LEEWAY_SECONDS, Claims, VerifiedTokens
from mercato.context import UserType
from mercato.errors import Unauthorized
from tests.fixtures.identity import Callers

URL = "/v1/incrementors"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def status_and_code(client: httpx.AsyncClient, token: str) -> tuple[int, str]:
    response = await client.get(URL, headers=bearer(token))
    return response.status_code, response.json()["Errors"][0]["ErrorCode"] if response.status_code >= 400 else ""


async def test_a_valid_token_passes(client: httpx.AsyncClient, callers: Callers) -> None:
    assert await status_and_code(client, await callers.token(Role.FullAccess)) == (200, "")


async def test_tampered_payload_is_rejected(client: httpx.AsyncClient, callers: Callers) -> None:
    header, payload, signature = (await callers.token(Role.IncrementorReader)).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["role"] = "FullAccess"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    assert await status_and_code(client, f"{header}.{forged}.{signature}") == (401, "Auth.InvalidToken")


async def test_expired_token_is_rejected(client: httpx.AsyncClient, callers: Callers) -> None:
    expired = await callers.token(Role.FullAccess, lifetime=-60)
    assert await status_and_code(client, expired) == (401, "Auth.InvalidToken")


async def test_unknown_kid_and_foreign_key_are_rejected(client: httpx.AsyncClient, callers: Callers) -> None:
    genuine = await callers.token(Role.FullAccess)
    claims = jwt.decode(genuine, options={"verify_signature": False})
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    wrong_kid = jwt.encode(claims, stranger, algorithm="RS256", headers={"kid": "no-such-key"})
    assert await status_and_code(client, wrong_kid) == (401, "Auth.InvalidToken")
    real_kid = jwt.get_unverified_header(genuine)["kid"]
    right_kid_wrong_key = jwt.encode(claims, stranger, algorithm="RS256", headers={"kid": real_kid})
    assert await status_and_code(client, right_kid_wrong_key) == (401, "Auth.InvalidToken")
    unsigned = jwt.encode(claims, key=None, algorithm="none", headers={"kid": real_kid})  # type: ignore[arg-type]
    assert await status_and_code(client, unsigned) == (401, "Auth.InvalidToken")
    hmac = jwt.encode(claims, "secret-long-enough-for-hs256-32by", algorithm="HS256", headers={"kid": real_kid})
    assert await status_and_code(client, hmac) == (401, "Auth.InvalidToken")


async def test_garbage_is_rejected(client: httpx.AsyncClient) -> None:
    for token in ("not-a-jwt", "a.b.c", "....", "x" * 5000):
        assert (await status_and_code(client, token))[0] == 401
    assert (await client.get(URL, headers={"Authorization": "Basic abc"})).status_code == 401


async def test_revoked_tokens_stop_working_and_new_ones_work(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.FullAccess)
    uid = await callers.user(user_id="revokee")
    old = await callers.token(Role.FullAccess, uid=uid)
    assert (await status_and_code(client, old))[0] == 200
    assert (await client.delete("/v1/adminusers/revokee/tokens", headers=admin)).status_code == 204
    assert await status_and_code(client, old) == (401, "Auth.TokenRevoked")


async def test_deactivated_or_deleted_user_loses_access(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.FullAccess)
    uid = await callers.user(user_id="leaver")
    token = await callers.token(Role.FullAccess, uid=uid)
    await client.patch("/v1/adminusers/leaver", json={"Active": False}, headers=admin)
    assert await status_and_code(client, token) == (401, "Auth.UserNotActive")
    await client.delete("/v1/adminusers/leaver", headers=admin)
    assert await status_and_code(client, token) == (401, "Auth.InvalidToken")


async def test_user_type_in_the_token_must_match(client: httpx.AsyncClient, callers: Callers) -> None:
    uid = await callers.user(UserType.ADMIN)
    token = await callers.token(Role.FullAccess, uid=uid, user_type=UserType.BUYER)
    assert await status_and_code(client, token) == (401, "Auth.InvalidToken")


async def test_not_yet_valid_or_foreign_audience_tokens_are_rejected(
    client: httpx.AsyncClient, callers: Callers
) -> None:
    claims = jwt.decode(await callers.token(Role.FullAccess), options={"verify_signature": False})
    key = await callers.keys.signer()

    def signed(**changes: object) -> str:
        return jwt.encode(claims | changes, key.private_key, algorithm="RS256", headers={"kid": key.kid})

    assert await status_and_code(client, signed()) == (200, "")
    assert await status_and_code(client, signed(nbf=int(time.time()) + 3600)) == (401, "Auth.InvalidToken")
    assert await status_and_code(client, signed(aud="https://api.ordercloud.io")) == (401, "Auth.InvalidToken")
    assert await status_and_code(client, signed(iss="https://elsewhere")) == (401, "Auth.InvalidToken")


async def test_a_token_verified_before_still_expires_and_still_revokes(
    client: httpx.AsyncClient, callers: Callers
) -> None:
    """The guard remembers verified tokens (VerifiedTokens); expiry and revocation are checked on every use."""
    uid = await callers.user(user_id="cached")
    token = await callers.token(Role.FullAccess, uid=uid)
    assert (await status_and_code(client, token))[0] == 200
    assert (await status_and_code(client, token))[0] == 200  # from the cache
    await client.delete("/v1/adminusers/cached/tokens", headers=await callers.headers(Role.FullAccess))
    assert await status_and_code(client, token) == (401, "Auth.TokenRevoked")


def test_a_remembered_token_past_its_expiry_is_refused() -> None:
    cache = VerifiedTokens(capacity=2)
    now = int(time.time())
    claims = Claims("u", "c", "uid", "admin", (), 0, now - 100, now - LEEWAY_SECONDS - 1, "jti")
    cache.add("iss", "token", claims)
    with pytest.raises(Unauthorized):
        cache.get("iss", "token")
    assert cache.get("iss", "token") is None  # and forgotten


def test_the_oldest_remembered_token_goes_first() -> None:
    cache = VerifiedTokens(capacity=2)
    claims = Claims("u", "c", "uid", "admin", (), 0, 0, int(time.time()) + 600, "jti")
    for token in ("a", "b", "c"):
        cache.add("iss", token, claims)
    assert [cache.get("iss", token) is not None for token in ("a", "b", "c")] == [False, True, True]
