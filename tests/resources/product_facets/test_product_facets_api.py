from __future__ import annotations

from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from tests.fixtures.identity import Callers
from tests.resources.credit_cards.parties import error, shopper

URL = "/v1/productfacets"


def items(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["Items"]
    return found


async def test_crud(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductFacetAdmin)
    made = await client.post(URL, json={"ID": "color", "Name": "Color"}, headers=admin)
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/v1/productfacets/color"
    assert made.json() == {"ID": "color", "Name": "Color", "XpPath": "color", "ListOrder": 0, "MinCount": 1, "xp": None}
    nested = await client.post(
        URL,
        json={
            "ID": "size",
            "Name": "Size",
            "XpPath": "xp.Facets.Size",
            "ListOrder": -1,
            "MinCount": 0,
            "xp": {"ui": "pill"},
        },
        headers=admin,
    )
    assert nested.status_code == 201
    assert nested.json()["XpPath"] == "Facets.Size"  # relative to xp; the leading "xp." is dropped
    generated = await client.post(URL, json={"Name": "Brand", "ListOrder": 5}, headers=admin)
    assert generated.json()["XpPath"] == generated.json()["ID"]

    assert [f["ID"] for f in items(await client.get(URL, headers=admin))][:2] == ["size", "color"]  # by ListOrder
    assert [f["ID"] for f in items(await client.get(URL, params={"search": "facets"}, headers=admin))] == ["size"]
    assert [f["ID"] for f in items(await client.get(URL, params={"MinCount": "0"}, headers=admin))] == ["size"]

    patched = await client.patch(f"{URL}/color", json={"Name": "Colour", "xp": {"a": 1}}, headers=admin)
    assert patched.json() == {
        "ID": "color",
        "Name": "Colour",
        "XpPath": "color",
        "ListOrder": 0,
        "MinCount": 1,
        "xp": {"a": 1},
    }
    saved = await client.put(f"{URL}/color", json={"Name": "Color", "XpPath": "Facets.Color"}, headers=admin)
    assert saved.json() == {
        "ID": "color",
        "Name": "Color",
        "XpPath": "Facets.Color",
        "ListOrder": 0,
        "MinCount": 1,
        "xp": None,
    }
    reset = await client.patch(f"{URL}/color", json={"XpPath": None}, headers=admin)
    assert reset.json()["XpPath"] == "color"
    renamed = await client.patch(f"{URL}/color", json={"ID": "colour"}, headers=admin)
    assert renamed.json()["ID"] == "colour"
    assert renamed.json()["XpPath"] == "color"
    created = await client.put(f"{URL}/fit", json={"Name": "Fit"}, headers=admin)
    assert created.status_code == 200
    assert created.json()["XpPath"] == "fit"

    assert (await client.delete(f"{URL}/colour", headers=admin)).status_code == 204
    assert (await client.get(f"{URL}/colour", headers=admin)).status_code == 404
    assert (await client.delete(f"{URL}/colour", headers=admin)).status_code == 404


async def test_xp_path_is_unique(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductFacetAdmin)
    assert (await client.post(URL, json={"ID": "color", "Name": "Color"}, headers=admin)).status_code == 201
    for response in (
        await client.post(URL, json={"ID": "colour", "Name": "Colour", "XpPath": "color"}, headers=admin),
        await client.post(URL, json={"ID": "colour", "Name": "Colour", "XpPath": "xp.color"}, headers=admin),
        await client.put(f"{URL}/colour", json={"Name": "Colour", "XpPath": "color"}, headers=admin),
    ):
        assert response.status_code == 409, response.text
        assert error(response)["ErrorCode"] == "ProductFacet.XpPathInUse"
        assert error(response)["Data"] == {"XpPath": "color"}
    same = await client.put(f"{URL}/color", json={"Name": "Still", "XpPath": "color"}, headers=admin)
    assert same.status_code == 200  # its own path does not count
    other = await client.post(URL, json={"ID": "color2", "Name": "Other", "XpPath": "Color"}, headers=admin)
    assert other.status_code == 201  # xp keys are case-sensitive
    taken_id = await client.post(URL, json={"ID": "color", "Name": "Again", "XpPath": "elsewhere"}, headers=admin)
    assert taken_id.status_code == 409
    assert error(taken_id)["ErrorCode"] == "IdExists"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "Name"),
        ({"Name": ""}, "Name"),
        ({"Name": "A", "XpPath": "a..b"}, "XpPath"),
        ({"Name": "A", "XpPath": 'a."b'}, "XpPath"),
        ({"Name": "A", "XpPath": "p" * 201}, "XpPath"),
        ({"Name": "A", "MinCount": -1}, "MinCount"),
        ({"Name": "A", "MinCount": None}, "MinCount"),
        ({"Name": "A", "ListOrder": 2**31}, "ListOrder"),
        ({"Name": "A", "ID": "a b"}, "ID"),
        ({"Name": "A", "xp": "x"}, "xp"),
    ],
)
async def test_validation(client: httpx.AsyncClient, callers: Callers, body: dict[str, Any], field: str) -> None:
    admin = await callers.headers(Role.ProductFacetAdmin)
    response = await client.post(URL, json=body, headers=admin)
    assert response.status_code == 400, response.text
    assert error(response)["ErrorCode"] == "ValidationFailure"
    assert error(response)["Data"] == {"Field": field}


async def test_roles(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductFacetAdmin)
    assert (await client.post(URL, json={"ID": "color", "Name": "Color"}, headers=admin)).status_code == 201
    reader = await callers.headers(Role.ProductFacetReader)
    assert len(items(await client.get(URL, headers=reader))) == 1
    refused = await client.patch(f"{URL}/color", json={"Name": "x"}, headers=reader)
    assert refused.status_code == 403
    assert error(refused)["ErrorCode"] == "Auth.InsufficientRoles"
    product_admin = await callers.headers(Role.ProductAdmin)
    assert (await client.get(URL, headers=product_admin)).status_code == 403
    # Buyer users may read facets (nothing of any buyer is in them), never change them.
    await callers.buyer("b1")
    buyer_user = await shopper(callers, "b1", "u1", Role.ProductFacetAdmin)
    assert (await client.get(f"{URL}/color", headers=buyer_user)).status_code == 200
    write = await client.delete(f"{URL}/color", headers=buyer_user)
    assert write.status_code == 403
    assert error(write)["ErrorCode"] == "Auth.UserNotAuthorizedToAdmin"
