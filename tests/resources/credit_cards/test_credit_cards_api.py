from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from mercato.auth.roles import Role
from mercato.db.engine import Database
from mercato.db.tables import credit_cards
from tests.fixtures.identity import Callers
from tests.resources.credit_cards.parties import error, shopper

URL = "/v1/buyers/b1/creditcards"
PAN = "4111111111111111"  # a test Visa number: Luhn-valid
CARD = {
    "ID": "visa",
    "Token": "tok_1a2b3c",
    "CardType": "Visa",
    "PartialAccountNumber": "1111",
    "CardholderName": "Ada Lovelace",
    "ExpirationDate": "2030-12-31T00:00:00+00:00",
    "xp": {"nickname": "work", "limits": {"daily": 500}},
}


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record) + repr(getattr(record, "fields", "")))


@pytest.fixture
def logs() -> Iterator[Capture]:
    capture = Capture()
    logger = logging.getLogger("mercato")
    previous = logger.level
    logger.addHandler(capture)
    logger.setLevel(logging.DEBUG)
    try:
        yield capture
    finally:
        logger.removeHandler(capture)
        logger.setLevel(previous)


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def test_crud(client: httpx.AsyncClient, callers: Callers) -> None:
    await callers.buyer("b1")
    admin = await callers.headers(Role.CreditCardAdmin)
    before = datetime.now(UTC) - timedelta(seconds=1)
    made = await client.post(URL, json=CARD | {"DateCreated": "2001-01-01T00:00:00Z"}, headers=admin)
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/v1/buyers/b1/creditcards/visa"
    card = made.json()
    assert {key: card[key] for key in CARD if key != "ExpirationDate"} == {
        k: v for k, v in CARD.items() if k != "ExpirationDate"
    }
    assert parse(card["ExpirationDate"]) == datetime(2030, 12, 31, tzinfo=UTC)
    assert before <= parse(card["DateCreated"]) <= datetime.now(UTC) + timedelta(seconds=1)

    assert (await client.get(f"{URL}/visa", headers=admin)).json() == card

    patched = await client.patch(
        f"{URL}/visa", json={"CardholderName": "A. L.", "xp": {"limits": {"monthly": 9}}}, headers=admin
    )
    assert patched.status_code == 200
    assert patched.json()["CardholderName"] == "A. L."
    assert patched.json()["Token"] == "tok_1a2b3c"
    assert patched.json()["xp"] == {"nickname": "work", "limits": {"daily": 500, "monthly": 9}}
    assert patched.json()["DateCreated"] == card["DateCreated"]

    saved = await client.put(f"{URL}/visa", json={"Token": "tok_2", "CardType": "Visa"}, headers=admin)
    assert saved.status_code == 200
    assert saved.json() == {
        "ID": "visa",
        "Token": "tok_2",
        "DateCreated": card["DateCreated"],
        "CardType": "Visa",
        "PartialAccountNumber": None,
        "CardholderName": None,
        "ExpirationDate": None,
        "xp": None,
    }

    put_new = await client.put(f"{URL}/amex", json={"CardType": "Amex", "PartialAccountNumber": "00005"}, headers=admin)
    assert put_new.status_code == 200
    assert put_new.json()["ID"] == "amex"
    assert put_new.json()["DateCreated"] is not None

    generated = await client.post(URL, json={"CardType": "MC"}, headers=admin)
    assert generated.status_code == 201
    assert len(generated.json()["ID"]) == 22

    renamed = await client.patch(f"{URL}/amex", json={"ID": "amex2"}, headers=admin)
    assert renamed.json()["ID"] == "amex2"
    assert (await client.get(f"{URL}/amex", headers=admin)).status_code == 404

    listed = await client.get(URL, params={"sortBy": "!CardType"}, headers=admin)
    assert [c["CardType"] for c in listed.json()["Items"]] == ["Visa", "MC", "Amex"]
    assert listed.json()["Meta"]["TotalCount"] == 3
    searched = await client.get(URL, params={"search": "ame"}, headers=admin)
    assert [c["ID"] for c in searched.json()["Items"]] == ["amex2"]
    filtered = await client.get(URL, params={"PartialAccountNumber": "0*", "ExpirationDate": "!*"}, headers=admin)
    assert [c["ID"] for c in filtered.json()["Items"]] == ["amex2"]
    bad_sort = await client.get(URL, params={"sortBy": "Token"}, headers=admin)
    assert bad_sort.status_code == 400
    assert error(bad_sort)["ErrorCode"] == "List.InvalidSortProperty"

    assert (await client.delete(f"{URL}/visa", headers=admin)).status_code == 204
    assert (await client.get(f"{URL}/visa", headers=admin)).status_code == 404
    assert (await client.delete(f"{URL}/visa", headers=admin)).status_code == 404


