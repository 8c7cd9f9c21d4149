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


def test_buyer_organisation_admin(js: JsRunner, tag: str) -> None:
    r = js("buyer-admin", tag=tag)
    buyer, other, put_buyer = f"ba-{tag}", f"ba2-{tag}", f"ba3-{tag}"
    user, mover, group = f"bau1-{tag}", f"bau2-{tag}", f"bag-{tag}"
    buyers = r["buyers"]
    made = {
        "ID": buyer,
        "Name": f"Org {tag}",
        "Active": True,
        "DefaultCatalogID": buyer,
        "xp": {"Tag": tag, "Tier": "gold"},
    }
    assert buyers["created"] == buyers["got"] == made  # a default catalog with the buyer's ID
    assert buyers["patched"]["Name"] == f"Org {tag} patched"
    assert buyers["patched"]["xp"] == {"Tag": tag, "Tier": "gold", "Region": "EU"}  # PATCH merges xp
    assert buyers["listed"] == [other, buyer]  # sortBy=!ID
    put_made = {"ID": put_buyer, "Name": f"Put {tag}", "Active": False, "DefaultCatalogID": put_buyer, "xp": None}
    assert buyers["putCreated"] == put_made
    # A PUT without DefaultCatalogID keeps the catalog made for the buyer (it was a 409 DefaultCatalogAlreadyExists)
    assert buyers["putSaved"] == put_made | {"Name": f"Put again {tag}", "Active": True}
    assert buyers["gone"] == f"404 NotFound Buyer {put_buyer} not found"

    users = r["users"]
    assert users["created"] == {"ID": user, "Password": None, "xp": {"Desk": 1}}
    assert users["got"] == {"ID": user, "Username": user, "Email": f"{user}@example.com"}
    assert users["patched"] == {"Phone": "555-0199", "xp": {"Desk": 1, "Floor": 3}}
    assert users["inGroup"] == [user, mover]  # Users.List(buyerID, {userGroupID})
    assert users["moved"] == users["movedGot"] == {"ID": mover, "CompanyID": other}
    assert users["leftBehind"] == f"404 NotFound User {mover} not found"
    assert (users["afterMove"], users["otherBuyer"]) == ([user], [mover])

    groups = r["groups"]
    assert groups["created"] == {"ID": group, "Name": f"Group {tag}", "Description": None, "xp": {"Region": "EU"}}
    assert groups["saved"] == {"ID": group, "Name": f"Saved {tag}", "Description": "put", "xp": None}
    assert groups["patched"] == groups["got"] == groups["saved"] | {"Description": "patched", "xp": {"Level": 2}}
    assert groups["listed"] == [group]
    assert groups["members"] == [{"UserGroupID": group, "UserID": u} for u in (user, mover)]
    assert groups["membersAfterMove"] == [{"UserGroupID": group, "UserID": user}]  # memberships stay behind
    assert groups["membersAfterDelete"] == []
    assert groups["gone"] == f"404 NotFound UserGroup {group} not found"

    expected: dict[str, tuple[str, str, dict[str, Any], dict[str, Any]]] = {
        "address": (f"baa-{tag}", "Address", {"Street2": "Door 4"}, {"City": "St Paul", "xp": {"Dock": 4}}),
        "costCenter": (
            f"bac-{tag}",
            "CostCenter",
            {"Name": "Marketing EU", "Description": "put"},
            {"Description": "patched"},
        ),
        "creditCard": (f"bacc-{tag}", "CreditCard", {"CardholderName": "Bo Saved"}, {"PartialAccountNumber": "1881"}),
        "spendingAccount": (f"bas-{tag}", "SpendingAccount", {"Balance": 250}, {"Balance": 100}),  # 99.999: cents
        "approvalRule": (
            f"bar-{tag}",
            "ApprovalRule",
            {"Description": "put"},
            {"RuleExpression": "order.Total > 5000"},
        ),
    }
    for name, (thing_id, kind, after_put, after_patch) in expected.items():
        thing = r[name]
        assert thing["created"]["ID"] == thing_id, name
        assert thing["got"] == thing["created"], name
        assert thing["saved"] == thing["created"] | after_put, name
        assert after_patch.items() <= thing["patched"].items(), name
        assert thing["listed"] == [thing_id], name
        assert thing["gone"] == f"404 NotFound {kind} {thing_id} not found", name
    assert r["creditCard"]["created"]["ExpirationDate"] == "2031-01-31T00:00:00Z"
    assert r["spendingAccount"]["patched"]["EndDate"] == "2099-12-31T00:00:00Z"
    assert r["approvalRule"]["created"]["ApprovingGroupID"] == group
    assert r["paths"] == [
        f"PUT /v1/buyers/{put_buyer} 200",  # PUT creates, with 200 (decision 0004)
        f"PUT /v1/buyers/{put_buyer} 200",
        f"POST /v1/buyers/{buyer}/users/{user}/unlock 204",
        f"POST /v1/buyers/{buyer}/users/{mover}/moveto/{other}?orders=None 201",
    ]


