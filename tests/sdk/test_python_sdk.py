"""ordercloud-python (2026.10.2) against a real server. It has no anonymous or elevated-login method and no
per-call token (SDK-WIRE.md §1): its flows are client_credentials (the default), the password grant through a
private TokenManager method, and refresh on expiry. See python_sdk.py for what its API looks like."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from ordercloud import AuthenticationError, OrderCloudClient, OrderCloudError, RequestContext, paginate

from tests.sdk.python_sdk import expire_token, password_login, python_client, record_token_requests
from tests.sdk.server import MercatoServer

PASSWORD = "Scenario-Passw0rd!"


def user_body(user_id: str, tag: str, **overrides: Any) -> dict[str, Any]:
    body = {
        "ID": user_id,
        "Username": user_id,
        "Password": PASSWORD,
        "FirstName": "Py",
        "LastName": tag,
        "Email": f"{user_id}@example.com",
        "Active": True,
    }
    return body | overrides


async def public_client(oc: OrderCloudClient, tag: str, **overrides: Any) -> str:
    """A second API client without a secret, created through the API (needs an admin client)."""
    made = await oc.api_clients.create(
        {
            "AppName": f"py public {tag}",
            "Active": True,
            "AllowSeller": True,
            "AccessTokenDuration": 600,
            "RefreshTokenDuration": 60,
        }
        | overrides
    )
    assert made.id is not None
    return made.id


def grants(requests: list[Any]) -> list[tuple[str, int | None]]:
    return [(request.grant, request.status) for request in requests]


async def test_client_credentials_is_the_default_flow(mercato: MercatoServer) -> None:
    async with python_client(mercato) as oc:
        sent = record_token_requests(oc, mercato)
        me = await oc.me.get()
        await oc.me.get()  # the token is reused
    assert me.username == mercato.username
    assert me.available_roles == ["FullAccess"]
    assert me.seller is not None
    assert me.seller.id == mercato.marketplace_id
    assert grants(sent) == [("client_credentials", 200)]
    assert sent[0].form == {
        "grant_type": "client_credentials",
        "client_id": mercato.client_id,
        "client_secret": "***",
        "scope": "FullAccess",
    }


async def test_scopes_limit_the_roles_and_a_missing_role_is_403(mercato: MercatoServer) -> None:
    async with python_client(mercato, scopes=["MeAdmin", "AdminUserReader"]) as oc:
        sent = record_token_requests(oc, mercato)
        listed = await oc.admin_users.list(page_size=1)
        with pytest.raises(AuthenticationError) as refused:
            await oc.api_clients.list()
    assert sent[0].form["scope"] == "MeAdmin AdminUserReader"
    assert listed.meta.page_size == 1
    assert refused.value.status_code == 403
    assert refused.value.errors[0].error_code == "Auth.InsufficientRoles"
    assert refused.value.errors[0].data["AssignedRoles"] == ["AdminUserReader", "MeAdmin"]


async def test_password_login_with_the_secret_is_an_elevated_login(mercato: MercatoServer, tag: str) -> None:
    async with python_client(mercato) as admin:
        await admin.admin_users.create(user_body(f"pw-{tag}", tag))
    async with python_client(mercato) as oc:
        sent = record_token_requests(oc, mercato)
        await password_login(oc, f"pw-{tag}", PASSWORD)
        me = await oc.me.get()
    assert me.username == f"pw-{tag}"
    assert grants(sent) == [("password", 200)]
    assert sent[0].form["client_secret"] == "***"


async def test_password_login_and_refresh_on_a_public_client(mercato: MercatoServer, tag: str) -> None:
    async with python_client(mercato) as admin:
        client_id = await public_client(admin, tag)
    async with python_client(mercato, client_id=client_id, client_secret="", scopes=["MeAdmin"]) as oc:
        sent = record_token_requests(oc, mercato)
        await password_login(oc, mercato.username, mercato.password)
        first = await oc.me.get()
        expire_token(oc)
        second = await oc.me.get()
    assert first.username == second.username == mercato.username
    assert grants(sent) == [("password", 200), ("refresh_token", 200)]
    assert "client_secret" not in sent[0].form  # sent only when the client has one
    assert sent[1].form == {"grant_type": "refresh_token", "client_id": client_id, "refresh_token": "***"}


async def test_refresh_on_a_confidential_client(mercato: MercatoServer) -> None:
    """The client's refresh sends no client_secret; the refresh token alone suffices (decision 0007)."""
    async with python_client(mercato) as oc:
        sent = record_token_requests(oc, mercato)
        await oc.me.get()
        expire_token(oc)
        me = await oc.me.get()
    assert me.username == mercato.username
    assert grants(sent) == [("client_credentials", 200), ("refresh_token", 200)]


