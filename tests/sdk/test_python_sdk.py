"""ordercloud-python (2026.10.2) against a real server. It has no anonymous or elevated-login method and no
per-call token (SDK-WIRE.md §1): its flows are client_credentials (the default), the password grant through a
private TokenManager method, and refresh on expiry. See python_sdk.py for what its API looks like."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from ordercloud import AuthenticationError, OrderCloudClient, OrderCloudError, RequestContext, paginate
from ordercloud.models.buyer import BuyerProduct
from ordercloud.models.misc import OrderDirection, PartyType
from ordercloud.models.order import Order
from ordercloud.models.shared import ListPage, MetaWithFacets
from ordercloud.models.user import UserOrderMoveOption

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


async def test_buyer_organisation_admin(mercato: MercatoServer, tag: str) -> None:
    """Buyers, buyer users (list by group, move, unlock), user groups, and the buyer's addresses, cost centers,
    credit cards, spending accounts and approval rules through the client's resource methods."""
    buyer, other, put_buyer = f"pyba-{tag}", f"pyba2-{tag}", f"pyba3-{tag}"
    user, mover, group = f"pybau1-{tag}", f"pybau2-{tag}", f"pybag-{tag}"
    async with python_client(mercato) as oc:
        created = await oc.buyers.create({"ID": buyer, "Name": f"Org {tag}", "Active": True, "xp": {"Tag": tag}})
        await oc.buyers.create({"ID": other, "Name": f"Other {tag}", "Active": True, "xp": {"Tag": tag}})
        got = await oc.buyers.get(buyer)
        patched = await oc.buyers.patch(buyer, {"Name": f"Patched {tag}", "xp": {"Tier": 2}})
        listed = await oc.buyers.list(filters={"xp.Tag": tag}, sort_by="!ID")
        put_created = await oc.buyers.save(put_buyer, {"ID": put_buyer, "Name": f"Put {tag}", "Active": False})
        put_saved = await oc.buyers.save(put_buyer, {"ID": put_buyer, "Name": f"Put {tag}", "Active": True})
        await oc.buyers.delete(put_buyer)
        with pytest.raises(OrderCloudError) as buyer_gone:
            await oc.buyers.get(put_buyer)

        await oc.users.create(buyer, user_body(user, tag, xp={"Desk": 1}))
        await oc.users.create(buyer, user_body(mover, tag))
        made_group = await oc.user_groups.create(buyer, {"ID": group, "Name": f"Group {tag}"})
        saved_group = await oc.user_groups.save(buyer, group, {"ID": group, "Name": f"Saved {tag}"})
        patched_group = await oc.user_groups.patch(buyer, group, {"Description": "patched"})
        groups = await oc.user_groups.list(buyer, search="Saved")
        for member in (user, mover):
            await oc.user_groups.save_user_assignment(buyer, {"UserGroupID": group, "UserID": member})
        in_group = await oc.users.list(buyer, user_group_id=group, sort_by="ID")
        got_user = await oc.users.get(buyer, user)
        patched_user = await oc.users.patch(buyer, user, {"Phone": "555-0142", "xp": {"Floor": 3}})
        await oc.users.unlock_user_account(buyer, user)
        moved = await oc.users.move(buyer, mover, other, orders=UserOrderMoveOption.Unsubmitted)
        with pytest.raises(OrderCloudError) as left_behind:
            await oc.users.get(buyer, mover)
        members = await oc.user_groups.list_user_assignments(buyer, user_group_id=group)

        address = await oc.addresses.create(
            buyer, {"ID": f"pyaddr-{tag}", "Street1": "1 Main St", "City": "Oslo", "Country": "NO"}
        )
        assert address.id is not None
        address_saved = await oc.addresses.save(
            buyer, address.id, address.model_dump(by_alias=True, exclude_none=True) | {"Street2": "Floor 2"}
        )
        address_patched = await oc.addresses.patch(buyer, address.id, {"City": "Bergen"})
        addresses = await oc.addresses.list(buyer, filters={"City": "Berg*"})
        cost_center = await oc.cost_centers.create(buyer, {"ID": f"pycc-{tag}", "Name": "Marketing"})
        cost_center_saved = await oc.cost_centers.save(buyer, f"pycc-{tag}", {"Name": "Marketing", "Description": "d"})
        cost_center_patched = await oc.cost_centers.patch(buyer, f"pycc-{tag}", {"Name": "Sales"})
        cost_centers = await oc.cost_centers.list(buyer, search="Sales")
        card_body = {"ID": f"pycard-{tag}", "Token": f"tok_{tag}", "CardType": "Visa", "PartialAccountNumber": "4242"}
        card = await oc.credit_cards.create(buyer, card_body)
        card_saved = await oc.credit_cards.save(buyer, f"pycard-{tag}", card_body | {"CardholderName": "Py"})
        card_patched = await oc.credit_cards.patch(buyer, f"pycard-{tag}", {"ExpirationDate": "2031-01-31T00:00:00Z"})
        cards = await oc.credit_cards.list(buyer, filters={"CardType": "Visa"})
        account = await oc.spending_accounts.create(buyer, {"ID": f"pysa-{tag}", "Name": "Budget", "Balance": 10.5})
        account_saved = await oc.spending_accounts.save(buyer, f"pysa-{tag}", {"Name": "Budget", "Balance": 20})
        account_patched = await oc.spending_accounts.patch(buyer, f"pysa-{tag}", {"Balance": 12.345})
        accounts = await oc.spending_accounts.list(buyer, filters={"Balance": ">12"})
        rule_body = {"ID": f"pyrule-{tag}", "ApprovingGroupID": group, "RuleExpression": "order.Total > 10"}
        rule = await oc.approval_rules.create(buyer, rule_body)
        rule_saved = await oc.approval_rules.save(buyer, f"pyrule-{tag}", rule_body | {"Name": "Big"})
        rule_patched = await oc.approval_rules.patch(buyer, f"pyrule-{tag}", {"RuleExpression": "order.Total > 99"})
        rules = await oc.approval_rules.list(buyer, filters={"ApprovingGroupID": group})
        await oc.addresses.delete(buyer, f"pyaddr-{tag}")
        await oc.cost_centers.delete(buyer, f"pycc-{tag}")
        await oc.credit_cards.delete(buyer, f"pycard-{tag}")
        await oc.spending_accounts.delete(buyer, f"pysa-{tag}")
        await oc.approval_rules.delete(buyer, f"pyrule-{tag}")
        gone = []
        for get, thing_id in (
            (oc.addresses.get, f"pyaddr-{tag}"),
            (oc.cost_centers.get, f"pycc-{tag}"),
            (oc.credit_cards.get, f"pycard-{tag}"),
            (oc.spending_accounts.get, f"pysa-{tag}"),
            (oc.approval_rules.get, f"pyrule-{tag}"),
        ):
            with pytest.raises(OrderCloudError) as missing:
                await get(buyer, thing_id)
            gone.append((missing.value.status_code, missing.value.errors[0].data))
        await oc.user_groups.delete_user_assignment(buyer, group, user)
        after = await oc.user_groups.list_user_assignments(buyer, user_group_id=group)
        await oc.user_groups.delete(buyer, group)

    assert (created.id, created.active, created.xp) == (buyer, True, {"Tag": tag})
    assert got.name == f"Org {tag}"
    assert (patched.name, patched.xp) == (f"Patched {tag}", {"Tag": tag, "Tier": 2})
    assert [b.id for b in listed.items] == [other, buyer]
    assert (put_created.active, put_saved.active, put_saved.name) == (False, True, f"Put {tag}")
    assert (created.default_catalog_id, put_saved.default_catalog_id) == (buyer, put_buyer)  # kept by the PUT
    assert buyer_gone.value.errors[0].data == {"ObjectType": "Buyer", "ObjectID": put_buyer}
    assert (made_group.name, saved_group.name, patched_group.description) == (f"Group {tag}", f"Saved {tag}", "patched")
    assert [g.id for g in groups.items] == [group]
    assert [u.id for u in in_group.items] == [user, mover]
    assert (got_user.username, got_user.password, got_user.xp) == (user, None, {"Desk": 1})
    assert (patched_user.phone, patched_user.xp) == ("555-0142", {"Desk": 1, "Floor": 3})
    assert (moved.id, moved.company_id) == (mover, other)
    assert left_behind.value.status_code == 404
    assert [(a.user_group_id, a.user_id) for a in members.items] == [(group, user)]  # memberships stay behind
    assert (address_saved.street2, address_patched.city, [a.id for a in addresses.items]) == (
        "Floor 2",
        "Bergen",
        [address.id],
    )
    assert (cost_center.name, cost_center_saved.description, cost_center_patched.name) == ("Marketing", "d", "Sales")
    assert [c.id for c in cost_centers.items] == [f"pycc-{tag}"]
    assert (card.token, card_saved.cardholder_name, card_patched.expiration_date) == (
        f"tok_{tag}",
        "Py",
        "2031-01-31T00:00:00Z",
    )
    assert [c.id for c in cards.items] == [f"pycard-{tag}"]
    assert (account.balance, account_saved.balance, account_patched.balance) == (10.5, 20, 12.35)  # cents, half up
    assert [a.id for a in accounts.items] == [f"pysa-{tag}"]
    assert (rule.approving_group_id, rule_saved.name, rule_patched.rule_expression) == (
        group,
        "Big",
        "order.Total > 99",
    )
    assert [r.id for r in rules.items] == [f"pyrule-{tag}"]
    assert [status for status, _ in gone] == [404] * 5
    assert [data["ObjectType"] for _, data in gone] == [
        "Address",
        "CostCenter",
        "CreditCard",
        "SpendingAccount",
        "ApprovalRule",
    ]
    assert after.items == []


