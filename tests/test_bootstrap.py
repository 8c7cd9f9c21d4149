from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import anyio.to_thread
import httpx
from sqlalchemy import select, update
from typer.testing import CliRunner, Result

from mercato.bootstrap import Bootstrap, bootstrap
from mercato.cli import cli
from mercato.context import UserType
from mercato.db.engine import Database
from mercato.db.tables import marketplaces, security_profiles, users
from tests.fixtures.identity import Callers


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


def cli_run(args: list[str], env: dict[str, str | None] | None = None, stdin: str | None = None) -> Result:
    """The CLI in-process (each command runs its own event loop, so from a worker thread in an async test)."""
    return CliRunner().invoke(cli, args, env={"COLUMNS": "1000", **(env or {})}, input=stdin)


async def run(args: list[str], env: dict[str, str | None] | None = None, stdin: str | None = None) -> Result:
    return await anyio.to_thread.run_sync(partial(cli_run, args, env, stdin))


def init_args(plan: Bootstrap, database_url: str) -> list[str]:
    return [
        *("init", "--marketplace-id", plan.marketplace_id),
        *("--admin-username", plan.admin_username, "--admin-password", plan.admin_password),
        *("--client-id", plan.client_id, "--client-secret", plan.client_secret),
        *("--database-url", database_url),
    ]


async def login(client: httpx.AsyncClient, plan: Bootstrap, password: str | None = None) -> httpx.Response:
    return await client.post(
        "/oauth/token",
        data={
            "grant_type": "password",
            "client_id": plan.client_id,
            "client_secret": plan.client_secret,
            "username": plan.admin_username,
            "password": plan.admin_password if password is None else password,
        },
    )


async def test_init_refuses_other_credentials_and_keeps_the_old_ones(
    client: httpx.AsyncClient, database: Database, database_url: str
) -> None:
    first = plan()
    made = await run(init_args(first, database_url))
    assert made.exit_code == 0, made.output
    same = await run(init_args(first, database_url))
    assert same.exit_code == 0, same.output
    assert "nothing to do" in same.output
    other_marketplace = plan()
    for changed, complaint in (
        (replace(first, admin_password="Another-Pass-99"), f"admin user {first.admin_username} of marketplace"),
        (replace(first, client_secret="another-secret"), f"API client {first.client_id} of marketplace"),
        (replace(first, admin_username="someone-else"), "exists without an admin user someone-else"),
        (replace(first, client_id=f"{first.client_id}-2"), f"exists without an API client {first.client_id}-2"),
        (replace(other_marketplace, client_id=first.client_id), "belongs to another marketplace"),
    ):
        refused = await run(init_args(changed, database_url))
        assert refused.exit_code == 1, (changed, refused.output)
        assert "init refused: the database holds other credentials" in refused.output
        assert complaint in refused.output
    assert (await login(client, first)).status_code == 200  # the old credentials stand
    assert (await login(client, first, "Another-Pass-99")).status_code == 400
    async with database.transaction(write=False) as connection:
        assert (
            await connection.scalar(
                select(marketplaces.c.id).where(marketplaces.c.id == other_marketplace.marketplace_id)
            )
            is None
        )
        admins = select(users.c.id).where(users.c.marketplace_id == first.marketplace_id)
        assert (await connection.execute(admins)).scalars().all() == [first.admin_username]


async def test_init_names_a_username_of_another_kind_of_user(
    database: Database, database_url: str, callers: Callers
) -> None:
    taken = plan()
    assert (await run(init_args(taken, database_url))).exit_code == 0
    buyer = Callers(database, callers.keys, callers.issuer, taken.marketplace_id)
    await buyer.user(UserType.BUYER, "b1", "shopper")
    refused = await run(init_args(replace(taken, admin_username="Shopper"), database_url))
    assert refused.exit_code == 1
    assert f"username Shopper of marketplace {taken.marketplace_id} is not an admin user's" in refused.output