async def test_bad_password_is_400_invalid_username_or_password(mercato: MercatoServer, tag: str) -> None:
    async with python_client(mercato) as admin:
        await admin.admin_users.create(user_body(f"badpw-{tag}", tag))
    async with python_client(mercato) as oc:
        with pytest.raises(httpx.HTTPStatusError) as refused:  # token errors are not wrapped by this client
            await password_login(oc, f"badpw-{tag}", "wrong-password")
    body = refused.value.response.json()
    assert refused.value.response.status_code == 400
    assert body["error"] == "invalid_grant"
    assert body["Errors"][0]["ErrorCode"] == "Auth.InvalidUsernameOrPassword"


async def test_not_found_and_validation_errors(mercato: MercatoServer, tag: str) -> None:
    async with python_client(mercato) as oc:
        with pytest.raises(OrderCloudError) as missing:
            await oc.admin_users.get(f"missing-{tag}")
        with pytest.raises(OrderCloudError) as invalid:
            await oc.admin_users.create({"ID": f"bad-{tag}", "Username": f"bad-{tag}"})
    assert not isinstance(missing.value, AuthenticationError)
    assert missing.value.status_code == 404
    assert missing.value.errors[0].error_code == "NotFound"
    assert missing.value.errors[0].data == {"ObjectType": "User", "ObjectID": f"missing-{tag}"}
    assert str(missing.value) == f"OrderCloud 404: User not found: missing-{tag}"
    assert invalid.value.status_code == 400
    assert invalid.value.errors[0].error_code == "ValidationFailure"


async def test_admin_users_crud(mercato: MercatoServer, tag: str) -> None:
    user_id = f"pyau-{tag}"
    async with python_client(mercato) as oc:
        created = await oc.admin_users.create(user_body(user_id, tag, xp={"Team": "core"}))
        got = await oc.admin_users.get(user_id)
        saved = await oc.admin_users.save(user_id, got.model_dump(by_alias=True, exclude_none=True) | {"Phone": "1"})
        patched = await oc.admin_users.patch(user_id, {"FirstName": "Patched", "xp": {"Level": 2}})
        listed = await oc.admin_users.list(search=tag, search_on="LastName")
        await oc.admin_users.revoke_user_tokens(user_id)
        await oc.admin_users.unlock_user_account(user_id)
        await oc.admin_users.delete(user_id)
        with pytest.raises(OrderCloudError) as gone:
            await oc.admin_users.get(user_id)
    assert created.id == user_id
    assert created.password is None
    assert created.xp == {"Team": "core"}
    assert saved.phone == "1"
    assert (patched.first_name, patched.xp) == ("Patched", {"Team": "core", "Level": 2})
    assert [u.id for u in listed.items] == [user_id]
    assert gone.value.status_code == 404


async def test_admin_user_groups_and_assignments(mercato: MercatoServer, tag: str) -> None:
    group_id, user_id = f"pyag-{tag}", f"pyagu-{tag}"
    async with python_client(mercato) as oc:
        await oc.admin_users.create(user_body(user_id, tag))
        created = await oc.admin_user_groups.create({"ID": group_id, "Name": f"Group {tag}"})
        patched = await oc.admin_user_groups.patch(group_id, {"Description": "patched", "xp": {"A": 1}})
        saved = await oc.admin_user_groups.save(group_id, {"Name": f"Saved {tag}"})
        listed = await oc.admin_user_groups.list(filters={"ID": group_id})
        await oc.admin_user_groups.save_user_assignment({"UserGroupID": group_id, "UserID": user_id})
        by_group = await oc.admin_user_groups.list_user_assignments(user_group_id=group_id)
        by_user = await oc.admin_user_groups.list_user_assignments(user_id=user_id)
        await oc.admin_user_groups.delete_user_assignment(group_id, user_id)
        after = await oc.admin_user_groups.list_user_assignments(user_group_id=group_id)
        await oc.admin_user_groups.delete(group_id)
    assert created.id == group_id
    assert (patched.description, patched.xp) == ("patched", {"A": 1})
    assert (saved.name, saved.description, saved.xp) == (f"Saved {tag}", None, None)
    assert [g.id for g in listed.items] == [group_id]
    assert [(a.user_group_id, a.user_id) for a in by_group.items] == [(group_id, user_id)]
    assert [(a.user_group_id, a.user_id) for a in by_user.items] == [(group_id, user_id)]
    assert after.items == []