def test_buyer_user_me_views_and_impersonation(js: JsRunner, tag: str) -> None:
    r = js("buyer-me", tag=tag)
    buyer, shopper, colleague, group = f"bm-{tag}", f"bms-{tag}", f"bmc-{tag}", f"bmg-{tag}"
    both, billing, colleagues = f"bma1-{tag}", f"bma2-{tag}", f"bma3-{tag}"
    nobody = {"UserID": None, "UserGroupID": None}

    assigned = r["assignments"]
    addresses = assigned["addresses"]
    assert addresses["Company"] == [{"AddressID": both, **nobody, "IsShipping": True, "IsBilling": False}]
    assert addresses["Group"] == [
        {"AddressID": both, **nobody, "UserGroupID": group, "IsShipping": False, "IsBilling": True}
    ]
    shopper_billing = {"AddressID": billing, **nobody, "UserID": shopper, "IsShipping": False, "IsBilling": True}
    assert addresses["User"] == [  # level=User&isBilling=true
        shopper_billing,
        {"AddressID": colleagues, **nobody, "UserID": colleague, "IsShipping": True, "IsBilling": True},
    ]
    assert addresses["shopper"] == [shopper_billing]  # literal: not what reaches the user through group or buyer
    assert assigned["costCenters"] == {
        "Group": [{"CostCenterID": f"bmk2-{tag}", "UserGroupID": group}],
        "Company": [{"CostCenterID": f"bmk1-{tag}", "UserGroupID": None}],
    }
    assert assigned["creditCards"] == [{"CreditCardID": f"bmcc2-{tag}", **nobody, "UserID": colleague}]
    spending = assigned["spendingAccounts"]
    assert spending["own"] == [{"SpendingAccountID": f"bmsa1-{tag}", **nobody, "UserID": shopper, "AllowExceed": True}]
    assert spending["Company"] == [{"SpendingAccountID": f"bmsa3-{tag}", **nobody, "AllowExceed": False}]
    profile = {"BuyerID": buyer, "SupplierID": None, **nobody}
    assert assigned["securityProfiles"] == [
        profile | {"SecurityProfileID": f"bmp1-{tag}"},
        profile | {"SecurityProfileID": f"bmp2-{tag}", "UserGroupID": group},
    ]

    assert r["wrongPassword"] == "400 Auth.InvalidUsernameOrPassword"
    assert r["locked"] == "400 Auth.LockedOut"  # AllowedFailedAttempts 1, until UnlockUserAccount
    roles = ["AddressReader", "CostCenterReader", "MeAddressAdmin", "MeAdmin", "MeCreditCardAdmin", "Shopper"]
    assert r["loginRoles"] == roles  # buyer-level and group-level profiles; BuyerReader asked for, not granted
    assert r["me"]["ID"] == shopper
    assert r["me"]["Buyer"] == {"ID": buyer, "DefaultCatalogID": buyer}
    assert r["me"]["AvailableRoles"] == roles

    def address(address_id: str, shipping: bool, billing: bool, editable: bool = False) -> dict[str, Any]:
        return {"ID": address_id, "Shipping": shipping, "Billing": billing, "Editable": editable}

    assigned_addresses = [address(both, True, True), address(billing, False, True)]  # `both` once, flags OR'ed
    assert r["addressesBefore"] == assigned_addresses
    private = r["privateAddress"]
    assert len(private["ID"]) == 22  # generated: BuyerAddress.ID is read-only
    assert private == address(private["ID"], True, True, editable=True) | {"City": "Duluth"}
    assert r["addresses"] == [*assigned_addresses, address(private["ID"], True, True, editable=True)]
    assert r["shippingOnly"] == [both, private["ID"]]
    assert r["costCenters"] == [f"bmk1-{tag}", f"bmk2-{tag}"]
    card = r["privateCard"]
    assert (card["Editable"], card["CardType"]) == (True, "Mastercard")
    assert sorted(r["cards"], key=lambda c: c["Editable"]) == [
        {"ID": f"bmcc1-{tag}", "Editable": False},
        {"ID": card["ID"], "Editable": True},
    ]
    assert r["spendingAccounts"] == [  # the expired one is not listed
        {"ID": f"bmsa1-{tag}", "Balance": 50},
        {"ID": f"bmsa2-{tag}", "Balance": 20.25},
    ]
    assert r["userGroups"] == [group]
    assert sorted(r["ownBuyerAddresses"]) == [both, billing, colleagues, f"bma4-{tag}"]  # never the private one
    assert r["denied"] == {
        "otherBuyerAddresses": "404 NotFound",
        "otherBuyerCostCenter": "404 NotFound",
        "otherBuyerAddress": "404 NotFound",
        "colleagueAddress": "404 NotFound",
        "expiredAccount": "404 NotFound",
        "editAssignedAddress": "403 Address.CannotEditPublic",
        "deleteAssignedCard": "403 CreditCard.CannotEditPublic",
        "listBuyers": "403 Auth.InsufficientRoles",
        "listUsers": "403 Auth.InsufficientRoles",
        "listCards": "403 Auth.InsufficientRoles",
        "createBuyer": "403 Auth.UserNotAuthorizedToAdmin",
        "impersonationConfigs": "403 Auth.UserNotAuthorizedToAdmin",
    }

    imp = r["impersonation"]
    config = {"ID": f"bmi-{tag}", "BuyerID": buyer, "GroupID": group, "UserID": None}
    assert imp["configCreated"] == config | {"SecurityProfileID": f"bmp1-{tag}", "ClientID": imp["storefront"]}
    assert imp["configPatched"] == imp["configGot"] == imp["configCreated"] | {"SecurityProfileID": f"bmp3-{tag}"}
    assert imp["configsListed"] == [f"bmi-{tag}"]
    assert (imp["usr"], imp["hasImp"]) == (shopper, True)
    assert imp["role"] == ["MeAddressAdmin", "Shopper"]  # what was asked ∩ what the config's profile grants
    assert imp["notInGroup"] == "403 Impersonation.ConfigError"
    private_row = address(private["ID"], True, True, editable=True)
    assert imp["as"] == {
        "me": shopper,
        "addresses": r["addresses"],
        "costCenters": r["costCenters"],
        "cards": r["cards"],
        "spendingAccounts": [f"bmsa1-{tag}", f"bmsa2-{tag}"],
        "createCard": "403 Auth.InsufficientRoles",  # MeCreditCardAdmin is not in the config's profile
    }
    assert imp["asAfterDelete"] == {
        "addresses": [address(both, False, True), address(billing, False, True), private_row],
        "costCenters": [f"bmk1-{tag}"],
        "cards": [{"ID": card["ID"], "Editable": True}],
        "spendingAccounts": [f"bmsa2-{tag}"],
    }
    assert imp["configGone"] == "404 NotFound"
    assert imp["withoutConfig"] == "403 Impersonation.ConfigError"
    assert imp["revoked"] == {"login": "401 Auth.TokenRevoked", "impersonation": "401 Auth.TokenRevoked"}