async def test_reset_password(client: httpx.AsyncClient, database: Database, database_url: str) -> None:
    admin = plan()
    assert (await run(init_args(admin, database_url))).exit_code == 0
    command = ["admin", "reset-password", "--marketplace-id", admin.marketplace_id, "--username", admin.admin_username]
    command += ["--database-url", database_url]

    from_env = await run(command, env={"MERCATO_ADMIN_PASSWORD": "From-The-Env-42"})
    assert from_env.exit_code == 0, from_env.output
    assert "From-The-Env-42" not in from_env.output
    assert (await login(client, admin)).status_code == 400  # the old password is gone
    assert (await login(client, admin, "From-The-Env-42")).status_code == 200

    async with database.transaction() as connection:  # locked out
        await connection.execute(
            update(users)
            .where(users.c.marketplace_id == admin.marketplace_id)
            .values(failed_login_attempts=10, locked_until=datetime.now(UTC) + timedelta(hours=1))
        )
    assert (await login(client, admin, "From-The-Env-42")).status_code == 400
    prompted = await run(command, env={"MERCATO_ADMIN_PASSWORD": None}, stdin="Prompted-Pass-77\nPrompted-Pass-77\n")
    assert prompted.exit_code == 0, prompted.output
    assert "Prompted-Pass-77" not in prompted.output  # hidden
    assert (await login(client, admin, "Prompted-Pass-77")).status_code == 200  # and the lockout ended
    async with database.transaction(write=False) as connection:
        stored = (
            await connection.execute(
                select(users.c.password_hash).where(users.c.marketplace_id == admin.marketplace_id)
            )
        ).scalar_one()
    assert stored.startswith("$argon2id$")

    mismatch = await run(command, env={"MERCATO_ADMIN_PASSWORD": None}, stdin="Prompted-Pass-78\nPrompted-Pass-79\n")
    assert mismatch.exit_code != 0
    assert "do not match" in mismatch.output
    assert (await login(client, admin, "Prompted-Pass-77")).status_code == 200


async def test_reset_password_applies_the_password_policy(
    client: httpx.AsyncClient, database: Database, database_url: str
) -> None:
    admin = plan()
    assert (await run(init_args(admin, database_url))).exit_code == 0
    command = ["admin", "reset-password", "--marketplace-id", admin.marketplace_id, "--username", admin.admin_username]
    command += ["--database-url", database_url]
    weak = await run(command, env={"MERCATO_ADMIN_PASSWORD": "weak"})
    assert weak.exit_code == 1
    assert "reset-password failed: The password must contain at least 10 characters" in weak.output
    async with database.transaction() as connection:  # the admins' profile asks for more
        await connection.execute(
            update(security_profiles)
            .where(security_profiles.c.marketplace_id == admin.marketplace_id)
            .values(password_config={"MinimumCharacterCount": 20})
        )
    short = await run(command, env={"MERCATO_ADMIN_PASSWORD": "Twelve-Chars1"})
    assert short.exit_code == 1
    assert "at least 20 characters" in short.output
    assert (await login(client, admin)).status_code == 200  # unchanged


async def test_reset_password_refuses_unknown_users_and_passwords_in_argv(database_url: str) -> None:
    admin = plan()
    assert (await run(init_args(admin, database_url))).exit_code == 0
    env: dict[str, str | None] = {"MERCATO_ADMIN_PASSWORD": "Good-Enough-Pass1"}
    for marketplace, username in ((admin.marketplace_id, "nobody"), ("no-such-marketplace", admin.admin_username)):
        command = ["admin", "reset-password", "--marketplace-id", marketplace, "--username", username]
        unknown = await run([*command, "--database-url", database_url], env=env)
        assert unknown.exit_code == 1
        assert f"marketplace {marketplace} has no admin user {username}" in unknown.output
    argv = ["admin", "reset-password", "--marketplace-id", admin.marketplace_id, "--username", admin.admin_username]
    in_argv = await run([*argv, "--password", "Good-Enough-Pass1", "--database-url", database_url])
    assert in_argv.exit_code == 2
    assert "No such option: --password" in in_argv.output