async def test_ids_and_conflicts(client: httpx.AsyncClient, callers: Callers) -> None:
    await callers.buyer("b1")
    await callers.buyer("b2")
    admin = await callers.headers(Role.CreditCardAdmin)
    assert (await client.post(URL, json={"ID": "c1"}, headers=admin)).status_code == 201
    taken = await client.post(URL, json={"ID": "c1"}, headers=admin)
    assert taken.status_code == 409
    assert error(taken)["ErrorCode"] == "IdExists"
    # The same ID in another buyer is another card.
    assert (await client.post("/v1/buyers/b2/creditcards", json={"ID": "c1"}, headers=admin)).status_code == 201
    for body in ({"ID": "assignments"}, {"ID": "Assignments"}, {"ID": "bad id"}):
        refused = await client.post(URL, json=body, headers=admin)
        assert refused.status_code == 400, body
        assert error(refused)["Data"] == {"Field": "ID"}
    renamed = await client.patch(f"{URL}/c1", json={"ID": "ASSIGNMENTS"}, headers=admin)
    assert renamed.status_code == 400
    missing = await client.get("/v1/buyers/nobody/creditcards", headers=admin)
    assert missing.status_code == 404
    assert error(missing)["Data"] == {"ObjectType": "Buyer", "ObjectID": "nobody"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"PartialAccountNumber": "123456"}, "PartialAccountNumber"),
        ({"PartialAccountNumber": PAN}, "PartialAccountNumber"),
        ({"Token": PAN}, "Token"),
        ({"Token": "4111 1111 1111 1111"}, "Token"),
        ({"Token": "card 4111-1111-1111-1111"}, "Token"),
        ({"CardholderName": f"Ada {PAN}"}, "CardholderName"),
        ({"CardType": "378282246310005"}, "CardType"),  # an Amex test number
        ({"Token": "t" * 101}, "Token"),
        ({"CardholderName": "n" * 101}, "CardholderName"),
        ({"ExpirationDate": "soon"}, "ExpirationDate"),
        ({"ExpirationDate": "0001-01-01T00:00:00+05:00"}, "ExpirationDate"),
        ({"Token": 4111111111111111}, "Token"),
        ({"xp": {"big": "x" * 9000}}, "xp"),
    ],
)
async def test_validation_never_echoes_a_card_number(
    client: httpx.AsyncClient, callers: Callers, body: dict[str, object], field: str
) -> None:
    await callers.buyer("b1")
    admin = await callers.headers(Role.CreditCardAdmin)
    for response in (
        await client.post(URL, json=body, headers=admin),
        await client.put(f"{URL}/c1", json=body, headers=admin),
    ):
        assert response.status_code == 400, response.text
        assert error(response)["ErrorCode"] == "ValidationFailure"
        assert error(response)["Data"] == {"Field": field}
        assert "4111" not in response.text
        assert "378282" not in response.text
    assert (await client.get(URL, headers=admin)).json()["Items"] == []
    assert (await client.post(URL, json={"ID": "c2"}, headers=admin)).status_code == 201
    patched = await client.patch(f"{URL}/c2", json=body, headers=admin)
    assert patched.status_code == 400
    assert error(patched)["Data"] == {"Field": field}


