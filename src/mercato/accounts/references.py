"""Where other tables name a user or a user group by ID, and keeping them in step.

Assignment rows name users and groups by their (changeable) IDs, with "" for "not set". When a user or group is
renamed every such reference follows; when one is deleted its assignments go. Each referencing table is listed
once here, with the column that holds the party's company for each user type, so that the rules live in one
place instead of in every resource.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.context import UserType
from mercato.db.tables import (
    address_assignments,
    addresses,
    approval_rules,
    category_assignments,
    cost_center_assignments,
    credit_card_assignments,
    credit_cards,
    product_assignments,
    security_profile_assignments,
    spending_account_assignments,
)


@dataclass(frozen=True, slots=True)
class Reference:
    table: Table
    company_columns: Mapping[UserType, str | None]
    """For each user type the reference applies to: the column holding the party's company (None: none)."""
    user_column: str | None = "user_id"
    group_column: str | None = "user_group_id"
    delete_with_group: bool = True
    """False: the reference blocks the group's deletion instead (see ``group_blockers``)."""

    def party(self, marketplace_id: str, user_type: UserType, company_id: str) -> list[Any] | None:
        if user_type not in self.company_columns:
            return None
        columns = self.table.c
        conditions = [columns.marketplace_id == marketplace_id]
        own = self.company_columns[user_type]
        for other in {c for c in self.company_columns.values() if c}:
            conditions.append(columns[other] == (company_id if other == own else ""))
        return conditions


_BUYER = {UserType.BUYER: "buyer_id"}

REFERENCES = [
    Reference(
        security_profile_assignments,
        {UserType.ADMIN: None, UserType.BUYER: "buyer_id", UserType.SUPPLIER: "supplier_id"},
    ),
    Reference(address_assignments, _BUYER),
    Reference(cost_center_assignments, _BUYER),
    Reference(credit_card_assignments, _BUYER),
    Reference(spending_account_assignments, _BUYER),
    Reference(category_assignments, _BUYER, user_column=None),
    Reference(approval_rules, _BUYER, user_column=None, group_column="approving_group_id", delete_with_group=False),
    Reference(product_assignments, _BUYER, user_column=None),
]


async def user_renamed(
    connection: AsyncConnection, marketplace_id: str, user_type: UserType, company_id: str, old: str, new: str
) -> None:
    if old == new:
        return
    for ref in REFERENCES:
        party = ref.party(marketplace_id, user_type, company_id)
        if party is not None and ref.user_column:
            column = ref.table.c[ref.user_column]
            await connection.execute(update(ref.table).where(*party, column == old).values({ref.user_column: new}))


async def user_left(
    connection: AsyncConnection, marketplace_id: str, user_type: UserType, company_id: str, user_id: str
) -> None:
    """The user no longer belongs to the company (deleted, or moved to another): its assignments there go."""
    for ref in REFERENCES:
        party = ref.party(marketplace_id, user_type, company_id)
        if party is not None and ref.user_column:
            await connection.execute(delete(ref.table).where(*party, ref.table.c[ref.user_column] == user_id))


async def user_deleted(
    connection: AsyncConnection, marketplace_id: str, user_type: UserType, company_id: str, user_id: str, uid: str
) -> None:
    await user_left(connection, marketplace_id, user_type, company_id, user_id)
    for private in (addresses, credit_cards):  # what the user kept for themselves through /me
        await connection.execute(
            delete(private).where(
                private.c.marketplace_id == marketplace_id, private.c.owner_type == "me", private.c.company_id == uid
            )
        )


async def group_renamed(
    connection: AsyncConnection, marketplace_id: str, user_type: UserType, company_id: str, old: str, new: str
) -> None:
    if old == new:
        return
    for ref in REFERENCES:
        party = ref.party(marketplace_id, user_type, company_id)
        if party is not None and ref.group_column:
            column = ref.table.c[ref.group_column]
            await connection.execute(update(ref.table).where(*party, column == old).values({ref.group_column: new}))


async def group_deleted(
    connection: AsyncConnection, marketplace_id: str, user_type: UserType, company_id: str, group_id: str
) -> None:
    for ref in REFERENCES:
        party = ref.party(marketplace_id, user_type, company_id)
        if party is not None and ref.group_column and ref.delete_with_group:
            await connection.execute(delete(ref.table).where(*party, ref.table.c[ref.group_column] == group_id))


async def group_blockers(
    connection: AsyncConnection, marketplace_id: str, user_type: UserType, company_id: str, group_id: str
) -> list[str]:
    """Tables whose rows need the group to stay (an approval rule's approving group)."""
    blocking = []
    for ref in REFERENCES:
        party = ref.party(marketplace_id, user_type, company_id)
        if party is not None and ref.group_column and not ref.delete_with_group:
            column = ref.table.c[ref.group_column]
            if await connection.scalar(select(exists().where(*party, column == group_id))):
                blocking.append(ref.table.name)
    return blocking
