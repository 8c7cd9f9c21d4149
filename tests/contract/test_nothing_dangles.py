"""Deleting a user, a group, an address or a whole buyer leaves no row that names it (on both databases)."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import Table, func, or_, select

from mercato.auth.roles import Role
from mercato.db.engine import Database
from mercato.db.tables import (
    address_assignments,
    addresses,
    api_client_assignments,
    approval_rules,
    buyers,
    cost_center_assignments,
    cost_centers,
    credit_card_assignments,
    credit_cards,
    security_profile_assignments,
    spending_account_assignments,
    spending_accounts,
    user_group_assignments,
    user_groups,
    users,
)
from tests.fixtures.identity import Callers

B = "/v1/buyers/dangle"
ASSIGNMENT_TABLES = [
    address_assignments,
    cost_center_assignments,
    credit_card_assignments,
    spending_account_assignments,
    security_profile_assignments,
]


async def seed(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    async def post(path: str, body: dict[str, Any]) -> None:
        response = await client.post(path, json=body, headers=admin)
        assert response.status_code in (201, 204), f"{path}: {response.text}"

    await post("/v1/buyers", {"ID": "dangle", "Name": "Dangle", "Active": True})
    await post(
        f"{B}/users",
        {"ID": "u", "Username": "dangle-u", "FirstName": "U", "LastName": "U", "Email": "u@u.u", "Active": True},
    )
    await post(f"{B}/usergroups", {"ID": "g", "Name": "G"})
    await post(f"{B}/usergroups/assignments", {"UserGroupID": "g", "UserID": "u"})
    await post(f"{B}/addresses", {"ID": "a", "Street1": "1", "City": "C", "Country": "NL"})
    await post(f"{B}/costcenters", {"ID": "cc", "Name": "CC"})
    await post(f"{B}/creditcards", {"ID": "card", "CardholderName": "U"})
    await post(f"{B}/spendingaccounts", {"ID": "sa", "Name": "SA", "Balance": 10})
    await post(f"{B}/approvalrules", {"ID": "rule", "ApprovingGroupID": "g", "RuleExpression": "order.Total > 1"})
    await post("/v1/securityprofiles", {"ID": "dangle-sp", "Name": "SP", "Roles": ["Shopper"]})
    for party in ({}, {"UserGroupID": "g"}, {"UserID": "u"}):
        await post(f"{B}/addresses/assignments", {"AddressID": "a", "IsShipping": True} | party)
        await post(f"{B}/creditcards/assignments", {"CreditCardID": "card"} | party)
        await post(f"{B}/spendingaccounts/assignments", {"SpendingAccountID": "sa"} | party)
        await post("/v1/securityprofiles/assignments", {"SecurityProfileID": "dangle-sp", "BuyerID": "dangle"} | party)
        if "UserID" not in party:
            await post(f"{B}/costcenters/assignments", {"CostCenterID": "cc"} | party)


async def rows(database: Database, table: Table, *conditions: Any) -> int:
    async with database.transaction(write=False) as connection:
        return int(await connection.scalar(select(func.count()).select_from(table).where(*conditions)) or 0)


async def test_deleting_a_user_or_group_removes_their_assignments(
    client: httpx.AsyncClient, callers: Callers, database: Database
) -> None:
    admin = await callers.headers(Role.FullAccess)
    await seed(client, admin)
    mid = callers.marketplace_id
    for table in ASSIGNMENT_TABLES:  # cost centers cannot be assigned to a single user
        expected = 0 if table is cost_center_assignments else 1
        assert await rows(database, table, table.c.marketplace_id == mid, table.c.user_id == "u") == expected
    assert (await client.delete(f"{B}/users/u", headers=admin)).status_code == 204
    for table in ASSIGNMENT_TABLES:
        assert await rows(database, table, table.c.marketplace_id == mid, table.c.user_id == "u") == 0, table.name
    assert await rows(database, user_group_assignments, user_group_assignments.c.marketplace_id == mid) == 0
    in_use = await client.delete(f"{B}/usergroups/g", headers=admin)
    assert in_use.status_code == 409  # it approves orders for "rule"
    await client.delete(f"{B}/approvalrules/rule", headers=admin)
    assert (await client.delete(f"{B}/usergroups/g", headers=admin)).status_code == 204
    for table in ASSIGNMENT_TABLES:
        assert await rows(database, table, table.c.marketplace_id == mid, table.c.user_group_id == "g") == 0, table.name
    assert (await client.delete(f"{B}/addresses/a", headers=admin)).status_code == 204
    assert await rows(database, address_assignments, address_assignments.c.marketplace_id == mid) == 0


async def test_deleting_a_buyer_leaves_nothing_that_names_it(
    client: httpx.AsyncClient, callers: Callers, database: Database
) -> None:
    admin = await callers.headers(Role.FullAccess)
    await seed(client, admin)
    mid = callers.marketplace_id
    assert (await client.delete(B, headers=admin)).status_code == 204
    by_buyer = [
        address_assignments,
        cost_center_assignments,
        credit_card_assignments,
        spending_account_assignments,
        security_profile_assignments,
        api_client_assignments,
        cost_centers,
        spending_accounts,
        approval_rules,
    ]
    for table in by_buyer:
        assert await rows(database, table, table.c.marketplace_id == mid, table.c.buyer_id == "dangle") == 0, table.name
    for table in (users, user_groups, addresses, credit_cards):
        assert await rows(database, table, table.c.marketplace_id == mid, table.c.company_id == "dangle") == 0, (
            table.name
        )
    assert await rows(database, buyers, buyers.c.marketplace_id == mid, buyers.c.id == "dangle") == 0
    assert (
        await rows(
            database,
            user_group_assignments,
            user_group_assignments.c.marketplace_id == mid,
            or_(user_group_assignments.c.company_id == "dangle", user_group_assignments.c.user_group_id == "g"),
        )
        == 0
    )