async def test_buyer_user_me_views_and_impersonation(mercato: MercatoServer, tag: str) -> None:
    """What a buyer user sees through /me of what its buyer assigned (at buyer, group and user level), 404 for
    another buyer and 403 for admin operations; then an admin acting as the user (impersonation config limited to
    a group, users.get_access_token, a before-request hook) until users.revoke_user_tokens ends both sessions."""
    buyer, other, shopper, group = f"pybm-{tag}", f"pybm2-{tag}", f"pybms-{tag}", f"pybmg-{tag}"
    both, billing, unassigned = f"pyma1-{tag}", f"pyma2-{tag}", f"pyma3-{tag}"
    street = {"Street1": "1 Main St", "City": "Oslo", "Country": "NO"}
    async with python_client(mercato) as admin:
        for buyer_id in (buyer, other):
            await admin.buyers.create({"ID": buyer_id, "Name": buyer_id, "Active": True})
        await admin.users.create(buyer, user_body(shopper, tag))
        await admin.user_groups.create(buyer, {"ID": group, "Name": group})
        await admin.user_groups.save_user_assignment(buyer, {"UserGroupID": group, "UserID": shopper})
        for address_id, name in ((both, "A"), (billing, "B"), (unassigned, "C")):
            await admin.addresses.create(buyer, {"ID": address_id, "AddressName": name} | street)
        await admin.addresses.save_assignment(buyer, {"AddressID": both, "IsShipping": True})
        await admin.addresses.save_assignment(buyer, {"AddressID": both, "UserGroupID": group, "IsShipping": True})
        await admin.addresses.save_assignment(buyer, {"AddressID": billing, "UserID": shopper, "IsBilling": True})
        group_level = await admin.addresses.list_assignments(buyer, level=PartyType.Group)
        shipping = await admin.addresses.list_assignments(buyer, is_shipping=True)
        await admin.cost_centers.create(buyer, {"ID": f"pymk-{tag}", "Name": "Team"})
        await admin.cost_centers.save_assignment(buyer, {"CostCenterID": f"pymk-{tag}", "UserGroupID": group})
        cost_center_level = await admin.cost_centers.list_assignments(buyer, level="Group")
        await admin.credit_cards.create(buyer, {"ID": f"pymc-{tag}", "Token": f"tok_{tag}", "CardType": "Visa"})
        await admin.credit_cards.save_assignment(buyer, {"CreditCardID": f"pymc-{tag}"})
        card_level = await admin.credit_cards.list_assignments(buyer, level=PartyType.Company)
        await admin.spending_accounts.create(buyer, {"ID": f"pyms1-{tag}", "Name": "Now", "Balance": 5})
        expired = {"StartDate": "2020-01-01T00:00:00Z", "EndDate": "2021-01-01T00:00:00Z"}
        await admin.spending_accounts.create(buyer, {"ID": f"pyms2-{tag}", "Name": "Old", "Balance": 5} | expired)
        for account_id in (f"pyms1-{tag}", f"pyms2-{tag}"):
            assignment = {"SpendingAccountID": account_id, "UserID": shopper, "AllowExceed": True}
            await admin.spending_accounts.save_assignment(buyer, assignment)
        account_level = await admin.spending_accounts.list_assignments(buyer, user_id=shopper)
        me_roles = ["Shopper", "MeAdmin", "MeAddressAdmin", "MeCreditCardAdmin"]
        await admin.security_profiles.create({"ID": f"pymp1-{tag}", "Name": "buyer", "Roles": me_roles})
        await admin.security_profiles.create({"ID": f"pymp2-{tag}", "Name": "group", "Roles": ["AddressReader"]})
        await admin.security_profiles.save_assignment({"SecurityProfileID": f"pymp1-{tag}", "BuyerID": buyer})
        await admin.security_profiles.save_assignment(
            {"SecurityProfileID": f"pymp2-{tag}", "BuyerID": buyer, "UserGroupID": group}
        )
        storefront = await public_client(admin, tag, AllowSeller=False, AllowAnyBuyer=True)

        scopes = [*me_roles, "AddressReader"]
        async with python_client(mercato, client_id=storefront, client_secret="", scopes=scopes) as oc:
            await password_login(oc, shopper, PASSWORD)
            me = await oc.me.get()
            private = await oc.me.create_address({"AddressName": "Z home"} | street)
            addresses = await oc.me.list_addresses()
            cost_centers = await oc.me.list_cost_centers()
            my_card = await oc.me.create_credit_card({"Token": f"tok_me_{tag}", "CardType": "Amex"})
            cards = await oc.me.list_credit_cards(filters={"Editable": True})
            accounts = await oc.me.list_spending_accounts()
            groups = await oc.me.list_user_groups()
            own_buyer = await oc.addresses.list(buyer)
            with pytest.raises(OrderCloudError) as other_buyer:
                await oc.addresses.list(other)
            with pytest.raises(OrderCloudError) as expired_account:
                await oc.me.get_spending_account(f"pyms2-{tag}")
            with pytest.raises(AuthenticationError) as edit_assigned:
                await oc.me.patch_address(both, {"City": "Bergen"})
            with pytest.raises(AuthenticationError) as admin_only:
                await oc.users.list(buyer)

            await admin.impersonation_configs.create(
                {"ID": f"pymi-{tag}", "BuyerID": buyer, "GroupID": group, "SecurityProfileID": f"pymp1-{tag}"}
                | {"ClientID": storefront}
            )
            patched_config = await admin.impersonation_configs.patch(
                f"pymi-{tag}", {"GroupID": None, "UserID": shopper}
            )
            configs = await admin.impersonation_configs.list(filters={"BuyerID": buyer})
            token = await admin.users.get_access_token(buyer, shopper, {"ClientID": storefront, "Roles": ["Shopper"]})
            async with python_client(mercato) as agent:
                agent.add_before_request(bearer(token.access_token))
                as_shopper = await agent.me.list_addresses()
                await admin.users.revoke_user_tokens(buyer, shopper)
                with pytest.raises(AuthenticationError) as impersonation_revoked:
                    await agent.me.get()
            with pytest.raises(AuthenticationError) as login_revoked:
                await oc.me.get()
            await admin.impersonation_configs.delete(f"pymi-{tag}")
            with pytest.raises(OrderCloudError) as config_gone:
                await admin.impersonation_configs.get(f"pymi-{tag}")

    assert [(a.address_id, a.user_group_id, a.is_shipping, a.is_billing) for a in group_level.items] == [
        (both, group, True, False)
    ]
    assert [(a.address_id, a.user_id, a.user_group_id) for a in shipping.items] == [
        (both, None, None),
        (both, None, group),
    ]
    assert [(a.cost_center_id, a.user_group_id) for a in cost_center_level.items] == [(f"pymk-{tag}", group)]
    assert [(a.credit_card_id, a.user_id, a.user_group_id) for a in card_level.items] == [(f"pymc-{tag}", None, None)]
    assert [(a.spending_account_id, a.allow_exceed) for a in account_level.items] == [
        (f"pyms1-{tag}", True),
        (f"pyms2-{tag}", True),
    ]
    assert me.buyer is not None
    assert (me.id, me.buyer.id) == (shopper, buyer)
    assert me.available_roles == sorted(scopes)
    assert (private.editable, private.shipping, private.billing) == (True, True, True)
    assert [(a.id, a.shipping, a.billing, a.editable) for a in addresses.items] == [
        (both, True, False, False),  # assigned at buyer and group level: listed once
        (billing, False, True, False),
        (private.id, True, True, True),
    ]
    assert [c.id for c in cost_centers.items] == [f"pymk-{tag}"]
    assert (my_card.editable, [c.id for c in cards.items]) == (True, [my_card.id])
    assert [a.id for a in accounts.items] == [f"pyms1-{tag}"]  # the expired one is not listed
    assert [g.id for g in groups.items] == [group]
    assert sorted(a.id or "" for a in own_buyer.items) == [both, billing, unassigned]
    assert other_buyer.value.status_code == 404
    assert other_buyer.value.errors[0].data == {"ObjectType": "Buyer", "ObjectID": other}
    assert expired_account.value.status_code == 404
    assert (edit_assigned.value.status_code, edit_assigned.value.errors[0].error_code) == (
        403,
        "Address.CannotEditPublic",
    )
    assert (admin_only.value.status_code, admin_only.value.errors[0].error_code) == (403, "Auth.InsufficientRoles")
    assert (patched_config.group_id, patched_config.user_id) == (None, shopper)
    assert [c.id for c in configs.items] == [f"pymi-{tag}"]
    assert [a.id for a in as_shopper.items] == [a.id for a in addresses.items]
    assert impersonation_revoked.value.status_code == login_revoked.value.status_code == 401
    assert impersonation_revoked.value.errors[0].error_code == "Auth.TokenRevoked"
    assert config_gone.value.status_code == 404


