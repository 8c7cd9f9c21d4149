from __future__ import annotations

import uuid
from pathlib import Path

import httpx
from typer.testing import CliRunner

from mercato.bootstrap import Bootstrap, bootstrap
from mercato.cli import cli
from mercato.db.engine import Database


def plan() -> Bootstrap:
    suffix = uuid.uuid4().hex[:8]
    return Bootstrap(f"mkt-{suffix}", f"root-{suffix}", "Very-Secret-Pass9", f"client-{suffix}", "client-secret-1")


async def test_bootstrap_is_idempotent_and_its_credentials_log_in(
    client: httpx.AsyncClient, database: Database
) -> None:
    first = plan()
    created = await bootstrap(database, first)
    assert len(created.created) == 4
    again = await bootstrap(database, first)
    assert again.created == []
    response = await client.post(
        "/oauth/token",
        data={
            "grant_type": "password",
            "client_id": first.client_id,
            "client_secret": first.client_secret,
            "username": first.admin_username,
            "password": first.admin_password,
            "scope": "FullAccess",
        },
    )
    assert response.status_code == 200, response.text
    token = response.json()["access_token"]
    me = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["AvailableRoles"] == ["FullAccess"]
    assert me.json()["Seller"] == {"ID": first.marketplace_id}
    credentials = await client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "client_id": first.client_id, "client_secret": first.client_secret},
    )
    assert credentials.status_code == 200


def test_init_command_creates_a_marketplace_once(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/init.db"
    args = ["init", "--marketplace-id", "m1", "--admin-username", "boss", "--admin-password", "Str0ng-Password"]
    args += ["--client-id", "cli1", "--client-secret", "s3", "--database-url", url]
    runner = CliRunner()
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "admin user boss" in first.output
    second = runner.invoke(cli, args)
    assert second.exit_code == 0
    assert "nothing to do" in second.output


def test_init_refuses_a_weak_admin_password(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/weak.db"
    args = ["init", "--marketplace-id", "m1", "--admin-username", "boss", "--admin-password", "weak"]
    args += ["--client-id", "cli1", "--client-secret", "s3", "--database-url", url]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "init failed" in result.output
