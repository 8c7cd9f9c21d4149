"""What security profiles give a user: the union of roles (AvailableRoles) and the strictest password rules.

A profile reaches a user through an assignment at one of these levels (SEMANTICS.md §2.4):

* marketplace — no party set: every admin user;
* company — BuyerID or SupplierID alone: that company's users;
* group — UserGroupID (with the company for buyer/supplier groups, alone for admin groups): the group's members;
* user — UserID (with the company, or alone for admin users): that user.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

from mercato.auth.passwords import PLATFORM_POLICY, PasswordPolicy
from mercato.context import UserType
from mercato.db.tables import security_profile_assignments, security_profiles, user_group_assignments

a = security_profile_assignments.c
p = security_profiles.c
g = user_group_assignments.c


@dataclass(frozen=True, slots=True)
class Member:
    """Enough of a user to find the profiles assigned to them."""

    uid: str
    user_id: str
    user_type: UserType
    company_id: str


@dataclass(frozen=True, slots=True)
class Grants:
    roles: frozenset[str]
    custom_roles: frozenset[str]
    policy: PasswordPolicy

    @property
    def available(self) -> list[str]:
        """User.AvailableRoles: API roles then custom roles, each sorted."""
        return sorted(self.roles) + sorted(self.custom_roles)


def _reaches(marketplace_id: str, member: Member) -> ColumnElement[bool]:
    buyer = member.company_id if member.user_type is UserType.BUYER else ""
    supplier = member.company_id if member.user_type is UserType.SUPPLIER else ""
    groups = select(g.user_group_id).where(
        g.marketplace_id == marketplace_id,
        g.user_uid == member.uid,
        g.group_type == member.user_type.value,
        g.company_id == member.company_id,
    )
    return and_(
        a.buyer_id == buyer,
        a.supplier_id == supplier,
        or_(
            and_(a.user_group_id == "", a.user_id == ""),
            and_(a.user_group_id == "", a.user_id == member.user_id),
            and_(a.user_id == "", a.user_group_id.in_(groups)),
        ),
    )


async def grants_of(connection: AsyncConnection, marketplace_id: str, member: Member) -> Grants:
    return (await grants_of_many(connection, marketplace_id, [member]))[member.uid]


async def grants_of_many(
    connection: AsyncConnection, marketplace_id: str, members: Sequence[Member]
) -> dict[str, Grants]:
    """One query per call, however many members (a page of users)."""
    if not members:
        return {}
    columns = [p.roles, p.custom_roles, p.password_config]
    parts = [
        select(*columns, *_tag(member.uid))
        .select_from(security_profile_assignments.join(security_profiles, _profile_join()))
        .where(a.marketplace_id == marketplace_id, _reaches(marketplace_id, member))
        for member in members
    ]
    rows = (await connection.execute(parts[0].union_all(*parts[1:]) if len(parts) > 1 else parts[0])).all()
    found: dict[str, list[Any]] = {member.uid: [] for member in members}
    for row in rows:
        found[row.member].append(row)
    return {uid: _combine(found_rows) for uid, found_rows in found.items()}


def _tag(uid: str) -> list[ColumnElement[Any]]:
    return [literal(uid).label("member")]


def _profile_join() -> ColumnElement[bool]:
    return and_(p.marketplace_id == a.marketplace_id, p.id == a.security_profile_id)


def _combine(rows: Iterable[Any]) -> Grants:
    roles: set[str] = set()
    custom: set[str] = set()
    configs: list[dict[str, Any]] = []
    for row in rows:
        roles.update(row.roles or [])
        custom.update(row.custom_roles or [])
        if row.password_config:
            configs.append(row.password_config)
    return Grants(frozenset(roles), frozenset(custom), strictest(configs))


def strictest(configs: Iterable[dict[str, Any]]) -> PasswordPolicy:
    """PasswordConfig from several profiles: the strictest value of each setting wins (SEMANTICS.md §1.2)."""
    policy = PLATFORM_POLICY
    for config in configs:
        attempts = config.get("AllowedFailedAttempts")
        lockout = config.get("LockoutDuration")
        policy = PasswordPolicy(
            minimum_length=max(policy.minimum_length, int(config.get("MinimumCharacterCount") or 0)),
            require_upper=policy.require_upper or bool(config.get("UpperCaseRequired")),
            require_lower=policy.require_lower or bool(config.get("LowerCaseRequired")),
            require_digit=policy.require_digit or bool(config.get("NumericRequired")),
            require_special=policy.require_special or bool(config.get("SpecialCharacterRequired")),
            allowed_failed_attempts=min(policy.allowed_failed_attempts, int(attempts))
            if attempts
            else policy.allowed_failed_attempts,
            lockout_minutes=_stricter_lockout(policy.lockout_minutes, lockout),
        )
    return policy


def _stricter_lockout(current: int, configured: Any) -> int:
    if configured is None:
        return current
    minutes = int(configured)
    if minutes == 0 or current == 0:
        return 0  # "until an administrator unlocks" is the strictest of all
    return max(current, minutes)
