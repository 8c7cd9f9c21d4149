"""Token signing keys: RSA-2048 pairs stored in the ``signing_keys`` table (docs/decisions/0007-tokens.md).

The newest active key signs; every stored key verifies, so a rotation does not cut off tokens already issued.
Each process keeps the keys in memory and reloads when it meets a ``kid`` it does not know (another worker
may have rotated)."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.db.engine import Database
from mercato.db.tables import signing_keys


@dataclass(frozen=True, slots=True)
class SigningKey:
    kid: str
    private_key: rsa.RSAPrivateKey
    public_key: rsa.RSAPublicKey
    jwk: dict[str, Any]
    active: bool
    created: datetime


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def new_key_row() -> dict[str, Any]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    numbers = private.public_key().public_numbers()
    kid = secrets.token_urlsafe(16)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    jwk = {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": _b64(numbers.n), "e": _b64(numbers.e)}
    return {"kid": kid, "private_pem": pem, "public_jwk": jwk, "active": True, "date_created": datetime.now(UTC)}


def _load(row: Any) -> SigningKey:
    private = serialization.load_pem_private_key(row.private_pem.encode(), password=None)
    assert isinstance(private, rsa.RSAPrivateKey)
    return SigningKey(row.kid, private, private.public_key(), dict(row.public_jwk), row.active, row.date_created)


class KeyRing:
    def __init__(self, database: Database) -> None:
        self.database = database
        self._keys: dict[str, SigningKey] = {}

    async def load(self) -> None:
        """Read every stored key; create the first one if there is none."""
        async with self.database.transaction() as connection:
            rows = (await connection.execute(select(signing_keys))).all()
            if not rows:
                await connection.execute(insert(signing_keys).values(**new_key_row()))
                rows = (await connection.execute(select(signing_keys))).all()
        self._keys = {row.kid: _load(row) for row in rows}

    async def signer(self) -> SigningKey:
        """The newest active key (loading the keys, or creating the first, when none is known yet)."""
        if not any(key.active for key in self._keys.values()):
            await self.load()
        return max((key for key in self._keys.values() if key.active), key=lambda key: key.created)

    async def verifying(self, kid: str) -> SigningKey | None:
        key = self._keys.get(kid)
        if key is None:
            await self.load()
            key = self._keys.get(kid)
        return key

    def get(self, kid: str) -> SigningKey | None:
        return self._keys.get(kid)


async def rotate(connection: AsyncConnection, *, retire_old: bool = False) -> str:
    """Add a new signing key; with ``retire_old`` the previous ones stop signing (they still verify)."""
    row = new_key_row()
    if retire_old:
        await connection.execute(update(signing_keys).values(active=False))
    await connection.execute(insert(signing_keys).values(**row))
    return str(row["kid"])
