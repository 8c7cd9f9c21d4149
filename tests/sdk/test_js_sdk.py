"""The official JavaScript SDK (ordercloud-javascript-sdk 12.0.0) against a real server: one test per scenario in
js/scenarios/. Each scenario does the SDK calls and returns plain data; the assertions live here."""

from __future__ import annotations

from typing import Any

from tests.sdk.js import JsRunner
from tests.sdk.server import MercatoServer


def code(failure: dict[str, Any]) -> tuple[int, str]:
    """The status and errorCode of an OrderCloudError the scenario caught."""
    return failure["status"], failure["errorCode"]


def test_login_grants_and_me(js: JsRunner, mercato: MercatoServer) -> None:
    r = js("login")
    assert r["publicClient"]["ClientSecret"] is None
    claims = {"usr": mercato.username, "usrtype": "admin", "iss": mercato.base_url, "aud": mercato.base_url}
    me = {"Username": mercato.username, "AvailableRoles": ["FullAccess"], "Seller": {"ID": mercato.marketplace_id}}
    for name, client, role in (
        ("clientCredentials", mercato.client_id, "FullAccess"),
        ("elevated", mercato.client_id, "FullAccess"),
        ("login", r["publicClient"]["ID"], ["AdminUserReader", "MeAdmin"]),
        ("loginNoScope", r["publicClient"]["ID"], "FullAccess"),
    ):
        grant = r[name]
        assert grant["token_type"] == "bearer", name
        assert grant["expires_in"] == grant["lifetime"] == 600 * 60, name
        assert grant["has_refresh_token"], name
        assert grant["claims"] == claims | {"cid": client, "role": role}, name
        assert grant["me"] == me, name
    assert r["limited"]["claims"]["role"] == "MeAdmin"
    assert code(r["withoutSecret"]) == (401, "Auth.OauthError")
    assert r["tokenRequests"] == [200, 200, 200, 200, 200, 401]


def test_refresh_explicit_and_automatic(js: JsRunner, mercato: MercatoServer) -> None:
    r = js("refresh")
    refreshed = r["refreshed"]
    assert refreshed["token_type"] == "bearer"
    assert refreshed["refresh_token_is_the_same"]
    assert refreshed["claims"]["usr"] == mercato.username
    assert refreshed["claims"]["role"] == "MeAdmin"  # the roles of the original grant
    assert refreshed["me"] == mercato.username
    automatic = r["automatic"]
    assert automatic["requests"] == ["POST /oauth/token 200 refresh_token", "GET /v1/me 200"]
    assert automatic["me"] == mercato.username
    assert automatic["storedTokenReplaced"]
    assert automatic["storedTokenExpiresInFuture"]
    # The SDK's RefreshToken sends no client_secret: the refresh token alone is the credential (decision 0007).
    assert r["confidential"] == {"usr": mercato.username}


def test_me_userinfo_and_certs(js: JsRunner, mercato: MercatoServer) -> None:
    r = js("me")
    user = r["me"]["ID"]
    assert r["me"] == {
        "ID": user,
        "Username": user,
        "Active": True,
        "Password": None,
        "Seller": {"ID": mercato.marketplace_id},
    }
    expected = {"FirstName": "Patched", "xp": {"Theme": "dark", "Nested": {"Level": 2}}}
    assert r["patched"] == expected
    assert r["again"] == expected
    info = r["userinfo"]
    assert (info["sub"], info["preferred_username"], info["cid"]) == (user, user, mercato.client_id)
    assert (info["given_name"], info["usrtype"]) == ("Patched", "admin")
    assert r["key"]["kty"] == "RSA"
    assert r["key"]["alg"] == "RS256"
    assert r["key"]["hasModulus"]
    assert r["paths"] == [
        "POST /v1/adminusers",
        "GET /v1/me",
        "PATCH /v1/me",
        "GET /v1/me",
        "GET /oauth/userinfo",  # oauth/ paths go to the API root, without /v1
        f"GET /oauth/certs/{r['key']['kid']}",
    ]


def test_admin_users_crud(js: JsRunner, tag: str) -> None:
    r = js("admin-users", tag=tag)
    user = f"au-{tag}"
    assert r["created"]["ID"] == user
    assert r["created"]["Password"] is None
    assert r["created"]["DateCreated"]
    assert r["got"]["xp"] == {"Team": "core", "Level": 3}
    assert (r["saved"]["FirstName"], r["saved"]["xp"]) == ("Augusta", {"Team": "ops"})
    assert (r["patched"]["Phone"], r["patched"]["xp"]) == ("555-0100", {"Team": "ops", "Level": 4})
    assert r["listed"]["ids"] == [user]
    assert r["listed"]["Meta"]["TotalCount"] == 1
    assert r["loggedIn"]
    assert r["gone"]["status"] == 404
    assert r["gone"]["message"] == f"User {user} not found"
    assert r["paths"] == [
        "POST /v1/adminusers 201",
        f"GET /v1/adminusers/{user} 200",
        f"PUT /v1/adminusers/{user} 200",
        f"PATCH /v1/adminusers/{user} 200",
        f"GET /v1/adminusers?search={tag}&searchOn=LastName 200",
        f"DELETE /v1/adminusers/{user}/tokens 204",
        f"POST /v1/adminusers/{user}/unlock 204",
        f"DELETE /v1/adminusers/{user} 204",
        f"GET /v1/adminusers/{user} 404",
    ]


