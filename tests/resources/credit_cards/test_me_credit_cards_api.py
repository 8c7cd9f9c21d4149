from __future__ import annotations

from typing import Any

import httpx

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.fixtures.identity import Callers
from tests.resources.credit_cards.parties import error, group, shopper

ME = "/v1/me/creditcards"
ADMIN = "/v1/buyers/b1/creditcards"
PAN = "4111111111111111"


async def world(client: httpx.AsyncClient, callers: Callers) -> dict[str, dict[str, str]]:
    """Buyer b1 with u1 (in group g1) and u2; buyer b2 with u3. Cards of b1, assigned:

    c-company: the buyer · c-group: g1 · c-user: u1 · c-multi: the buyer, g1 and u1 · c-none: nobody."""
    await callers.buyer("b1")
    await callers.buyer("b2")
    writer = (Role.Shopper, Role.MeCreditCardAdmin)
    people = {
        "u1": await shopper(callers, "b1", "u1", *writer),
        "u2": await shopper(callers, "b1", "u2", *writer),
        "u3": await shopper(callers, "b2", "u3", *writer),
    }
    await group(client, callers, "b1", "g1", "u1")
    admin = await callers.headers(Role.CreditCardAdmin)
    for card_id in ("c-company", "c-group", "c-user", "c-multi", "c-none"):
        made = await client.post(
            ADMIN, json={"ID": card_id, "CardType": card_id, "Token": f"tok-{card_id}"}, headers=admin
        )
        assert made.status_code == 201
    for body in (
        {"CreditCardID": "c-company"},
        {"CreditCardID": "c-group", "UserGroupID": "g1"},
        {"CreditCardID": "c-user", "UserID": "u1"},
        {"CreditCardID": "c-multi"},
        {"CreditCardID": "c-multi", "UserGroupID": "g1"},
        {"CreditCardID": "c-multi", "UserID": "u1"},
    ):
        assert (await client.post(f"{ADMIN}/assignments", json=body, headers=admin)).status_code == 204
    people["admin"] = admin
    return people


