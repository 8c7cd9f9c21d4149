"""No password, client secret or hash of either appears in a response body or a log line."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest

from mercato.auth.roles import Role
from tests.fixtures.identity import Callers
from tests.fixtures.world import PASSWORD, World

NEW_PASSWORD = "Another-Secret-Pass7"
CLIENT_SECRET = "client-secret-value-123"


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


async def test_secrets_stay_out_of_bodies_and_logs(
    client: httpx.AsyncClient, callers: Callers, world: World, logs: Capture
) -> None:
    client_id = await world.client(secret=CLIENT_SECRET)
    await world.user("leaky")
    await world.profile(["FullAccess"])
    bodies: list[str] = []
    login = await client.post(
        "/oauth/token",
        data={
            "grant_type": "password",
            "client_id": client_id,
            "client_secret": CLIENT_SECRET,
            "username": "leaky",
            "password": PASSWORD,
        },
    )
    bodies.append(login.text)
    wrong = await client.post(
        "/oauth/token",
        data={
            "grant_type": "password",
            "client_id": client_id,
            "client_secret": CLIENT_SECRET,
            "username": "leaky",
            "password": PASSWORD + "x",
        },
    )
    bodies.append(wrong.text)
    admin = await callers.headers(Role.FullAccess)
    for response in (
        await client.post(
            "/v1/adminusers",
            headers=admin,
            json={
                "ID": "u2",
                "Username": "u2",
                "Password": NEW_PASSWORD,
                "FirstName": "A",
                "LastName": "B",
                "Email": "a@b.c",
                "Active": True,
            },
        ),
        await client.patch("/v1/adminusers/u2", headers=admin, json={"Password": NEW_PASSWORD + "9"}),
        await client.post(
            "/v1/adminusers",
            headers=admin,
            json={
                "ID": "u3",
                "Username": "u3",
                "Password": "weak",
                "FirstName": "A",
                "LastName": "B",
                "Email": "a@b.c",
                "Active": True,
            },
        ),
        await client.post(
            "/v1/apiclients",
            headers=admin,
            json={"AppName": "x", "AccessTokenDuration": 60, "ClientSecret": CLIENT_SECRET},
        ),
        await client.get("/v1/apiclients", headers=admin),
        await client.get("/v1/adminusers", headers=admin),
    ):
        assert response.status_code < 500
        bodies.append(response.text)
    everything = "\n".join(bodies + logs.lines)
    assert logs.lines, "the requests should have been logged"
    for secret in (PASSWORD, NEW_PASSWORD, CLIENT_SECRET, 'weak"', "$argon2", "sha256$"):
        assert secret not in everything
