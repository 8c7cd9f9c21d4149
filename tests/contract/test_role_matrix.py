"""For every implemented operation: a token without any sufficing role gets 403 Auth.InsufficientRoles, and a
token with each sufficing role gets past the guard (whatever the operation then answers, it is not 401/403)."""

from __future__ import annotations

import re

import httpx
import pytest

from mercato.api import RouteOperation, route_operations
from mercato.auth.roles import Role
from mercato.context import UserType
from tests.fixtures.identity import Callers

GUARDED = [r for r in route_operations() if r.operation.roles and r.path.startswith("/v1")]


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "no-such-thing", path)


def unrelated_role(route: RouteOperation) -> str:
    return next(role.value for role in Role if role not in route.operation.roles and role is not Role.FullAccess)


async def call(client: httpx.AsyncClient, route: RouteOperation, headers: dict[str, str]) -> httpx.Response:
    body: dict[str, object] | None = {} if route.method in ("POST", "PUT", "PATCH") else None
    return await client.request(route.method, concrete(route.path), json=body, headers=headers)


@pytest.mark.parametrize("route", GUARDED, ids=lambda r: r.operation.id)
async def test_without_a_sufficing_role_it_is_403(
    client: httpx.AsyncClient, callers: Callers, route: RouteOperation
) -> None:
    response = await call(client, route, await callers.headers(unrelated_role(route)))
    assert response.status_code == 403, response.text
    error = response.json()["Errors"][0]
    assert error["ErrorCode"] == "Auth.InsufficientRoles"
    assert set(error["Data"]["SufficientRoles"]) == set(route.operation.roles)


@pytest.mark.parametrize("route", GUARDED, ids=lambda r: r.operation.id)
async def test_each_sufficing_role_passes_the_guard(
    client: httpx.AsyncClient, callers: Callers, route: RouteOperation
) -> None:
    for role in sorted([*route.operation.roles, Role.FullAccess]):
        response = await call(client, route, await callers.headers(role))
        assert response.status_code not in (401, 403), f"{role}: {response.status_code} {response.text}"
        assert response.status_code < 500, response.text


SELLER_ONLY = [r for r in GUARDED if r.operation.seller_only]


@pytest.mark.parametrize("route", SELLER_ONLY, ids=lambda r: r.operation.id)
async def test_seller_only_operations_refuse_buyer_and_supplier_users_whatever_their_roles(
    client: httpx.AsyncClient, callers: Callers, route: RouteOperation
) -> None:
    for user_type in (UserType.BUYER, UserType.SUPPLIER):
        response = await call(client, route, await callers.headers(Role.FullAccess, user_type=user_type))
        assert response.status_code == 403, response.text
        assert response.json()["Errors"][0]["ErrorCode"] == "Auth.UserNotAuthorizedToAdmin"


def test_the_matrix_covers_every_guarded_operation() -> None:
    assert len(GUARDED) == len({r.operation.id for r in GUARDED}) > 40