async def ids(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> list[str]:
    response = await client.get(ME, params=params, headers=headers)
    assert response.status_code == 200, response.text
    if "pageSize" not in params:
        assert response.json()["Meta"]["TotalCount"] == len(response.json()["Items"])
    return [card["ID"] for card in response.json()["Items"]]


async def test_the_list_is_the_union_of_assigned_and_private_cards_without_duplicates(
    client: httpx.AsyncClient, callers: Callers
) -> None:
    people = await world(client, callers)
    u1, u2, u3 = people["u1"], people["u2"], people["u3"]
    assert await ids(client, u1) == ["c-company", "c-group", "c-multi", "c-user"]
    assert await ids(client, u2) == ["c-company", "c-multi"]
    assert await ids(client, u3) == []
    listed = (await client.get(ME, headers=u1)).json()["Items"]
    assert all(card["Editable"] is False for card in listed)
    assert listed[0] == {
        "ID": "c-company",
        "Editable": False,
        "Token": "tok-c-company",
        "DateCreated": listed[0]["DateCreated"],
        "CardType": "c-company",
        "PartialAccountNumber": None,
        "CardholderName": None,
        "ExpirationDate": None,
        "xp": None,
    }

    made = await client.post(
        ME,
        json={"ID": "mine", "Editable": False, "CardType": "Visa", "PartialAccountNumber": "1111", "CardNumber": PAN},
        headers=u1,
    )
    assert made.status_code == 201, made.text
    private = made.json()
    assert private["ID"] != "mine"
    assert len(private["ID"]) == 22
    assert private["Editable"] is True
    assert made.headers["location"] == f"/v1/me/creditcards/{private['ID']}"
    assert PAN not in made.text

    assert len(await ids(client, u1)) == 5
    assert await ids(client, u1, Editable="true") == [private["ID"]]
    assert await ids(client, u1, Editable="false", sortBy="!ID") == ["c-user", "c-multi", "c-group", "c-company"]
    assert await ids(client, u1, search="visa") == [private["ID"]]
    assert await ids(client, u1, CardType="c-*", pageSize=2) == ["c-company", "c-group"]
    assert (await client.get(ME, params={"Editable": "maybe"}, headers=u1)).status_code == 400

    # Private cards are nobody else's: not the buyer's admins', not the other users'.
    admin = people["admin"]
    assert [c["ID"] for c in (await client.get(ADMIN, headers=admin)).json()["Items"]] == [
        "c-company",
        "c-group",
        "c-multi",
        "c-none",
        "c-user",
    ]
    assert (await client.get(f"{ADMIN}/{private['ID']}", headers=admin)).status_code == 404
    hidden = await client.post(f"{ADMIN}/assignments", json={"CreditCardID": private["ID"]}, headers=admin)
    assert hidden.status_code == 404
    assert (await client.get(f"{ME}/{private['ID']}", headers=u2)).status_code == 404
    assert private["ID"] not in await ids(client, u2)
    assert (await client.get(f"{ME}/{private['ID']}", headers=u1)).json() == private


async def test_assignments_removed_take_cards_out_of_the_list(client: httpx.AsyncClient, callers: Callers) -> None:
    people = await world(client, callers)
    u1, admin = people["u1"], people["admin"]
    assert (
        await client.delete(f"{ADMIN}/c-group/assignments", params={"userGroupID": "g1"}, headers=admin)
    ).status_code == 204
    assert await ids(client, u1) == ["c-company", "c-multi", "c-user"]
    # c-multi stays while any of its assignments still reaches u1.
    assert (
        await client.delete(f"{ADMIN}/c-multi/assignments", params={"userID": "u1"}, headers=admin)
    ).status_code == 204
    assert (await client.delete(f"{ADMIN}/c-multi/assignments", headers=admin)).status_code == 204
    assert await ids(client, u1) == ["c-company", "c-multi", "c-user"]
    assert await ids(client, people["u2"]) == ["c-company"]
    # Leaving the group takes away what the group had.
    groups = await callers.headers(Role.UserGroupAdmin)
    assert (await client.delete("/v1/buyers/b1/usergroups/g1/assignments/u1", headers=groups)).status_code == 204
    assert await ids(client, u1) == ["c-company", "c-user"]
    assert (await client.delete(f"{ADMIN}/c-company/assignments", headers=admin)).status_code == 204
    assert (await client.delete(f"{ADMIN}/c-user", headers=admin)).status_code == 204
    assert await ids(client, u1) == []
    assert (await client.get(f"{ME}/c-user", headers=u1)).status_code == 404


async def test_only_private_cards_can_be_changed(client: httpx.AsyncClient, callers: Callers) -> None:
    people = await world(client, callers)
    u1 = people["u1"]
    private = (await client.post(ME, json={"CardType": "Visa", "xp": {"a": 1}}, headers=u1)).json()
    card_id = private["ID"]

    patched = await client.patch(
        f"{ME}/{card_id}", json={"CardholderName": "Ada", "xp": {"b": 2}, "ID": "x"}, headers=u1
    )
    assert patched.status_code == 204
    assert patched.content == b""
    got = (await client.get(f"{ME}/{card_id}", headers=u1)).json()
    assert got["ID"] == card_id  # ID is read-only: no rename through /me
    assert (got["CardType"], got["CardholderName"], got["xp"]) == ("Visa", "Ada", {"a": 1, "b": 2})

    saved = await client.put(f"{ME}/{card_id}", json={"Token": "tok-9", "Editable": False}, headers=u1)
    assert saved.status_code == 200
    assert saved.json() == {
        "ID": card_id,
        "Editable": True,
        "Token": "tok-9",
        "DateCreated": private["DateCreated"],
        "CardType": None,
        "PartialAccountNumber": None,
        "CardholderName": None,
        "ExpirationDate": None,
        "xp": None,
    }
    refused = await client.put(f"{ME}/{card_id}", json={"Token": PAN}, headers=u1)
    assert refused.status_code == 400
    assert error(refused)["Data"] == {"Field": "Token"}
    assert PAN not in refused.text

    # A card the buyer assigned can be read, never changed; one the user cannot see does not exist.
    public = await client.get(f"{ME}/c-user", headers=u1)
    assert public.status_code == 200
    assert public.json()["Editable"] is False
    for method, body in (("PUT", {"CardType": "x"}), ("PATCH", {"CardType": "x"}), ("DELETE", None)):
        response = await client.request(method, f"{ME}/c-user", json=body, headers=u1)
        assert response.status_code == 403, response.text
        assert error(response)["ErrorCode"] == "CreditCard.CannotEditPublic"
        invisible = await client.request(method, f"{ME}/c-none", json=body, headers=u1)
        assert invisible.status_code == 404
        assert error(invisible)["Data"] == {"ObjectType": "CreditCard", "ObjectID": "c-none"}
        missing = await client.request(method, f"{ME}/nothing", json=body, headers=u1)
        assert missing.status_code == 404  # PUT does not create
    assert (await client.get(f"{ADMIN}/c-user", headers=people["admin"])).json()["CardType"] == "c-user"

    assert (await client.delete(f"{ME}/{card_id}", headers=u1)).status_code == 204
    assert (await client.get(f"{ME}/{card_id}", headers=u1)).status_code == 404
    assert (await client.delete(f"{ME}/{card_id}", headers=u1)).status_code == 404


async def test_roles_and_other_buyers(client: httpx.AsyncClient, callers: Callers) -> None:
    people = await world(client, callers)
    private_id = (await client.post(ME, json={"CardType": "Visa"}, headers=people["u1"])).json()["ID"]

    shopper_only = await shopper(callers, "b1", "u4")
    assert await ids(client, shopper_only) == ["c-company", "c-multi"]
    assert (await client.get(f"{ME}/c-company", headers=shopper_only)).status_code == 200
    for method, path in (("POST", ME), ("PUT", f"{ME}/c-company"), ("PATCH", f"{ME}/c-company"), ("DELETE", f"{ME}/x")):
        response = await client.request(method, path, json={} if method != "DELETE" else None, headers=shopper_only)
        assert response.status_code == 403
        assert error(response)["ErrorCode"] == "Auth.InsufficientRoles"
    no_role = await shopper(callers, "b1", "u5", Role.MeAdmin)
    assert (await client.get(ME, headers=no_role)).status_code == 403

    # Another buyer's user sees none of b1's cards, nor u1's private one, and cannot reach b1's admin routes.
    u3 = people["u3"]
    for card_id in ("c-company", "c-multi", private_id):
        assert (await client.get(f"{ME}/{card_id}", headers=u3)).status_code == 404
        assert (await client.patch(f"{ME}/{card_id}", json={"CardType": "x"}, headers=u3)).status_code == 404
    b2_admin = await shopper(callers, "b2", "u6", Role.CreditCardAdmin)
    assert (await client.get(ADMIN, headers=b2_admin)).status_code == 404

    # Admin users have no buyer: nothing is theirs to list, and nowhere to keep a card.
    admin_user = await callers.headers(Role.FullAccess)
    assert await ids(client, admin_user) == []
    refused = await client.post(ME, json={"CardType": "Visa"}, headers=admin_user)
    assert refused.status_code == 404
    assert error(refused)["Data"] == {"ObjectType": "Buyer", "ObjectID": None}
    supplier = await callers.headers(Role.FullAccess, user_type=UserType.SUPPLIER)
    assert await ids(client, supplier) == []


async def test_private_cards_go_with_their_user(client: httpx.AsyncClient, callers: Callers) -> None:
    people = await world(client, callers)
    assert (await client.post(ME, json={"CardType": "Visa"}, headers=people["u2"])).status_code == 201
    users = await callers.headers(Role.BuyerUserAdmin)
    assert (await client.delete("/v1/buyers/b1/users/u2", headers=users)).status_code == 204
    # Recreated under the same ID, the user is someone else: the old private card is gone.
    again = await shopper(callers, "b1", "u2", Role.Shopper)
    assert await ids(client, again) == ["c-company", "c-multi"]