def bearer(token: str | None) -> Callable[[RequestContext], Awaitable[None]]:
    """A before-request hook that sends ``token`` instead of the client's own (how this client impersonates)."""
    assert token is not None

    async def hook(request: RequestContext) -> None:
        request.headers["Authorization"] = f"Bearer {token}"

    return hook


async def test_catalog_admin_setup(mercato: MercatoServer, tag: str) -> None:
    """The marketplace owner's catalog set-up through the client's resource methods: a price schedule (a second
    break through save_price_break), products, a catalog with a root and a child category assigned to a buyer
    (ViewAllProducts false, ViewAllCategories true), catalog and category product assignments, a variant spec with
    two options and generated variants; then the counts, the variants, and product and category lists."""
    schedule, lamp, chair, catalog = f"pycps-{tag}", f"pycp1-{tag}", f"pycp2-{tag}", f"pycc-{tag}"
    root, child, buyer, spec = f"pyck1-{tag}", f"pyck2-{tag}", f"pycb-{tag}", f"pycs-{tag}"
    async with python_client(mercato) as oc:
        first_break = {"Quantity": 1, "Price": 10}
        made_schedule = await oc.price_schedules.create({"ID": schedule, "Name": tag, "PriceBreaks": [first_break]})
        with_break = await oc.price_schedules.save_price_break(schedule, {"Quantity": 10, "Price": 8})
        lamp_body = {"ID": lamp, "Name": f"Desk lamp {tag}", "Active": True, "DefaultPriceScheduleID": schedule}
        made = await oc.products.create(lamp_body | {"xp": {"Tag": tag, "Color": "Red"}})
        await oc.products.create(
            {"ID": chair, "Name": f"Chair {tag}", "Active": True, "xp": {"Tag": tag, "Color": "Blue"}}
        )
        made_catalog = await oc.catalogs.create({"ID": catalog, "Name": f"Catalog {tag}", "Active": True})
        await oc.categories.create(catalog, {"ID": root, "Name": f"Lighting {tag}", "Active": True})
        made_child = await oc.categories.create(catalog, {"ID": child, "Name": tag, "Active": True, "ParentID": root})
        await oc.buyers.create({"ID": buyer, "Name": buyer, "Active": True})
        await oc.catalogs.save_assignment(
            {"CatalogID": catalog, "BuyerID": buyer, "ViewAllProducts": False, "ViewAllCategories": True}
        )
        for product in (lamp, chair):
            await oc.catalogs.save_product_assignment({"CatalogID": catalog, "ProductID": product})
        await oc.categories.save_product_assignment(catalog, {"CategoryID": child, "ProductID": lamp})
        made_spec = await oc.specs.create({"ID": spec, "Name": "Size", "DefinesVariant": True, "Required": True})
        small = await oc.specs.create_option(spec, {"ID": "S", "Value": "Small", "ListOrder": 1})
        large = await oc.specs.create_option(
            spec,
            {"ID": "L", "Value": "Large", "ListOrder": 2, "PriceMarkupType": "AmountPerQuantity", "PriceMarkup": 2.5},
        )
        await oc.specs.save_product_assignment({"SpecID": spec, "ProductID": lamp})
        generated = await oc.products.generate_variants(lamp, {})
        got = await oc.products.get(lamp)
        got_spec = await oc.specs.get(spec)
        product_specs = await oc.products.list_specs(lamp)
        variants = await oc.products.list_variants(lamp, sort_by="ID")
        variant = await oc.products.get_variant(lamp, f"{lamp}-L")
        red = await oc.products.list(filters={"xp.Tag": tag, "xp.Color": "Red"})
        not_red = await oc.products.list(filters={"xp.Tag": tag, "xp.Color": "!Red"})
        searched = await oc.products.list(search="lamp", filters={"xp.Tag": tag})
        in_catalog = await oc.products.list(catalog_id=catalog, sort_by="ID")
        in_category = await oc.products.list(catalog_id=catalog, category_id=child)
        top_level = await oc.categories.list(catalog)
        all_levels = await oc.categories.list(catalog, depth="all", sort_by="ID")
        got_catalog = await oc.catalogs.get(catalog)
        got_root = await oc.categories.get(catalog, root)
        catalog_assignments = await oc.catalogs.list_assignments(catalog_id=catalog)
        category_products = await oc.categories.list_product_assignments(catalog, category_id=child)

    assert [(b.quantity, b.price) for b in made_schedule.price_breaks or []] == [(1, 10)]
    assert (with_break.id, [(b.quantity, b.price) for b in with_break.price_breaks or []]) == (
        schedule,
        [(1, 10), (10, 8)],
    )
    assert (made.default_price_schedule_id, made.xp, made.spec_count, made.variant_count) == (
        schedule,
        {"Tag": tag, "Color": "Red"},
        0,
        0,
    )
    assert (generated.spec_count, generated.variant_count) == (got.spec_count, got.variant_count) == (1, 2)
    assert (made_catalog.active, got_catalog.category_count) == (True, 2)
    assert (made_child.parent_id, got_root.parent_id, got_root.child_count) == (root, None, 1)
    assert (made_spec.defines_variant, made_spec.required) == (True, True)
    assert (small.price_markup_type, large.price_markup_type, large.price_markup) == (None, "AmountPerQuantity", 2.5)
    assert got_spec.option_count == 2
    assert [(o.id, o.value) for o in got_spec.options or []] == [("S", "Small"), ("L", "Large")]
    assert [s.id for s in product_specs.items] == [spec]
    assert [(v.id, v.active) for v in variants.items] == [(f"{lamp}-L", True), (f"{lamp}-S", True)]
    assert [
        (s.spec_id, s.name, s.option_id, s.value, s.price_markup_type, s.price_markup) for s in variant.specs or []
    ] == [(spec, "Size", "L", "Large", "AmountPerQuantity", 2.5)]
    assert [p.id for p in red.items] == [lamp]
    assert [p.id for p in not_red.items] == [chair]
    assert [p.id for p in searched.items] == [lamp]
    assert [p.id for p in in_catalog.items] == [lamp, chair]
    assert [p.id for p in in_category.items] == [lamp]
    assert [c.id for c in top_level.items] == [root]  # depth defaults to 1
    assert [c.id for c in all_levels.items] == [root, child]
    assert [
        (a.catalog_id, a.buyer_id, a.view_all_categories, a.view_all_products) for a in catalog_assignments.items
    ] == [(catalog, buyer, True, False)]
    assert [(a.category_id, a.product_id) for a in category_products.items] == [(child, lamp)]


