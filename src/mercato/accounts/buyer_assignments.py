"""Assignments of a buyer's things (credit cards, spending accounts, and alike: addresses, cost centers) to a party
of that buyer: the whole buyer, one of its user groups, or one of its users. Assignment rows mark the unset party
with "" (db/tables/assignments.py); the API shows it as null.

The rules every such resource shares live here: naming at most one of user and group, the party existing in the
buyer, the ``userID``/``userGroupID``/``level`` list parameters, and — for the Me routes — "assigned to me", as
one SQL condition so that a Me list stays one query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, and_, exists, false, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.context import Caller, UserType
from mercato.db.tables import user_group_assignments, user_groups, users
from mercato.errors import BadRequest, ErrorCode, NotFound, ValidationFailure
from mercato.listing import ListQuery

LEVELS = ("User", "Group", "Company")


@dataclass(frozen=True, slots=True)
class BuyerParty:
    """Who receives an assignment: "" for the unset one; both "" means the whole buyer."""

    user_id: str = ""
    user_group_id: str = ""

    def columns(self) -> dict[str, str]:
        return {"user_id": self.user_id, "user_group_id": self.user_group_id}

    def matches(self, assignments: Table) -> list[ColumnElement[bool]]:
        return [assignments.c.user_id == self.user_id, assignments.c.user_group_id == self.user_group_id]


def party_of(user_id: str | None, user_group_id: str | None) -> BuyerParty:
    """The party an assignment (or DeleteAssignment's query) names; blank or null is unset."""
    if user_id and user_group_id:
        raise BadRequest(
            "PartyAssignment.CannotSpecifyGroupAndUser", "An assignment may name a user or a user group, not both"
        )
    return BuyerParty(user_id or "", user_group_id or "")


def party_of_query(parameters: Mapping[str, str]) -> BuyerParty:
    """The party DeleteAssignment's ``userID``/``userGroupID`` query parameters name (neither: the buyer-level
    assignment)."""
    return party_of(parameters.get("userID"), parameters.get("userGroupID"))


async def require_party(connection: AsyncConnection, marketplace_id: str, buyer_id: str, party: BuyerParty) -> None:
    """The user (not a temporary one) or the group must belong to this buyer: 404 User / UserGroup otherwise."""
    if party.user_id:
        found = exists().where(
            users.c.marketplace_id == marketplace_id,
            users.c.user_type == UserType.BUYER.value,
            users.c.company_id == buyer_id,
            users.c.id == party.user_id,
            users.c.is_temp.is_(False),
        )
        if not await connection.scalar(select(found)):
            raise NotFound("User", party.user_id)
    if party.user_group_id:
        await require_group(connection, marketplace_id, buyer_id, party.user_group_id)


async def require_group(connection: AsyncConnection, marketplace_id: str, buyer_id: str, group_id: str) -> None:
    found = exists().where(
        user_groups.c.marketplace_id == marketplace_id,
        user_groups.c.group_type == UserType.BUYER.value,
        user_groups.c.company_id == buyer_id,
        user_groups.c.id == group_id,
    )
    if not await connection.scalar(select(found)):
        raise NotFound("UserGroup", group_id)


def refuse_search(query: ListQuery, what: str) -> None:
    """Assignment lists take their own parameters only; the engine refuses filters and sortBy (no fields)."""
    if query.search is not None:
        raise BadRequest(ErrorCode.LIST_INVALID_SEARCH_PROPERTY, f"{what} cannot be searched", {"Property": "search"})


def party_filters(assignments: Table, parameters: Mapping[str, str]) -> list[ColumnElement[bool]]:
    """``userID``, ``userGroupID`` (blank = not given) and ``level`` (User | Group | Company, any case)."""
    a = assignments.c
    conditions: list[ColumnElement[bool]] = []
    if parameters.get("userID"):
        conditions.append(a.user_id == parameters["userID"])
    if parameters.get("userGroupID"):
        conditions.append(a.user_group_id == parameters["userGroupID"])
    text = parameters.get("level")
    if text:
        level = next((value for value in LEVELS if value.lower() == text.lower()), None)
        if level is None:
            raise ValidationFailure(f"level must be one of {', '.join(LEVELS)}", "level")
        conditions.append(
            {
                "User": a.user_id != "",
                "Group": a.user_group_id != "",
                "Company": and_(a.user_id == "", a.user_group_id == ""),
            }[level]
        )
    return conditions


def buyer_groups(marketplace_id: Any, buyer_id: Any, user_uid: Any) -> Select[Any]:
    """The IDs of the groups of ``buyer_id`` that the buyer user ``user_uid`` belongs to: a SELECT, for ``IN``.
    Values or bound parameters alike (see mercato.catalog.visibility.BOUND_PARTY)."""
    g = user_group_assignments.c
    return select(g.user_group_id).where(
        g.marketplace_id == marketplace_id,
        g.group_type == UserType.BUYER.value,
        g.company_id == buyer_id,
        g.user_uid == user_uid,
    )


def assigned_to(caller: Caller, assignments: Table, *matching: ColumnElement[bool]) -> ColumnElement[bool]:
    """EXISTS an assignment row (narrowed by ``matching``, e.g. the thing's ID) to the caller's buyer as a whole,
    to a group the caller belongs to, or to the caller. Nothing is assigned to admin or supplier users."""
    if caller.user_type is not UserType.BUYER:
        return false()
    a = assignments.c
    my_groups = buyer_groups(caller.marketplace_id, caller.company_id, caller.uid)
    party = or_(
        and_(a.user_id == "", a.user_group_id == ""),
        and_(a.user_id == caller.user_id, a.user_group_id == ""),
        and_(a.user_id == "", a.user_group_id.in_(my_groups)),
    )
    return exists().where(a.marketplace_id == caller.marketplace_id, a.buyer_id == caller.company_id, party, *matching)


def shown(party_id: str) -> str | None:
    """A party column as the API shows it: null when unset."""
    return party_id or None
