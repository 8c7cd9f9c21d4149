"""Hostile input, through HTTP, on both databases: every case is a 4xx with OrderCloud's error envelope, and
nothing is written (each table's rows of the marketplace are counted before and after)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import msgspec
import pytest
from sqlalchemy import func, select

from mercato.auth.roles import Role
from mercato.codec import MAX_DEPTH
from mercato.db.engine import Database
from mercato.db.tables import READ_MODELS, metadata
from mercato.xp import XP_MAX_BYTES
from tests.fixtures.identity import Callers
from tests.resources.orders.conftest import Checkout

JSON = {"Content-Type": "application/json"}


async def row_counts(database: Database, marketplace_id: str) -> dict[str, int]:
    """Rows per table of the marketplace, read models aside (a shopper's list may build its view)."""
    counts = {}
    async with database.transaction() as connection:
        for table in metadata.sorted_tables:
            if "marketplace_id" in table.c and table not in READ_MODELS:
                query = select(func.count()).select_from(table).where(table.c.marketplace_id == marketplace_id)
                counts[table.name] = int(await connection.scalar(query) or 0)
    return counts


def assert_refused(response: httpx.Response, code: str | None = None, field: str | None = None) -> None:
    assert 400 <= response.status_code < 500, f"{response.status_code}: {response.text}"
    errors = response.json()["Errors"]
    assert isinstance(errors, list)
    assert errors
    assert set(errors[0]) == {"ErrorCode", "Message", "Data"}
    if code is not None:
        assert errors[0]["ErrorCode"] == code, response.text
    if field is not None:
        assert errors[0]["Data"]["Field"] == field, response.text


@dataclass
class Target:
    checkout: Checkout
    database: Database
    marketplace_id: str
    shopper: dict[str, str]
    order_id: str

    @property
    def client(self) -> httpx.AsyncClient:
        return self.checkout.client

    async def refused(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        code: str | None = None,
        field: str | None = None,
    ) -> httpx.Response:
        """Send the request and check it is refused with the envelope and leaves every table as it was."""
        before = await row_counts(self.database, self.marketplace_id)
        sent = dict(headers or self.checkout.admin) | (JSON if body is not None else {})
        response = await self.client.request(method, path, content=body, headers=sent)
        assert_refused(response, code, field)
        assert await row_counts(self.database, self.marketplace_id) == before, f"{method} {path} wrote rows"
        return response


@pytest.fixture
async def target(client: httpx.AsyncClient, callers: Callers, database: Database, marketplace_id: str) -> Target:
    checkout = Checkout(client, callers, await callers.headers(Role.FullAccess))
    await checkout.buyer("b1")
    await checkout.priced_product("p1", 5)
    await checkout.ok("POST", "/v1/incrementors", {"ID": "inc", "Name": "inc", "LastNumber": 0, "LeftPaddingCount": 0})
    await checkout.ok("POST", "/v1/buyers/b1/usergroups", {"ID": "g1", "Name": "g1"})
    await checkout.ok("POST", "/v1/specs", {"ID": "s1", "Name": "s1"})
    await checkout.ok("POST", "/v1/securityprofiles", {"ID": "sp1", "Name": "sp1", "Roles": ["Shopper"]})
    shopper = await checkout.user("b1", "shopper", Role.Shopper, Role.MeAddressAdmin, Role.MeCreditCardAdmin)
    order = await checkout.order(shopper, ID="o1")
    return Target(checkout, database, marketplace_id, shopper, order["ID"])


# --- bodies ---------------------------------------------------------------------------------------------------


def nested(depth: int) -> bytes:
    """A buyer whose body nests ``depth`` levels: the body, xp, then depth - 2 arrays."""
    return b'{"Name": "deep", "xp": {"a": ' + b"[" * (depth - 2) + b"]" * (depth - 2) + b"}}"


@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/v1/buyers"), ("PUT", "/v1/buyers/deep"), ("PATCH", "/v1/buyers/b1")]
)
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 100_000])
async def test_bodies_nested_deeper_than_the_limit_are_refused_at_decode_time(
    target: Target, method: str, path: str, depth: int
) -> None:
    response = await target.refused(method, path, nested(depth), code="Request.InvalidRequestBody")
    assert response.json()["Errors"][0]["Data"] == {"MaxDepth": MAX_DEPTH}