def price_of(product: BuyerProduct[Any]) -> tuple[str | None, list[tuple[int | None, float | None]]]:
    """The ID and the breaks of the price schedule embedded in a BuyerProduct."""
    schedule = product.price_schedule
    assert schedule is not None, product.id
    return schedule.id, [(b.quantity, b.price) for b in schedule.price_breaks or []]


def color_facet(page: ListPage[BuyerProduct[Any]], name: str) -> list[tuple[str, int]]:
    meta = page.meta
    assert isinstance(meta, MetaWithFacets)
    (facet,) = [f for f in meta.facets if f.name == name]
    assert facet.xp_path == "Color"
    return [(v.value, v.count) for v in facet.values]


async def test_me_products_buyer_view(mercato: MercatoServer, tag: str) -> None:
    """What a buyer user sees of the catalog (SEMANTICS.md §3.1-3.3): through a category assigned with
    ViewAllProducts (and its child category, which inherits it), a buyer-level ProductAssignment, the buyer's
    default catalog; priced by the product's default schedule or a group-level assignment's; never a product that
    is only in a catalog of the buyer. Me product lists by catalog, category and depth, xp filter and search, with
    Meta.Facets; specs and variants; catalogs and categories."""
    buyer, catalog, root, child = f"pymb-{tag}", f"pymc-{tag}", f"pymk1-{tag}", f"pymk2-{tag}"
    shopper, group, profile = f"pyms-{tag}", f"pymg-{tag}", f"pympr-{tag}"
    list_price, group_price, spec, facet = f"pymps1-{tag}", f"pymps2-{tag}", f"pymsp-{tag}", f"pymf-{tag}"
    lamp, chair, hidden, sofa, rug = (f"pymp{n}-{tag}" for n in range(1, 6))
    async with python_client(mercato) as admin:
        made_buyer = await admin.buyers.create({"ID": buyer, "Name": buyer, "Active": True})
        await admin.users.create(buyer, user_body(shopper, tag))
        await admin.user_groups.create(buyer, {"ID": group, "Name": group})
        await admin.user_groups.save_user_assignment(buyer, {"UserGroupID": group, "UserID": shopper})
        await admin.security_profiles.create({"ID": profile, "Name": profile, "Roles": ["Shopper", "MeAdmin"]})
        await admin.security_profiles.save_assignment({"SecurityProfileID": profile, "BuyerID": buyer})
        breaks = [{"Quantity": 1, "Price": 10}, {"Quantity": 10, "Price": 8}]
        await admin.price_schedules.create({"ID": list_price, "Name": "List", "PriceBreaks": breaks})
        await admin.price_schedules.create(
            {"ID": group_price, "Name": "Members", "PriceBreaks": [{"Quantity": 1, "Price": 7}]}
        )
        for product, name, color in (
            (lamp, "Red lamp", "Red"),
            (chair, "Blue chair", "Blue"),
            (hidden, "Hidden lamp", "Red"),
            (sofa, "Red sofa", "Red"),
            (rug, "Green rug", "Green"),
        ):
            await admin.products.create(
                {"ID": product, "Name": f"{name} {tag}", "Active": True, "DefaultPriceScheduleID": list_price}
                | {"xp": {"Tag": tag, "Color": color}}
            )
        await admin.catalogs.create({"ID": catalog, "Name": f"Range {tag}", "Active": True})
        await admin.catalogs.save_assignment(
            {"CatalogID": catalog, "BuyerID": buyer, "ViewAllProducts": False, "ViewAllCategories": True}
        )
        await admin.categories.create(catalog, {"ID": root, "Name": f"Living {tag}", "Active": True})
        await admin.categories.create(catalog, {"ID": child, "Name": f"Sofas {tag}", "Active": True, "ParentID": root})
        await admin.categories.save_assignment(catalog, {"CategoryID": root, "BuyerID": buyer, "ViewAllProducts": True})
        for product in (lamp, chair, hidden, sofa):
            await admin.catalogs.save_product_assignment({"CatalogID": catalog, "ProductID": product})
        await admin.catalogs.save_product_assignment({"CatalogID": made_buyer.default_catalog_id, "ProductID": rug})
        await admin.categories.save_product_assignment(catalog, {"CategoryID": root, "ProductID": lamp})
        await admin.categories.save_product_assignment(catalog, {"CategoryID": child, "ProductID": sofa})
        await admin.products.save_assignment({"ProductID": chair, "BuyerID": buyer})
        await admin.products.save_assignment(
            {"ProductID": lamp, "BuyerID": buyer, "UserGroupID": group, "PriceScheduleID": group_price}
        )
        await admin.specs.create({"ID": spec, "Name": "Shade", "DefinesVariant": True, "Required": True})
        await admin.specs.create_option(spec, {"ID": "Warm", "Value": "Warm white", "ListOrder": 1})
        await admin.specs.create_option(
            spec,
            {"ID": "Cool", "Value": "Cool white", "ListOrder": 2, "PriceMarkupType": "AmountPerQuantity"}
            | {"PriceMarkup": 1.5},
        )
        await admin.specs.save_product_assignment({"SpecID": spec, "ProductID": lamp})
        await admin.products.generate_variants(lamp, {})
        storefront = await public_client(admin, tag, AllowSeller=False, AllowAnyBuyer=True)

        # ProductFacet.XpPath is unique in the marketplace: the facet on xp.Color lives only as long as this test.
        await admin.product_facets.create({"ID": facet, "Name": f"Color {tag}", "XpPath": "Color"})
        try:
            async with python_client(
                mercato, client_id=storefront, client_secret="", scopes=["Shopper", "MeAdmin"]
            ) as oc:
                await password_login(oc, shopper, PASSWORD)
                everything = await oc.me.list_products()
                got_lamp = await oc.me.get_product(lamp)
                got_chair = await oc.me.get_product(chair)
                in_catalog = await oc.me.list_products(catalog_id=catalog)
                in_default_catalog = await oc.me.list_products(catalog_id=buyer)
                in_root = await oc.me.list_products(catalog_id=catalog, category_id=root)
                in_root_only = await oc.me.list_products(catalog_id=catalog, category_id=root, depth="1")
                in_child = await oc.me.list_products(catalog_id=catalog, category_id=child)
                red = await oc.me.list_products(filters={"xp.Color": "Red"})
                searched = await oc.me.list_products(search="lamp")
                searched_red = await oc.me.list_products(search="red", filters={"xp.Color": "Red"}, sort_by="!ID")
                specs = await oc.me.list_specs(lamp)
                got_spec = await oc.me.get_spec(lamp, spec)
                variants = await oc.me.list_variants(lamp, sort_by="ID")
                variant = await oc.me.get_variant(lamp, f"{lamp}-Cool")
                catalogs = await oc.me.list_catalogs(sort_by="ID")
                default_categories = await oc.me.list_categories()
                top_level = await oc.me.list_categories(catalog_id=catalog)
                all_levels = await oc.me.list_categories(catalog_id=catalog, depth="all")
                of_sofa = await oc.me.list_categories(catalog_id=catalog, depth="all", product_id=sofa)
                with pytest.raises(OrderCloudError) as not_visible:
                    await oc.me.get_product(hidden)
                with pytest.raises(OrderCloudError) as no_variants:
                    await oc.me.list_variants(hidden)
        finally:
            await admin.product_facets.delete(facet)

    def ids(page: ListPage[Any]) -> list[str | None]:
        return [item.id for item in page.items]

    assert made_buyer.default_catalog_id == buyer
    listed, members = (list_price, [(1, 10), (10, 8)]), (group_price, [(1, 7)])
    assert [(p.id, price_of(p)) for p in everything.items] == [  # by Name; never `hidden`: only in a catalog
        (chair, listed),  # buyer-level assignment without a schedule: the product's default
        (rug, listed),  # the buyer's default catalog shows all of its products
        (lamp, members),  # the group-level assignment's schedule beats the product's default
        (sofa, listed),  # child category: ViewAllProducts inherited from the root's assignment
    ]
    assert everything.meta.total_count == 4
    assert color_facet(everything, f"Color {tag}") == [("Red", 2), ("Blue", 1), ("Green", 1)]
    assert color_facet(red, f"Color {tag}") == [("Red", 2)]  # counted after the filter
    assert (price_of(got_lamp), price_of(got_chair)) == (members, listed)
    assert (got_lamp.xp, got_lamp.spec_count, got_lamp.variant_count) == ({"Tag": tag, "Color": "Red"}, 1, 2)
    assert ids(in_catalog) == [chair, lamp, sofa]
    assert ids(in_default_catalog) == [rug]
    assert ids(in_root) == [lamp, sofa]  # depth defaults to all
    assert ids(in_root_only) == [lamp]
    assert ids(in_child) == [sofa]
    assert ids(red) == [lamp, sofa]
    assert ids(searched) == [lamp]
    assert ids(searched_red) == [sofa, lamp]
    assert [(s.id, [(o.id, o.price_markup_type, o.price_markup) for o in s.options or []]) for s in specs.items] == [
        (spec, [("Warm", None, None), ("Cool", "AmountPerQuantity", 1.5)])
    ]
    assert (got_spec.id, got_spec.name, got_spec.defines_variant, got_spec.option_count) == (spec, "Shade", True, 2)
    assert ids(variants) == [f"{lamp}-Cool", f"{lamp}-Warm"]
    assert [(s.spec_id, s.option_id, s.value, s.price_markup) for s in variant.specs or []] == [
        (spec, "Cool", "Cool white", 1.5)
    ]
    assert ids(catalogs) == [buyer, catalog]
    assert ids(default_categories) == []  # catalogID defaults to the buyer's default catalog: no categories
    assert ids(top_level) == [root]  # depth defaults to 1
    assert [c.child_count for c in top_level.items] == [1]
    assert ids(all_levels) == [root, child]
    assert ids(of_sofa) == [child]
    for refused in (not_visible.value, no_variants.value):
        assert (refused.status_code, refused.errors[0].error_code) == (404, "NotFound")
        assert refused.errors[0].data == {"ObjectType": "Product", "ObjectID": hidden}