def test_admin_user_groups_and_assignments(js: JsRunner, tag: str) -> None:
    r = js("admin-user-groups", tag=tag)
    group, users = f"ag-{tag}", [f"agu1-{tag}", f"agu2-{tag}"]
    assert r["created"]["ID"] == group
    assert r["created"]["xp"] == {"Region": "EU"}
    assert (r["saved"]["Description"], r["saved"]["xp"]) == ("put", None)  # PUT replaces: xp not sent is gone
    assert r["patched"] == r["got"] == r["saved"] | {"Description": "patched", "xp": {"Region": "US"}}
    assert r["listed"] == [group]
    assert r["byGroup"] == [{"UserGroupID": group, "UserID": user} for user in users]
    assert r["byUser"] == [{"UserGroupID": group, "UserID": users[1]}]
    assert r["afterDelete"] == [{"UserGroupID": group, "UserID": users[1]}]
    assert r["gone"] == {"status": 404, "errorCode": "NotFound", "message": f"UserGroup {group} not found"}


def test_admin_addresses_crud(js: JsRunner, tag: str) -> None:
    r = js("admin-addresses", tag=tag)
    address = f"addr-{tag}"
    assert r["created"]["ID"] == address
    assert r["created"]["xp"] == {"Tag": tag, "Dock": 4}
    assert r["got"] == r["created"]
    assert r["saved"]["Street2"] == "Suite 200"
    assert r["patched"]["City"] == "St Paul"
    assert r["patched"]["xp"]["Dock"] == 5  # PATCH merges xp
    assert r["listed"] == [address]  # xp.Dock=>2 excludes the other (Dock 1)
    assert r["byCity"] == [f"{address}-b"]
    assert r["gone"] == {"status": 404, "errorCode": "NotFound", "message": f"Address {address} not found"}


def test_security_profiles_and_assignments(js: JsRunner, tag: str) -> None:
    r = js("security-profiles", tag=tag)
    profile, custom, user, group = f"sp-{tag}", f"Scenario{tag}", f"spu-{tag}", f"spg-{tag}"
    assert r["created"]["ID"] == profile
    assert r["created"]["Roles"] == ["AdminUserReader"]
    assert r["saved"]["Roles"] == ["AdminUserReader", "MeAdmin"]
    assert r["patched"]["CustomRoles"] == [custom]
    assert r["got"] == r["patched"]
    assert r["got"]["IsExternalRoleGroup"] is False
    assert r["listed"] == [profile]
    nobody = {"SecurityProfileID": profile, "BuyerID": None, "SupplierID": None, "UserID": None, "UserGroupID": None}
    assert r["assignments"] == [nobody | {"UserID": user}, nobody | {"UserGroupID": group}]
    assert r["userLevel"] == [nobody | {"UserID": user}]
    assert r["tokenRoles"] == ["AdminUserReader", custom]  # scope ∩ available; custom roles via customRoles
    assert {"AdminUserReader", "MeAdmin", custom} <= set(r["availableRoles"])
    assert r["afterDelete"] == []
    assert r["gone"]["status"] == 404
    assert r["gone"]["message"] == f"SecurityProfile {profile} not found"


def test_api_clients_secrets_and_assignments(js: JsRunner, tag: str) -> None:
    r = js("api-clients", tag=tag)
    client = r["created"]["ID"]
    assert len(client) == 22  # generated: POST ignores a body ID
    assert r["created"]["ClientSecret"] is None
    assert r["created"]["xp"] == {"Tag": tag}
    assert (r["saved"]["AppName"], r["saved"]["RefreshTokenDuration"]) == (f"Saved {tag}", 30)
    assert r["patched"]["MaximumGrantedRoles"] == ["MeAdmin", "AdminUserReader"]
    assert r["listed"] == [client]
    assert r["secret"]["hasValue"]
    assert r["secret"] == {"ID": f"sec-{tag}", "Name": "ci", "hasValue": True}
    assert r["secrets"] == [{"ID": f"sec-{tag}", "Name": "ci", "ClientSecret": None}]
    assert r["gotSecret"]["ClientSecret"] is None
    assert r["patchedSecret"]["Name"] == "ci renamed"
    assert r["withSecret"]
    assert r["revoked"]["status"] == 401
    assert sorted(r["assignments"], key=lambda a: a["BuyerID"] or "") == [
        {"ApiClientID": client, "BuyerID": None, "SupplierID": f"supplier-{tag}"},
        {"ApiClientID": client, "BuyerID": f"buyer-{tag}", "SupplierID": None},
    ]
    assert r["counts"] == {"buyers": 1, "suppliers": 1}
    assert r["gone"] == {"status": 404, "errorCode": "NotFound", "message": f"ApiClient {client} not found"}