async def test_a_body_exactly_at_the_depth_limit_is_stored_and_read_back(target: Target) -> None:
    response = await target.client.post("/v1/buyers", content=nested(MAX_DEPTH), headers=target.checkout.admin | JSON)
    assert response.status_code == 201, response.text
    read = await target.client.get(f"/v1/buyers/{response.json()['ID']}", headers=target.checkout.admin)
    depth, value = 1, read.json()["xp"]["a"]
    while value:
        depth, value = depth + 1, value[0]
    assert depth == MAX_DEPTH - 2  # the body object and xp are the first two levels


async def test_brackets_inside_strings_do_not_count_as_depth(target: Target) -> None:
    text = '\\"[{' * 100
    body = ('{"Name": "x", "xp": {"text": "' + text + '"}}').encode()
    response = await target.client.post("/v1/buyers", content=body, headers=target.checkout.admin | JSON)
    assert response.status_code == 201, response.text
    assert response.json()["xp"]["text"] == '"[{' * 100


@pytest.mark.parametrize(
    "body",
    [
        b'{"Name": "\xff\xfe"}',  # not UTF-8 at all
        b'{"Name": "\xc0\xaf"}',  # an overlong encoding of "/"
        b'{"Name": "\xed\xa0\x80"}',  # a UTF-16 surrogate encoded as UTF-8
        b'{"Name": "x", "xp": {"\xff": 1}}',  # in a key
        b"\xff\xfe{}",  # a byte order mark of UTF-16
        b'{"Name": "\\ud800"}',  # a lone high surrogate escape
        b'{"Name": "\\udc00x"}',  # a lone low surrogate escape
    ],
)
@pytest.mark.parametrize(("method", "path"), [("POST", "/v1/buyers"), ("PATCH", "/v1/buyers/b1")])
async def test_text_that_is_not_utf8_is_refused(target: Target, method: str, path: str, body: bytes) -> None:
    await target.refused(method, path, body, code="Request.InvalidRequestBody")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b'{"Name": "x"', "Request.InvalidRequestBody"),
        (b"[1, 2]", None),
        (b"nul", "Request.InvalidRequestBody"),
        (b'{"Name": "a\\u0000b"}', "ValidationFailure"),
        (b'{"Name": "x", "xp": {"k\\u0000": 1}}', "ValidationFailure"),
        (b'{"Name": "x", "xp": {"big": "' + b"x" * XP_MAX_BYTES + b'"}}', "ValidationFailure"),
        (b'{"Name": "' + b"x" * 1000 + b'"}', "ValidationFailure"),
    ],
)
async def test_malformed_bodies_are_refused(target: Target, body: bytes, code: str | None) -> None:
    await target.refused("POST", "/v1/buyers", body, code=code)


async def test_an_oversize_body_is_refused(target: Target) -> None:
    body = b'{"Name": "x", "xp": {"big": "' + b"x" * (11 * 1024 * 1024) + b'"}}'
    await target.refused("POST", "/v1/buyers", body)


async def test_a_body_that_is_not_json_is_refused(target: Target) -> None:
    before = await row_counts(target.database, target.marketplace_id)
    headers = target.checkout.admin | {"Content-Type": "text/plain"}
    response = await target.client.post("/v1/buyers", content=b'{"Name": "x"}', headers=headers)
    assert_refused(response, "Request.InvalidContentType")
    assert await row_counts(target.database, target.marketplace_id) == before


# --- IDs in the URL -------------------------------------------------------------------------------------------

BAD_IDS = ["ünï", "a.b", "a;b", " sp", "\u202eab", "x" * 101, "x" * 500, "{inc}", "a{inc}"]

ADDRESS = {"Street1": "1 Main St", "City": "Rome", "Country": "IT"}
ADMIN, SHOPPER = "admin", "shopper"

