"""Access tokens: RS256 JWTs with OrderCloud's claims, and their verification.

Claims: ``usr`` username, ``cid`` API client, ``u`` the user's internal id, ``usrtype`` admin|buyer|supplier,
``role`` (a string when there is one role, else an array; custom roles included), ``iss``, ``aud``, ``exp``,
``nbf``, ``iat``, ``jti``; ``orderid`` on anonymous tokens and ``imp`` on impersonation tokens. ``gen`` is ours:
the user's token generation, bumped by every revocation so that older tokens stop working."""

from __future__ import annotations

import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import jwt

from mercato.auth.keys import KeyRing
from mercato.errors import ErrorCode, Unauthorized

ALGORITHM = "RS256"
LEEWAY_SECONDS = 5


@dataclass(frozen=True, slots=True)
class Claims:
    username: str
    client_id: str
    user_uid: str
    user_type: str
    roles: tuple[str, ...]
    generation: int
    issued_at: int
    expires_at: int
    token_id: str
    order_id: str | None = None
    impersonator_uid: str | None = None


async def issue(
    keys: KeyRing,
    *,
    issuer: str,
    username: str,
    client_id: str,
    user_uid: str,
    user_type: str,
    roles: Sequence[str],
    generation: int,
    lifetime_seconds: int,
    order_id: str | None = None,
    impersonator_uid: str | None = None,
) -> str:
    now = int(time.time())
    payload: dict[str, Any] = {
        "usr": username,
        "cid": client_id,
        "u": user_uid,
        "usrtype": user_type,
        "role": roles[0] if len(roles) == 1 else list(roles),
        "iss": issuer,
        "aud": issuer,
        "exp": now + lifetime_seconds,
        "nbf": now,
        "iat": now,
        "jti": secrets.token_urlsafe(12),
        "gen": generation,
    }
    if order_id is not None:
        payload["orderid"] = order_id
    if impersonator_uid is not None:
        payload["imp"] = impersonator_uid
    key = await keys.signer()
    return jwt.encode(payload, key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid})


def invalid(message: str) -> Unauthorized:
    return Unauthorized(ErrorCode.AUTH_INVALID_TOKEN, message)


class VerifiedTokens:
    """Tokens this process has verified, with their claims, so that a client's next requests skip the signature
    check and the JSON decoding (a tenth of a small request's CPU). Signing keys are never withdrawn, so a
    signature once good stays good; what can change is checked on every use: the expiry here, and revocation,
    regeneration and deactivation by ``load_caller``'s query, which reads the user's token generation and the
    user, client and marketplace flags from the database on every request. Bounded: the oldest entry goes first."""

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._claims: dict[tuple[str, str], Claims] = {}

    def get(self, issuer: str, token: str) -> Claims | None:
        claims = self._claims.get((issuer, token))
        if claims is not None and time.time() > claims.expires_at + LEEWAY_SECONDS:
            del self._claims[(issuer, token)]
            raise invalid("The access token has expired")
        return claims

    def add(self, issuer: str, token: str, claims: Claims) -> None:
        if len(self._claims) >= self.capacity:
            del self._claims[next(iter(self._claims))]
        self._claims[(issuer, token)] = claims


async def verify(keys: KeyRing, token: str, *, issuer: str, cache: VerifiedTokens | None = None) -> Claims:
    """The token's claims, or 401 Auth.InvalidToken for a malformed, forged, expired or unknown-key token.
    With ``cache``, a token verified before answers from it (see VerifiedTokens)."""
    if cache is not None:
        known = cache.get(issuer, token)
        if known is not None:
            return known
    claims = await _verify(keys, token, issuer)
    if cache is not None:
        cache.add(issuer, token, claims)
    return claims


async def _verify(keys: KeyRing, token: str, issuer: str) -> Claims:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise invalid("The access token is malformed") from None
    kid = header.get("kid")
    key = await keys.verifying(kid) if isinstance(kid, str) else None
    if key is None or header.get("alg") != ALGORITHM:
        raise invalid("The access token was not signed by this server")
    try:
        payload = jwt.decode(
            token,
            key.public_key,
            algorithms=[ALGORITHM],
            audience=issuer,
            issuer=issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": ["exp", "nbf", "iat", "usr", "cid", "u", "usrtype", "jti"]},
        )
    except jwt.ExpiredSignatureError:
        raise invalid("The access token has expired") from None
    except jwt.PyJWTError:
        raise invalid("The access token is invalid") from None
    role = payload.get("role", [])
    roles = (role,) if isinstance(role, str) else tuple(str(r) for r in role)
    return Claims(
        username=str(payload["usr"]),
        client_id=str(payload["cid"]),
        user_uid=str(payload["u"]),
        user_type=str(payload["usrtype"]),
        roles=roles,
        generation=int(payload.get("gen", 0)),
        issued_at=int(payload["iat"]),
        expires_at=int(payload["exp"]),
        token_id=str(payload["jti"]),
        order_id=payload.get("orderid"),
        impersonator_uid=payload.get("imp"),
    )
