"""/buyers/{buyerID}/addresses/assignments: the rules of an address assignment, its list and its removal."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.resources.addresses.org import Org

URL = "/v1/buyers/acme/addresses"


def error(response: httpx.Response) -> dict[str, Any]:
    errors: list[dict[str, Any]] = response.json()["Errors"]
    return errors[0]


async def listed(client: httpx.AsyncClient, org: Org, **params: str) -> list[dict[str, Any]]:
    response = await client.get(f"{URL}/assignments", params=params, headers=org.admin)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["Items"]
    return items


@pytest.fixture
async def acme(org: Org) -> Org:
    """Buyer acme with addresses a1, a2, users u1, u2 and group g1 (u1 a member); buyer globex with user x1,
    group gx and address x-a."""
    await org.buyer("acme")
    for address in ("a1", "a2"):
        await org.address("acme", address)
    for user in ("u1", "u2"):
        await org.callers.user(UserType.BUYER, "acme", user_id=user)
    await org.group("acme", "g1", "u1")
    await org.buyer("globex")
    await org.callers.user(UserType.BUYER, "globex", user_id="x1")
    await org.group("globex", "gx")
    await org.address("globex", "x-a")
    return org


@pytest.mark.parametrize(
    ("body", "status", "code", "data"),
    [
        ({"AddressID": "a1"}, 400, "AddressAssignment.MustBeBillingOrShipping", {"AddressID": "a1"}),
        (
            {"AddressID": "a1", "IsShipping": False, "IsBilling": None},
            400,
            "AddressAssignment.MustBeBillingOrShipping",
            {"AddressID": "a1"},
        ),
        (
            {"AddressID": "a1", "UserID": "u1", "UserGroupID": "g1", "IsShipping": True},
            400,
            "PartyAssignment.CannotSpecifyGroupAndUser",
            None,
        ),
        ({"IsShipping": True}, 400, "ValidationFailure", {"Field": "AddressID"}),
        ({"AddressID": "", "IsShipping": True}, 400, "ValidationFailure", {"Field": "AddressID"}),
        ({"AddressID": "a1", "IsShipping": "yes"}, 400, "ValidationFailure", {"Field": "IsShipping"}),
        ({"AddressID": "nope", "IsShipping": True}, 404, "NotFound", {"ObjectType": "Address", "ObjectID": "nope"}),
        ({"AddressID": "x-a", "IsShipping": True}, 404, "NotFound", {"ObjectType": "Address", "ObjectID": "x-a"}),
        (
            {"AddressID": "a1", "UserID": "nobody", "IsBilling": True},
            404,
            "NotFound",
            {"ObjectType": "User", "ObjectID": "nobody"},
        ),
        (
            {"AddressID": "a1", "UserID": "x1", "IsBilling": True},
            404,
            "NotFound",
            {"ObjectType": "User", "ObjectID": "x1"},
        ),
        (
            {"AddressID": "a1", "UserGroupID": "gx", "IsBilling": True},
            404,
            "NotFound",
            {"ObjectType": "UserGroup", "ObjectID": "gx"},
        ),
    ],
)
async def test_save_assignment_rules(
    client: httpx.AsyncClient, acme: Org, body: dict[str, Any], status: int, code: str, data: Any
) -> None:
    response = await client.post(f"{URL}/assignments", json=body, headers=acme.admin)
    assert response.status_code == status, response.text
    assert error(response)["ErrorCode"] == code
    assert error(response)["Data"] == data
    assert await listed(client, acme) == []


async def test_an_admin_user_is_not_a_buyer_user(client: httpx.AsyncClient, acme: Org) -> None:
    await acme.callers.user(UserType.ADMIN, user_id="boss")
    response = await acme.assign("acme", AddressID="a1", UserID="boss")
    assert response.status_code == 404
    assert error(response)["Data"] == {"ObjectType": "User", "ObjectID": "boss"}


async def test_save_is_idempotent_and_updates_the_flags(client: httpx.AsyncClient, acme: Org) -> None:
    for _ in range(2):
        saved = await acme.assign("acme", AddressID="a1", UserID="u1", IsShipping=True, IsBilling=False)
        assert saved.status_code == 204
        assert saved.content == b""
    assert await listed(client, acme) == [
        {"AddressID": "a1", "UserID": "u1", "UserGroupID": None, "IsShipping": True, "IsBilling": False}
    ]
    assert (await acme.assign("acme", AddressID="a1", UserID="u1", IsShipping=False, IsBilling=True)).status_code == 204
    assert await listed(client, acme) == [
        {"AddressID": "a1", "UserID": "u1", "UserGroupID": None, "IsShipping": False, "IsBilling": True}
    ]
    blank = await acme.assign("acme", AddressID="a1", UserID="", UserGroupID=None, IsShipping=True)
    assert blank.status_code == 204  # blank parties are unset: the buyer-level assignment
    assert len(await listed(client, acme, level="Company")) == 1


async def test_list_assignments_parameters(client: httpx.AsyncClient, acme: Org) -> None:
    await acme.assign("acme", AddressID="a1", IsShipping=True, IsBilling=False)
    await acme.assign("acme", AddressID="a1", UserGroupID="g1", IsShipping=False, IsBilling=True)
    await acme.assign("acme", AddressID="a2", UserID="u2")
    await acme.assign("acme", AddressID="a2", UserID="u1", IsBilling=False)
    await acme.assign("globex", AddressID="x-a")

    def keys(items: list[dict[str, Any]]) -> list[tuple[str, str | None, str | None]]:
        return [(i["AddressID"], i["UserID"], i["UserGroupID"]) for i in items]

    everything = await listed(client, acme)
    assert keys(everything) == [("a1", None, None), ("a1", None, "g1"), ("a2", "u1", None), ("a2", "u2", None)]
    assert keys(await listed(client, acme, addressID="a2")) == [("a2", "u1", None), ("a2", "u2", None)]
    assert keys(await listed(client, acme, userID="u1")) == [("a2", "u1", None)]
    assert keys(await listed(client, acme, userGroupID="g1")) == [("a1", None, "g1")]
    assert keys(await listed(client, acme, level="user")) == [("a2", "u1", None), ("a2", "u2", None)]
    assert keys(await listed(client, acme, level="Group")) == [("a1", None, "g1")]
    assert keys(await listed(client, acme, level="COMPANY")) == [("a1", None, None)]
    assert keys(await listed(client, acme, isShipping="true")) == [
        ("a1", None, None),
        ("a2", "u1", None),
        ("a2", "u2", None),
    ]
    assert keys(await listed(client, acme, isBilling="True", isShipping="false")) == [("a1", None, "g1")]
    assert keys(await listed(client, acme, userID="", addressID="")) == keys(everything)  # blank: not given

    page = await client.get(f"{URL}/assignments", params={"pageSize": 3, "page": 2}, headers=acme.admin)
    assert keys(page.json()["Items"]) == [("a2", "u2", None)]
    assert page.json()["Meta"] | {"NextPageKey": None} == {
        "Page": 2,
        "PageSize": 3,
        "TotalCount": 4,
        "TotalPages": 2,
        "ItemRange": [4, 4],
        "NextPageKey": None,
    }

    for params, code, data in (
        ({"level": "Buyer"}, "ValidationFailure", {"Field": "level"}),
        ({"isShipping": "yes"}, "ValidationFailure", {"Field": "isShipping"}),
        ({"AddressID": "a1"}, "List.InvalidProperty", {"Property": "AddressID"}),
        ({"sortBy": "AddressID"}, "List.InvalidSortProperty", {"Property": "AddressID"}),
        ({"search": "a1"}, "List.InvalidSearchProperty", {"Property": "search"}),
        ({"pageSize": "101"}, "List.InvalidPageSize", {"Property": "pageSize", "Value": "101"}),
    ):
        response = await client.get(f"{URL}/assignments", params=params, headers=acme.admin)
        assert response.status_code == 400, params
        assert error(response)["ErrorCode"] == code
        assert error(response)["Data"] == data


async def test_delete_assignment(client: httpx.AsyncClient, acme: Org) -> None:
    await acme.assign("acme", AddressID="a1")
    await acme.assign("acme", AddressID="a1", UserGroupID="g1")
    await acme.assign("acme", AddressID="a1", UserID="u1")

    async def parties() -> list[tuple[str | None, str | None]]:
        return [(i["UserID"], i["UserGroupID"]) for i in await listed(client, acme, addressID="a1")]

    gone = await client.delete(f"{URL}/a1/assignments", params={"userID": "u1"}, headers=acme.admin)
    assert gone.status_code == 204
    assert await parties() == [(None, None), (None, "g1")]
    assert (
        await client.delete(f"{URL}/a1/assignments", params={"userGroupID": "g1"}, headers=acme.admin)
    ).status_code == 204
    assert await parties() == [(None, None)]
    again = await client.delete(f"{URL}/a1/assignments", params={"userGroupID": "g1"}, headers=acme.admin)
    assert again.status_code == 204  # idempotent
    assert (await client.delete(f"{URL}/a1/assignments", headers=acme.admin)).status_code == 204
    assert await parties() == []

    both = await client.delete(
        f"{URL}/a1/assignments", params={"userID": "u1", "userGroupID": "g1"}, headers=acme.admin
    )
    assert both.status_code == 400
    assert error(both)["ErrorCode"] == "PartyAssignment.CannotSpecifyGroupAndUser"
    nul = await client.delete(f"{URL}/a1/assignments", params={"userID": "u\x001"}, headers=acme.admin)
    assert nul.status_code == 400
    assert error(nul)["Data"] == {"Field": "userID"}
    missing = await client.delete(f"{URL}/nope/assignments", headers=acme.admin)
    assert missing.status_code == 404
    assert error(missing)["Data"] == {"ObjectType": "Address", "ObjectID": "nope"}


async def test_deleting_an_address_removes_its_assignments(client: httpx.AsyncClient, acme: Org) -> None:
    await acme.assign("acme", AddressID="a1")
    await acme.assign("acme", AddressID="a1", UserID="u1")
    await acme.assign("acme", AddressID="a2", UserGroupID="g1")
    assert (await client.delete(f"{URL}/a1", headers=acme.admin)).status_code == 204
    assert [i["AddressID"] for i in await listed(client, acme)] == ["a2"]
    await acme.address("acme", "a1")  # the same ID again starts without assignments
    assert await listed(client, acme, addressID="a1") == []


async def test_renaming_an_address_carries_its_assignments(client: httpx.AsyncClient, acme: Org) -> None:
    await acme.assign("acme", AddressID="a1", UserGroupID="g1")
    assert (await client.patch(f"{URL}/a1", json={"ID": "a9"}, headers=acme.admin)).status_code == 200
    assert [(i["AddressID"], i["UserGroupID"]) for i in await listed(client, acme)] == [("a9", "g1")]


async def test_assignments_follow_their_users_and_groups(client: httpx.AsyncClient, acme: Org) -> None:
    """mercato.accounts.references keeps the rows in step: a renamed user keeps its assignment, a deleted group
    loses its own."""
    await acme.assign("acme", AddressID="a1", UserID="u2")
    await acme.assign("acme", AddressID="a2", UserGroupID="g1")
    renamed = await client.patch("/v1/buyers/acme/users/u2", json={"ID": "u2-new"}, headers=acme.admin)
    assert renamed.status_code == 200, renamed.text
    assert (await client.delete("/v1/buyers/acme/usergroups/g1", headers=acme.admin)).status_code == 204
    assert [(i["AddressID"], i["UserID"]) for i in await listed(client, acme)] == [("a1", "u2-new")]
    assert (await client.delete("/v1/buyers/acme/users/u2-new", headers=acme.admin)).status_code == 204
    assert await listed(client, acme) == []


async def test_reader_role_lists_assignments(client: httpx.AsyncClient, acme: Org) -> None:
    await acme.assign("acme", AddressID="a1")
    reader = await acme.callers.headers(Role.AddressReader)
    response = await client.get(f"{URL}/assignments", headers=reader)
    assert [i["AddressID"] for i in response.json()["Items"]] == ["a1"]