async def test_admin_addresses_crud(mercato: MercatoServer, tag: str) -> None:
    address_id = f"pyaddr-{tag}"
    body = {"ID": address_id, "Street1": "1 Main St", "City": "Oslo", "Country": "NO", "xp": {"Tag": tag}}
    async with python_client(mercato) as oc:
        created = await oc.admin_addresses.create(body)
        saved = await oc.admin_addresses.save(address_id, body | {"Street2": "Floor 2"})
        patched = await oc.admin_addresses.patch(address_id, {"City": "Bergen"})
        listed = await oc.admin_addresses.list(filters={"xp.Tag": tag, "City": "Berg*"})
        await oc.admin_addresses.delete(address_id)
        with pytest.raises(OrderCloudError) as gone:
            await oc.admin_addresses.get(address_id)
    assert (created.id, created.country, created.xp) == (address_id, "NO", {"Tag": tag})
    assert saved.street2 == "Floor 2"
    assert patched.city == "Bergen"
    assert [a.id for a in listed.items] == [address_id]
    assert gone.value.errors[0].data == {"ObjectType": "Address", "ObjectID": address_id}


async def test_security_profiles_and_assignments(mercato: MercatoServer, tag: str) -> None:
    profile_id, user_id = f"pysp-{tag}", f"pyspu-{tag}"
    async with python_client(mercato) as oc:
        await oc.admin_users.create(user_body(user_id, tag))
        created = await oc.security_profiles.create({"ID": profile_id, "Name": profile_id, "Roles": ["MeAdmin"]})
        patched = await oc.security_profiles.patch(profile_id, {"CustomRoles": [f"Py{tag}"]})
        got = await oc.security_profiles.get(profile_id)
        listed = await oc.security_profiles.list(search=profile_id)
        await oc.security_profiles.save_assignment({"SecurityProfileID": profile_id, "UserID": user_id})
        assigned = await oc.security_profiles.list_assignments(security_profile_id=profile_id)
        user = await oc.admin_users.get(user_id)
        await oc.security_profiles.delete_assignment(profile_id, user_id=user_id)
        after = await oc.security_profiles.list_assignments(security_profile_id=profile_id)
        await oc.security_profiles.delete(profile_id)
    assert created.roles == ["MeAdmin"]
    assert patched.custom_roles == [f"Py{tag}"]
    assert got.roles == ["MeAdmin"]
    assert [p.id for p in listed.items] == [profile_id]
    assert [(a.security_profile_id, a.user_id, a.user_group_id) for a in assigned.items] == [
        (profile_id, user_id, None)
    ]
    assert {"MeAdmin", f"Py{tag}"} <= set(user.available_roles or [])
    assert after.items == []


async def test_api_clients_secrets_and_case_variant_assignment_paths(mercato: MercatoServer, tag: str) -> None:
    async with python_client(mercato) as oc:
        made = await oc.api_clients.create(
            {"AppName": f"py {tag}", "Active": True, "AllowSeller": True, "AccessTokenDuration": 30, "xp": {"T": tag}}
        )
        assert made.id is not None
        client_id = made.id
        patched = await oc.api_clients.patch(client_id, {"RefreshTokenDuration": 15})
        listed = await oc.api_clients.list(filters={"xp.T": tag})
        secret = await oc.api_clients.create_secret(client_id, {"Name": "py"})
        secrets = await oc.api_clients.list_secrets(client_id)
        await oc.buyers.create({"ID": f"pyb-{tag}", "Name": "assigned", "Active": True})
        await oc.api_clients.save_assignment({"ApiClientID": client_id, "BuyerID": f"pyb-{tag}"})
        assignments = await oc.api_clients.list_assignments(api_client_id=client_id)
        # The client sends the same capitalised path as the JS SDK: /buyers/{id}/ApiClients/Assignments/{client}
        await oc.api_clients.delete_buyer_assignment(client_id, f"pyb-{tag}")
        after = await oc.api_clients.list_assignments(api_client_id=client_id)
        await oc.api_clients.delete(client_id)
    assert (made.model_extra or {})["ClientSecret"] is None  # not in its model: kept as an extra field
    assert patched.refresh_token_duration == 15
    assert [c.id for c in listed.items] == [client_id]
    assert secret.client_secret
    assert [(s.id, s.name) for s in secrets.items] == [(secret.id, "py")]
    assert [(a.api_client_id, a.buyer_id, a.supplier_id) for a in assignments.items] == [
        (client_id, f"pyb-{tag}", None)
    ]
    assert after.items == []