def test_catalog_admin_setup(js: JsRunner, tag: str) -> None:
    r = js("catalog-admin", tag=tag)
    schedule, lamp, chair, catalog = f"cps-{tag}", f"cp1-{tag}", f"cp2-{tag}", f"cc-{tag}"
    root, child, buyer, spec = f"ck1-{tag}", f"ck2-{tag}", f"cb-{tag}", f"cs-{tag}"
    assert r["schedule"] == {"ID": schedule, "created": [[1, 10]], "withBreak": [[1, 10], [10, 8]]}
    made = {"DefaultPriceScheduleID": schedule, "xp": {"Tag": tag, "Color": "Red"}}
    assert r["lamp"]["created"] == made | {"SpecCount": 0, "VariantCount": 0}
    assert r["lamp"]["generated"] == {"SpecCount": 1, "VariantCount": 2}  # GenerateVariants answers the product
    assert r["lamp"]["got"] == made | {"SpecCount": 1, "VariantCount": 2}
    assert r["catalog"] == {"created": {"ID": catalog, "Active": True}, "CategoryCount": 2}  # at any depth
    categories = r["categories"]
    assert categories["root"] == {"ID": root, "ParentID": None, "ChildCount": 1}
    assert categories["child"] == {"ID": child, "ParentID": root}
    assert categories["topLevel"] == [root]  # depth defaults to 1
    assert categories["allLevels"] == [root, child]

    small = {"ID": "S", "Value": "Small", "PriceMarkupType": None, "PriceMarkup": None}
    large = {"ID": "L", "Value": "Large", "PriceMarkupType": "AmountPerQuantity", "PriceMarkup": 2.5}
    assert r["spec"] == {
        "created": {"DefinesVariant": True, "Required": True},
        "options": [small, large],
        "got": {"OptionCount": 2, "Options": [small, large]},  # by ListOrder
    }

    def variant_spec(option: dict[str, Any]) -> dict[str, Any]:
        return {"SpecID": spec, "Name": "Size", "OptionID": option["ID"], "Value": option["Value"]} | {
            "PriceMarkupType": option["PriceMarkupType"],
            "PriceMarkup": option["PriceMarkup"],
        }

    assert r["variants"] == [  # product ID and option ID joined by "-"
        {"ID": f"{lamp}-L", "Active": True, "Specs": [variant_spec(large)]},
        {"ID": f"{lamp}-S", "Active": True, "Specs": [variant_spec(small)]},
    ]
    assert r["variantGot"] == {"ID": f"{lamp}-L", "Specs": [variant_spec(large)]}
    assert r["lists"] == {
        "red": [lamp],
        "notRed": [chair],
        "searched": [lamp],
        "inCatalog": [lamp, chair],
        "inCategory": [lamp],
    }
    assert r["assignments"] == {
        "catalog": [{"CatalogID": catalog, "BuyerID": buyer, "ViewAllCategories": True, "ViewAllProducts": False}],
        "products": [{"CatalogID": catalog, "ProductID": lamp}, {"CatalogID": catalog, "ProductID": chair}],
        "category": [{"CategoryID": child, "ProductID": lamp, "ListOrder": None}],
        "spec": [{"SpecID": spec, "ProductID": lamp, "DefaultValue": None, "DefaultOptionID": None}],
    }
    assert r["paths"][:5] == [
        f"POST /v1/products/{lamp}/variants/generate 201",
        f"GET /v1/products/{lamp} 200",
        f"GET /v1/specs/{spec} 200",
        f"GET /v1/products/{lamp}/variants?sortBy=ID 200",
        f"GET /v1/products/{lamp}/variants/{lamp}-L 200",
    ]
    assert r["paths"][5:10] == [
        f"GET /v1/products?xp.Tag={tag}&xp.Color=Red 200",
        f"GET /v1/products?xp.Tag={tag}&xp.Color=!Red 200",
        f"GET /v1/products?xp.Tag={tag}&search=lamp 200",
        f"GET /v1/products?catalogID={catalog}&sortBy=ID 200",
        f"GET /v1/products?catalogID={catalog}&categoryID={child} 200",
    ]
    assert r["paths"][10:12] == [
        f"GET /v1/catalogs/{catalog}/categories 200",
        f"GET /v1/catalogs/{catalog}/categories?depth=all&sortBy=ID 200",
    ]