def order_state(order: Order[Any]) -> tuple[Any, ...]:
    """Status, IsSubmitted, whether submitted and approved (dates set), LineItemCount and Total of an order."""
    submitted, approved = order.date_submitted is not None, order.date_approved is not None
    return (order.status, order.is_submitted, submitted, approved, order.line_item_count, order.total)


async def test_order_with_an_approval(mercato: MercatoServer, tag: str) -> None:
    """An order that needs an approval, end to end: the admin sets up a buyer (its default catalog), two priced
    products in it, a shopper and an approver, a group with the approver and a rule ``order.Total > 100`` on it;
    the shopper (password grant) creates an order with an ID and xp, adds line items, lists them, validates and
    submits it (AwaitingApproval) and cannot approve it; the approver sees it as approvable and approves it (Open);
    the shopper's me.list_orders shows it, orders.list_approvals the approval; the admin reads it as Incoming."""
    buyer, shopper, approver, group = f"pyob-{tag}", f"pyobs-{tag}", f"pyoba-{tag}", f"pyobg-{tag}"
    rule, profile, lamp, chair, order_id = f"pyobr-{tag}", f"pyobp-{tag}", f"pyop1-{tag}", f"pyop2-{tag}", f"pyo-{tag}"
    outgoing = OrderDirection.Outgoing
    async with python_client(mercato) as admin:
        await admin.buyers.create({"ID": buyer, "Name": buyer, "Active": True})
        await admin.security_profiles.create({"ID": profile, "Name": profile, "Roles": ["Shopper", "MeAdmin"]})
        await admin.security_profiles.save_assignment({"SecurityProfileID": profile, "BuyerID": buyer})
        for user_id in (shopper, approver):
            await admin.users.create(buyer, user_body(user_id, tag))
        await admin.user_groups.create(buyer, {"ID": group, "Name": group})
        await admin.user_groups.save_user_assignment(buyer, {"UserGroupID": group, "UserID": approver})
        await admin.approval_rules.create(
            buyer, {"ID": rule, "ApprovingGroupID": group, "RuleExpression": "order.Total > 100"}
        )
        for product, price in ((lamp, 40), (chair, 25)):
            breaks = [{"Quantity": 1, "Price": price}]
            await admin.price_schedules.create({"ID": f"ps-{product}", "Name": product, "PriceBreaks": breaks})
            await admin.products.create(
                {"ID": product, "Name": product, "Active": True, "DefaultPriceScheduleID": f"ps-{product}"}
            )
            await admin.catalogs.save_product_assignment({"CatalogID": buyer, "ProductID": product})
        storefront = await public_client(admin, tag, AllowSeller=False, AllowAnyBuyer=True)

        def buyer_client() -> OrderCloudClient:
            return python_client(mercato, client_id=storefront, client_secret="", scopes=["Shopper", "MeAdmin"])

        async with buyer_client() as oc, buyer_client() as boss:
            await password_login(oc, shopper, PASSWORD)
            await password_login(boss, approver, PASSWORD)
            created = await oc.orders.create(outgoing, {"ID": order_id, "Comments": "py", "xp": {"Tag": tag}})
            lamp_line = await oc.line_items.create(outgoing, order_id, {"ProductID": lamp, "Quantity": 3})
            chair_line = await oc.line_items.create(
                outgoing, order_id, {"ID": "chair-line", "ProductID": chair, "Quantity": 2}
            )
            lines = await oc.line_items.list(outgoing, order_id, sort_by="ProductID")
            await oc.orders.validate(outgoing, order_id)
            submitted = await oc.orders.submit(outgoing, order_id)
            pending = await oc.orders.list_approvals(outgoing, order_id)
            with pytest.raises(AuthenticationError) as own_approval:
                await oc.orders.approve(outgoing, order_id, {"Comments": "mine"})
            approvable = await boss.me.list_approvable_orders()
            approved = await boss.orders.approve(outgoing, order_id, {"Comments": "fine", "AllowResubmit": False})
            approvable_after = await boss.me.list_approvable_orders()
            mine = await oc.me.list_orders(filters={"xp.Tag": tag})
            approvals = await oc.orders.list_approvals(outgoing, order_id)
        incoming = await admin.orders.get(OrderDirection.Incoming, order_id)

    assert (created.id, created.comments, created.xp) == (order_id, "py", {"Tag": tag})
    assert created.from_user is not None
    assert (created.from_user.id, created.from_company_id) == (shopper, buyer)
    assert order_state(created) == ("Unsubmitted", False, False, False, 0, 0)
    assert lamp_line.id is not None
    assert len(lamp_line.id) == 22  # generated when not sent
    assert [(li.id, li.product_id, li.quantity, li.unit_price, li.line_total) for li in lines.items] == [
        (lamp_line.id, lamp, 3, 40, 120),
        (chair_line.id, chair, 2, 25, 50),
    ]
    assert chair_line.id == "chair-line"
    assert order_state(submitted) == ("AwaitingApproval", False, True, False, 2, 170)
    assert [(a.approval_rule_id, a.approving_group_id, a.status, a.approver) for a in pending.items] == [
        (rule, group, "Pending", None)
    ]
    assert (own_approval.value.status_code, own_approval.value.errors[0].error_code) == (
        403,
        "Order.NotEligibleToApprove",
    )
    assert [o.id for o in approvable.items] == [order_id]
    assert order_state(approved) == ("Open", True, True, True, 2, 170)
    assert approvable_after.items == []
    assert [(o.id, *order_state(o)) for o in mine.items] == [(order_id, "Open", True, True, True, 2, 170)]
    assert [
        (a.approval_rule_id, a.status, a.approver.id if a.approver else None, a.comments, a.date_completed is not None)
        for a in approvals.items
    ] == [(rule, "Approved", approver, "fine", True)]
    assert (incoming.id, incoming.from_company_id, *order_state(incoming)) == (
        order_id,
        buyer,
        "Open",
        True,
        True,
        True,
        2,
        170,
    )