async def test_list_filters_sorting_search_and_paging(mercato: MercatoServer, tag: str) -> None:
    people = [("Smith", "red", 1), ("Smithers", "blue", 2), ("Smyth", "red", 3), ("Jones", "green", 4)]
    async with python_client(mercato) as oc:
        for last_name, color, rank in people:
            user_id = f"pyl-{last_name.lower()}-{tag}"
            await oc.admin_users.create(
                user_body(user_id, tag, LastName=last_name, xp={"Tag": tag, "C": color, "R": rank})
            )

        async def names(**options: Any) -> list[str | None]:
            options["filters"] = {"xp.Tag": tag} | options.get("filters", {})
            return [u.last_name for u in (await oc.admin_users.list(**options)).items]

        assert await names(filters={"LastName": "Smi*"}, sort_by="!LastName") == ["Smithers", "Smith"]
        assert await names(filters={"xp.C": "red"}) == ["Smith", "Smyth"]
        assert await names(filters={"xp.C": "!red"}) == ["Jones", "Smithers"]
        assert await names(filters={"LastName": ["!Smith", "!Jones"]}) == ["Smithers", "Smyth"]
        assert await names(filters={"LastName": "Jones|Smyth"}) == ["Jones", "Smyth"]
        assert await names(filters={"xp.R": ">2"}, sort_by="!xp.R") == ["Jones", "Smyth"]
        assert await names(search="smith", search_on="LastName") == ["Smith", "Smithers"]
        assert await names(sort_by="xp.C,!LastName") == ["Smithers", "Jones", "Smyth", "Smith"]
        page = await oc.admin_users.list(filters={"xp.Tag": tag}, sort_by="LastName", page=2, page_size=3)
        everyone = [u.last_name async for u in paginate(oc.admin_users.list, filters={"xp.Tag": tag}, page_size=1)]
    assert [u.last_name for u in page.items] == ["Smyth"]
    assert (page.meta.page, page.meta.page_size, page.meta.total_count, page.meta.total_pages) == (2, 3, 4, 2)
    assert page.meta.item_range == [4, 4]
    assert everyone == ["Jones", "Smith", "Smithers", "Smyth"]


async def test_buyer_user_login_and_impersonation(mercato: MercatoServer, tag: str) -> None:
    """A buyer user signs in through a storefront client; an admin impersonates them the way SDK-WIRE.md shows for
    this client: users.get_access_token, then a before-request hook that swaps the Authorization header."""
    buyer, shopper, profile = f"pybuyer-{tag}", f"pyshopper-{tag}", f"pyshop-{tag}"
    async with python_client(mercato) as admin:
        await admin.buyers.create({"ID": buyer, "Name": buyer, "Active": True})
        await admin.users.create(buyer, user_body(shopper, tag))
        await admin.security_profiles.create({"ID": profile, "Name": profile, "Roles": ["Shopper", "MeAdmin"]})
        await admin.security_profiles.save_assignment({"SecurityProfileID": profile, "BuyerID": buyer})
        storefront = await public_client(admin, tag, AllowSeller=False, AllowAnyBuyer=True)
        await admin.impersonation_configs.create(
            {"BuyerID": buyer, "SecurityProfileID": profile, "ClientID": storefront}
        )
        token = await admin.users.get_access_token(buyer, shopper, {"ClientID": storefront, "Roles": ["Shopper"]})
        assert token.access_token is not None
        impersonating = f"Bearer {token.access_token}"

        async def as_shopper(request: RequestContext) -> None:
            request.headers["Authorization"] = impersonating

        admin.add_before_request(as_shopper)
        impersonated = await admin.me.get()
    async with python_client(mercato, client_id=storefront, client_secret="", scopes=["Shopper"]) as oc:
        await password_login(oc, shopper, PASSWORD)
        me = await oc.me.get()
    assert impersonated.username == shopper
    assert me.username == shopper
    assert me.buyer is not None
    assert me.buyer.id == buyer