def test_me_products_buyer_view(js: JsRunner, tag: str) -> None:
    r = js("me-products", tag=tag)
    buyer, catalog, root, child = f"mb-{tag}", f"mc-{tag}", f"mk1-{tag}", f"mk2-{tag}"
    lamp, chair, hidden, sofa, rug = (f"mp{n}-{tag}" for n in range(1, 6))
    list_price, group_price, spec = f"mps1-{tag}", f"mps2-{tag}", f"msp-{tag}"
    assert r["buyer"] == {"ID": buyer, "DefaultCatalogID": buyer}

    visible = r["all"]
    assert visible["items"] == [  # by Name, the default sort; never `hidden`: in a catalog of the buyer, nothing more
        {"ID": chair, "PriceSchedule": list_price},  # buyer-level assignment without a schedule: the default
        {"ID": rug, "PriceSchedule": list_price},  # the buyer's default catalog shows all of its products
        {"ID": lamp, "PriceSchedule": group_price},  # the group-level assignment's schedule beats the default
        {"ID": sofa, "PriceSchedule": list_price},  # child category: ViewAllProducts inherited from the root
    ]
    assert visible["TotalCount"] == 4
    assert visible["facet"] == {
        "XpPath": "Color",
        "Values": [{"Value": "Red", "Count": 2}, {"Value": "Blue", "Count": 1}, {"Value": "Green", "Count": 1}],
    }
    assert r["redFacet"] == {"XpPath": "Color", "Values": [{"Value": "Red", "Count": 2}]}  # counted after filters
    assert r["lamp"] == {
        "ID": lamp,
        "PriceSchedule": group_price,
        "breaks": [[1, 7]],
        "xp": {"Tag": tag, "Color": "Red"},
    }
    assert r["lampListed"] == [[1, 7]]
    assert r["chair"] == {"ID": chair, "PriceSchedule": list_price, "breaks": [[1, 10], [10, 8]]}
    assert r["counts"] == {"SpecCount": 1, "VariantCount": 2}
    assert r["lists"] == {
        "inCatalog": [chair, lamp, sofa],
        "inDefaultCatalog": [rug],
        "inRoot": [lamp, sofa],  # depth defaults to all
        "inRootOnly": [lamp],
        "inChild": [sofa],
        "red": [lamp, sofa],
        "searched": [lamp],
        "searchedRed": [sofa, lamp],
    }

    warm = {"ID": "Warm", "Value": "Warm white", "PriceMarkupType": None, "PriceMarkup": None}
    cool = {"ID": "Cool", "Value": "Cool white", "PriceMarkupType": "AmountPerQuantity", "PriceMarkup": 1.5}
    assert r["specs"] == [{"ID": spec, "Options": [warm, cool]}]
    assert r["spec"] == {"ID": spec, "Name": "Shade", "DefinesVariant": True, "OptionCount": 2}
    assert r["variants"] == [f"{lamp}-Cool", f"{lamp}-Warm"]
    cool_spec = {"SpecID": spec, "Name": "Shade", "OptionID": "Cool", "Value": "Cool white"}
    assert r["variant"] == {
        "ID": f"{lamp}-Cool",
        "Specs": [cool_spec | {"PriceMarkupType": "AmountPerQuantity", "PriceMarkup": 1.5}],
    }
    assert r["catalogs"] == [buyer, catalog]
    assert r["categories"] == {
        "defaultCatalog": [],  # catalogID defaults to the buyer's default catalog, which has no categories
        "topLevel": [root],  # depth defaults to 1
        "allLevels": [root, child],
        "ofSofa": [child],
    }
    assert r["rootChildCount"] == 1
    for name in ("product", "variants"):
        assert r["hidden"][name] == {"status": 404, "errorCode": "NotFound", "message": f"Product {hidden} not found"}
    paths = r["paths"]
    assert paths[:3] == [
        "GET /v1/me/products 200",
        f"GET /v1/me/products/{lamp} 200",
        f"GET /v1/me/products/{chair} 200",
    ]
    assert paths[3:11] == [
        f"GET /v1/me/products?catalogID={catalog} 200",
        f"GET /v1/me/products?catalogID={buyer} 200",
        f"GET /v1/me/products?catalogID={catalog}&categoryID={root} 200",
        f"GET /v1/me/products?catalogID={catalog}&categoryID={root}&depth=1 200",
        f"GET /v1/me/products?catalogID={catalog}&categoryID={child} 200",
        "GET /v1/me/products?xp.Color=Red 200",
        "GET /v1/me/products?search=lamp 200",
        "GET /v1/me/products?xp.Color=Red&search=red&sortBy=!ID 200",
    ]
    assert paths[-2:] == [f"GET /v1/me/products/{hidden} 404", f"GET /v1/me/products/{hidden}/variants 404"]