def test_case_variant_paths(js: JsRunner, tag: str) -> None:
    r = js("case-paths", tag=tag)
    client, buyer, supplier = r["clientID"], f"cb-{tag}", f"cs-{tag}"
    assert r["before"] == 2
    assert r["sent"] == [
        f"DELETE /v1/buyers/{buyer}/ApiClients/Assignments/{client} 204",
        f"DELETE /v1/suppliers/{supplier}/ApiClients/Assignments/{client} 204",
    ]
    assert r["after"] == 0
    assert code(r["again"]) == (404, "NotFound")


def test_list_options(js: JsRunner, tag: str) -> None:
    r = js("lists", tag=tag)
    results = r["results"]
    expected = {
        "wildcardSortedDesc": ["Smithers", "Smith"],
        "xpEquals": ["Smith", "Smyth"],
        "xpNegated": ["Brown", "Jones", "Smithers"],
        "or": ["Brown", "Jones"],
        "orWildcards": ["Brown", "Smyth"],
        "repeatedKeyIsAnd": ["Brown", "Smithers", "Smyth"],
        "greaterThan": ["Brown", "Jones"],
        "nestedXpLessThan": ["Smith", "Smithers"],
        "inclusiveBound": ["Brown", "Jones"],
        "search": ["Smith", "Smithers"],
        "searchXp": ["Jones"],
        "multiSort": ["Smithers", "Brown", "Jones", "Smyth", "Smith"],
        "page2": ["Smith", "Smithers"],
        "lastPage": ["Smyth"],
    }
    assert {name: result["names"] for name, result in results.items()} == expected
    assert results["page2"]["Meta"] == {
        "Page": 2,
        "PageSize": 2,
        "TotalCount": 5,
        "TotalPages": 3,
        "ItemRange": [3, 4],
        "NextPageKey": None,
    }
    assert results["lastPage"]["Meta"]["ItemRange"] == [5, 5]
    assert results["xpEquals"]["Meta"]["PageSize"] == 20
    # What the SDK put on the wire (filters first, encodeURIComponent'ed values, arrays repeated, lists joined).
    queries = r["queryStrings"]
    assert queries[0] == f"xp.Tag={tag}&LastName=Smi*&sortBy=!LastName"
    assert queries[3] == f"xp.Tag={tag}&LastName=Jones%7CBrown"
    assert queries[5] == f"xp.Tag={tag}&LastName=!Smith&LastName=!Jones&sortBy=LastName"
    assert queries[7] == f"xp.Tag={tag}&xp.Dims.Width=%3C25&sortBy=LastName"
    assert queries[11] == f"xp.Tag={tag}&sortBy=xp.Color%2C!LastName"
    assert queries[12] == f"xp.Tag={tag}&sortBy=LastName&page=2&pageSize=2"


def test_error_surfaces(js: JsRunner, tag: str) -> None:
    r = js("errors", tag=tag)
    missing = r["missing"]
    assert code(missing) == (404, "NotFound")
    assert missing["errors"][0]["Data"] == {"ObjectType": "User", "ObjectID": f"missing-{tag}"}
    assert missing["message"] == f"User missing-{tag} not found"  # built by the SDK from Data
    assert code(r["invalid"]) == (400, "ValidationFailure")
    for name in ("badPasswordLogin", "badPasswordElevated", "unknownUser"):
        assert code(r[name]) == (400, "Auth.InvalidUsernameOrPassword"), name
        assert r[name]["name"] == "OrderCloudError"
    assert code(r["badSecret"]) == (401, "Auth.OauthError")
    assert code(r["unknownClient"]) == (401, "ApiClient.InvalidClientID")
    for name in ("insufficientList", "insufficientCreate"):
        assert code(r[name]) == (403, "Auth.InsufficientRoles"), name
    assert r["insufficientList"]["errors"][0]["Data"]["AssignedRoles"] == ["MeAdmin"]
    assert code(r["noToken"]) == (401, "Auth.InvalidToken")


def test_buyer_login_anonymous_and_impersonation(js: JsRunner, mercato: MercatoServer, tag: str) -> None:
    r = js("buyer-shopper", tag=tag)
    buyer, shopper = f"buyer-{tag}", f"shopper-{tag}"
    assert r["login"] == {"Username": shopper, "Buyer": buyer, "role": "Shopper"}
    anonymous = r["anonymous"]
    assert anonymous["Username"].startswith("anon-")  # a temporary copy of the client's default context user
    assert anonymous["Username"] != shopper
    assert (anonymous["Buyer"], anonymous["role"], anonymous["refresh"]) == (buyer, "Shopper", None)
    assert r["customOnly"]["role"] == "Vip"  # the SDK sent scope=undefined%20Vip
    imp = r["impersonation"]
    assert (imp["usr"], imp["role"], imp["hasImp"], imp["refresh"]) == (shopper, "Shopper", True, None)
    assert imp["asShopper"] == {"Username": shopper, "Buyer": buyer}
    assert imp["asAdmin"] == mercato.username
    assert imp["paths"] == [f"GET /v1/me 200 {shopper}", f"GET /v1/me 200 {mercato.username}"]