PUT_ROUTES: list[tuple[str, dict[str, Any], str]] = [
    ("/v1/addresses/{}", ADDRESS, ADMIN),
    (
        "/v1/adminusers/{}",
        {"Username": "admin-{}", "FirstName": "F", "LastName": "L", "Email": "a@x.io", "Active": True},
        ADMIN,
    ),
    ("/v1/apiclients/{}", {"AppName": "app", "AccessTokenDuration": 600}, ADMIN),
    ("/v1/buyers/{}", {"Name": "B"}, ADMIN),
    ("/v1/buyers/b1/addresses/{}", ADDRESS, ADMIN),
    ("/v1/buyers/b1/approvalrules/{}", {"ApprovingGroupID": "g1", "RuleExpression": "order.Total > 10"}, ADMIN),
    ("/v1/buyers/b1/costcenters/{}", {"Name": "CC"}, ADMIN),
    ("/v1/buyers/b1/creditcards/{}", {"CardholderName": "C"}, ADMIN),
    ("/v1/buyers/b1/spendingaccounts/{}", {"Name": "SA", "Balance": 10}, ADMIN),
    ("/v1/buyers/b1/usergroups/{}", {"Name": "G"}, ADMIN),
    (
        "/v1/buyers/b1/users/{}",
        {"Username": "buyer-{}", "FirstName": "F", "LastName": "L", "Email": "b@x.io", "Active": True},
        ADMIN,
    ),
    ("/v1/catalogs/{}", {"Name": "C"}, ADMIN),
    ("/v1/catalogs/b1/categories/{}", {"Name": "C"}, ADMIN),
    ("/v1/impersonationconfig/{}", {"SecurityProfileID": "sp1", "ClientID": "{client}"}, ADMIN),
    ("/v1/incrementors/{}", {"Name": "I", "LastNumber": 0, "LeftPaddingCount": 0}, ADMIN),
    ("/v1/priceschedules/{}", {"Name": "PS"}, ADMIN),
    ("/v1/productfacets/{}", {"Name": "F"}, ADMIN),
    ("/v1/products/{}", {"Name": "P"}, ADMIN),
    ("/v1/securityprofiles/{}", {"Name": "SP"}, ADMIN),
    ("/v1/shipments/{}", {}, ADMIN),
    ("/v1/specs/{}", {"Name": "S"}, ADMIN),
    ("/v1/specs/s1/options/{}", {"Value": "V"}, ADMIN),
    ("/v1/usergroups/{}", {"Name": "G"}, ADMIN),
    ("/v1/orders/Outgoing/{}", {}, SHOPPER),
    ("/v1/orders/Outgoing/o1/lineitems/{}", {"ProductID": "p1", "Quantity": 1}, SHOPPER),
    ("/v1/cart/lineitems/{}", {"ProductID": "p1", "Quantity": 1}, SHOPPER),
]


def _body(template: dict[str, Any], item_id: str, client_id: str) -> bytes:
    filled = {
        key: value.replace("{}", item_id if item_id.isalnum() else "x").replace("{client}", client_id)
        if isinstance(value, str)
        else value
        for key, value in template.items()
    }
    return msgspec.json.encode(filled)


@pytest.mark.parametrize(("path", "body", "caller"), PUT_ROUTES, ids=[route[0] for route in PUT_ROUTES])
async def test_a_put_path_id_obeys_the_id_rule(
    target: Target, callers: Callers, path: str, body: dict[str, Any], caller: str
) -> None:
    headers = target.checkout.admin if caller == ADMIN else target.shopper
    client_id = await callers.client()
    if path.startswith("/v1/cart/"):
        await target.client.put(f"/v1/cart/{target.order_id}", headers=headers)
    for bad in BAD_IDS:
        url = path.replace("{}", httpx.URL(path="/" + bad).raw_path.decode().lstrip("/"))
        await target.refused("PUT", url, _body(body, bad, client_id), headers=headers, code="ValidationFailure")
    # The same body at a good ID is stored: the refusals above were the ID's.
    good = await target.client.put(
        path.replace("{}", "good-1"), content=_body(body, "good1", client_id), headers=headers | JSON
    )
    assert good.status_code in (200, 201), good.text
    assert good.json()["ID"] == "good-1"