async def test_numbers_that_are_not_card_numbers_are_accepted(client: httpx.AsyncClient, callers: Callers) -> None:
    await callers.buyer("b1")
    admin = await callers.headers(Role.CreditCardAdmin)
    # Luhn fails; too few digits; a processor's usual token shapes.
    for token in ("4111111111111112", "411111111111", "tok_1a2b3c4d", "pm_0000-1111-2222", "0001112223"):
        made = await client.post(URL, json={"Token": token, "PartialAccountNumber": "01234"}, headers=admin)
        assert made.status_code == 201, (token, made.text)
        assert made.json()["Token"] == token


async def test_a_card_number_sent_in_unknown_fields_is_neither_stored_echoed_nor_logged(
    client: httpx.AsyncClient, callers: Callers, database: Database, logs: Capture
) -> None:
    await callers.buyer("b1")
    admin = await callers.headers(Role.CreditCardAdmin)
    extra = {"CardNumber": PAN, "CVV": "123", "AccountNumber": PAN}
    bodies = [
        await client.post(URL, json=CARD | extra, headers=admin),
        await client.put(f"{URL}/visa", json=CARD | extra, headers=admin),
        await client.patch(f"{URL}/visa", json=extra, headers=admin),
        await client.post(URL, json={"Token": PAN}, headers=admin),
        await client.get(f"{URL}/visa", headers=admin),
        await client.get(URL, headers=admin),
    ]
    assert [r.status_code for r in bodies] == [201, 200, 200, 400, 200, 200]
    for response in bodies:
        assert PAN not in response.text
        assert "CardNumber" not in response.text
        assert "CVV" not in response.text
    async with database.transaction() as connection:
        rows = (
            await connection.execute(
                select(credit_cards).where(credit_cards.c.marketplace_id == callers.marketplace_id)
            )
        ).all()
    assert len(rows) == 1
    assert PAN not in repr(rows)
    assert logs.lines  # requests were logged …
    assert not any(PAN in line for line in logs.lines)  # … without the number


async def test_roles_and_buyer_isolation(client: httpx.AsyncClient, callers: Callers) -> None:
    await callers.buyer("b1")
    await callers.buyer("b2")
    admin = await callers.headers(Role.CreditCardAdmin)
    assert (await client.post(URL, json={"ID": "c1"}, headers=admin)).status_code == 201

    reader = await callers.headers(Role.CreditCardReader)
    assert (await client.get(f"{URL}/c1", headers=reader)).status_code == 200
    refused = await client.patch(f"{URL}/c1", json={"CardType": "x"}, headers=reader)
    assert refused.status_code == 403
    assert error(refused)["ErrorCode"] == "Auth.InsufficientRoles"

    # A buyer user with CreditCardAdmin administers its own buyer's cards, and sees no other buyer.
    own = await shopper(callers, "b1", "u1", Role.CreditCardAdmin)
    assert (await client.get(f"{URL}/c1", headers=own)).status_code == 200
    assert (await client.post(URL, json={"ID": "c2"}, headers=own)).status_code == 201
    other = await shopper(callers, "b2", "u2", Role.CreditCardAdmin)
    for method, path in (
        ("GET", URL),
        ("GET", f"{URL}/c1"),
        ("PATCH", f"{URL}/c1"),
        ("DELETE", f"{URL}/c1"),
        ("GET", f"{URL}/assignments"),
        ("POST", f"{URL}/assignments"),
    ):
        body = {"CreditCardID": "c1"} if method in ("POST", "PATCH") else None
        response = await client.request(method, path, json=body, headers=other)
        assert response.status_code == 404, (method, path, response.text)
        assert error(response)["Data"] == {"ObjectType": "Buyer", "ObjectID": "b1"}
    assert (await client.get(f"{URL}/c1", headers=admin)).json()["CardType"] is None