def test_order_with_an_approval(js: JsRunner, tag: str) -> None:
    r = js("orders", tag=tag)
    buyer, shopper, approver, group, rule = f"ob-{tag}", f"obs-{tag}", f"oba-{tag}", f"obg-{tag}", f"obr-{tag}"
    lamp, chair, order = f"obp1-{tag}", f"obp2-{tag}", f"o-{tag}"
    assert r["rule"] == {"ID": rule, "ApprovingGroupID": group, "RuleExpression": "order.Total > 100"}
    placed: dict[str, Any] = {"ID": order, "FromUser": shopper, "FromCompanyID": buyer, "Comments": "first order"}
    placed["xp"] = {"Tag": tag, "PO": "123"}
    empty = {"LineItemCount": 0, "Subtotal": 0, "Total": 0}
    flags = {"IsSubmitted": False, "submitted": False, "approved": False}
    assert r["created"] == placed | empty | flags | {"Status": "Unsubmitted"}

    def line(line_id: str, product: str, quantity: int, price: int) -> dict[str, Any]:
        return {"ID": line_id, "ProductID": product, "Quantity": quantity, "UnitPrice": price} | {
            "LineTotal": quantity * price,
            "Product": product,  # the line's copy of the product
        }

    lines = r["lines"]
    generated = lines["created"][0]["ID"]
    assert len(generated) == 22  # generated when not sent
    assert lines["created"] == [line(generated, lamp, 3, 40), line("chair-line", chair, 2, 25)]
    assert (lines["listed"], lines["TotalCount"]) == (lines["created"], 2)
    assert r["validated"] == ""  # 204: the SDK resolves with the empty body
    totals = {"LineItemCount": 2, "Subtotal": 170, "Total": 170}
    awaiting = placed | totals | {"Status": "AwaitingApproval", "IsSubmitted": False}  # not yet passed to the seller
    assert r["submitted"] == r["seenByApprover"] == awaiting | {"submitted": True, "approved": False}
    pending = {"ApprovalRuleID": rule, "ApprovingGroupID": group, "Status": "Pending", "Approver": None}
    assert r["pending"] == [pending | {"Comments": None, "completed": False}]
    assert r["ownApproval"] == {"status": 403, "errorCode": "Order.NotEligibleToApprove"}
    assert r["shopperApprovable"] == []
    assert r["approvable"] == [order]
    opened = placed | totals | {"Status": "Open", "IsSubmitted": True, "submitted": True, "approved": True}
    assert r["approved"] == r["got"] == r["incoming"] == opened
    assert r["approvableAfter"] == []
    assert r["mine"] == [opened]
    assert r["mineOpen"] == [order]
    assert r["approvals"] == [
        pending | {"Status": "Approved", "Approver": approver, "Comments": "Looks fine"} | {"completed": True}
    ]
    assert r["incomingList"] == [order]
    assert r["shopperPaths"] == [
        "POST /v1/orders/Outgoing 201",
        f"POST /v1/orders/Outgoing/{order}/lineitems 201",
        f"POST /v1/orders/Outgoing/{order}/lineitems 201",
        f"GET /v1/orders/Outgoing/{order}/lineitems?sortBy=ProductID 200",
        f"POST /v1/orders/Outgoing/{order}/validate 204",
        f"POST /v1/orders/Outgoing/{order}/submit 201",
        f"GET /v1/orders/Outgoing/{order}/approvals 200",
        f"POST /v1/orders/Outgoing/{order}/approve 403",
        "GET /v1/me/orders/approvable 200",
    ]
