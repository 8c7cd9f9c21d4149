"""Passwords: argon2id hashes (write-only, never returned or logged) and the password policy.

Hashing is deliberately slow (OWASP's argon2id minimum: 19 MiB, 2 passes), so it runs in a worker thread and
never blocks the event loop."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import anyio.to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
_DUMMY_HASH = _hasher.hash("timing-equaliser: compared when the username is unknown")


async def hash_password(password: str) -> str:
    return await anyio.to_thread.run_sync(_hasher.hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant work whether or not the user exists, so response time does not reveal usernames."""
    return await anyio.to_thread.run_sync(_verify, password_hash or _DUMMY_HASH, password, password_hash is None)


TOKEN_PREFIX = "sha256$"


def hash_token(token: str) -> str:
    """For secrets we generate (256 random bits): a fast digest is enough, as no guessing can reach them."""
    return TOKEN_PREFIX + hashlib.sha256(token.encode()).hexdigest()


async def verify_secret(secret_hash: str, given: str) -> bool:
    """A stored client secret: a generated one (``hash_token``) or one a person chose (argon2id)."""
    if secret_hash.startswith(TOKEN_PREFIX):
        return hmac.compare_digest(secret_hash, hash_token(given))
    return await verify_password(secret_hash, given)


def _verify(password_hash: str, password: str, dummy: bool) -> bool:
    try:
        _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    return not dummy


@dataclass(frozen=True, slots=True)
class PasswordPolicy:
    """The platform minimum; a SecurityProfile's PasswordConfig may only make it stricter."""

    minimum_length: int = 10
    require_upper: bool = True
    require_lower: bool = True
    require_digit: bool = True
    require_special: bool = False
    allowed_failed_attempts: int = 10
    lockout_minutes: int = 2
    """0 = locked until an administrator unlocks the account."""


PLATFORM_POLICY = PasswordPolicy()


def policy_problems(password: str, policy: PasswordPolicy = PLATFORM_POLICY) -> list[str]:
    problems = []
    if len(password) < policy.minimum_length:
        problems.append(f"at least {policy.minimum_length} characters")
    if policy.require_upper and not any(c.isupper() for c in password):
        problems.append("an upper-case letter")
    if policy.require_lower and not any(c.islower() for c in password):
        problems.append("a lower-case letter")
    if policy.require_digit and not any(c.isdigit() for c in password):
        problems.append("a digit")
    if policy.require_special and all(c.isalnum() for c in password):
        problems.append("a special character")
    return problems