@pytest.mark.parametrize(
    ("path", "body"), [("/v1/me/addresses/{}", ADDRESS), ("/v1/me/creditcards/{}", {"CardholderName": "C"})]
)
async def test_a_replace_only_put_at_a_bad_id_finds_nothing(target: Target, path: str, body: dict[str, Any]) -> None:
    """The Me PUTs replace and never create (the server chooses those IDs), so a bad ID names nothing."""
    for bad in BAD_IDS:
        url = path.replace("{}", httpx.URL(path="/" + bad).raw_path.decode().lstrip("/"))
        await target.refused("PUT", url, _body(body, bad, ""), headers=target.shopper, code="NotFound")


async def test_a_long_id_in_a_get_path_is_not_found(target: Target) -> None:
    await target.refused("GET", "/v1/buyers/" + "x" * 500, code="NotFound")
    await target.refused("GET", "/v1/products/" + "x" * 500, code="NotFound")


# --- paths and queries ----------------------------------------------------------------------------------------


async def test_an_encoded_slash_is_part_of_an_id(target: Target, callers: Callers) -> None:
    await target.checkout.user("b1", "someone")
    listed = await target.client.get("/v1/buyers/b1/users", headers=target.checkout.admin)
    assert listed.status_code == 200
    assert listed.json()["Items"]
    for path in ("/v1/buyers/b1%2Fusers", "/v1/buyers/b1%2fusers", "/v1/buyers/b1%2Fusers%2Fsomeone"):
        response = await target.refused("GET", path, code="NotFound")
        assert response.json()["Errors"][0]["Data"]["ObjectID"] == path.removeprefix("/v1/buyers/").replace(
            "%2f", "%2F"
        )
    await target.refused("PUT", "/v1/buyers/b1%2Fusers", b'{"Name": "x"}', code="ValidationFailure")
    await target.refused("DELETE", "/v1/buyers/b1%2Fusers%2Fsomeone", code="NotFound")


@pytest.mark.parametrize(
    "path",
    [
        "/v1/buyers/%00",
        "/v1/buyers?search=%00",
        "/v1/buyers?ID=a%00b",
        "/v1/buyers?xp.a=%00",
        "/v1/buyers?sortBy=%00",
        "/v1/buyers/%ff%fe",
        "/v1/buyers/%ed%a0%80",
        "/v1/buyers?page=1000000000000",
        "/v1/buyers?page=100000000000000000000000000",
        "/v1/buyers?pageSize=101",
        "/v1/buyers?pageSize=-1",
        "/v1/buyers?sortBy=NoSuchField",
        "/v1/buyers?NoSuchField=1",
        "/v1/me/products?page=99999999999",
    ],
)
async def test_hostile_paths_and_queries_are_refused(target: Target, path: str) -> None:
    headers = target.shopper if path.startswith("/v1/me/") else None
    await target.refused("GET", path, headers=headers)


@pytest.mark.parametrize("query", ["ID=%ff", "search=%ff%fe", "xp.a=%ed%a0%80", "ID=%C0%AF"])
async def test_query_bytes_that_are_not_utf8_match_nothing(target: Target, query: str) -> None:
    response = await target.client.get(f"/v1/buyers?{query}", headers=target.checkout.admin)
    assert response.status_code == 200, response.text
    assert response.json()["Items"] == []


@pytest.mark.parametrize(
    "query",
    ["*a" * 400, "*" * 2000, "a" * 5000, "%_%_%_" * 200, "\\" * 500, "*%*_*[*]*" * 100],
)
async def test_long_wildcard_searches_answer_quickly_and_change_nothing(target: Target, query: str) -> None:
    before = await row_counts(target.database, target.marketplace_id)
    for path, headers in (("/v1/buyers", target.checkout.admin), ("/v1/me/products", target.shopper)):
        for params in ({"search": query}, {"ID": query}, {"xp.a": query}):
            response = await target.client.get(path, params=params, headers=headers)
            assert response.status_code in (200, 400), response.text
            if response.status_code == 400:
                assert_refused(response)
    assert await row_counts(target.database, target.marketplace_id) == before
