"""Every implemented route matches the shared contract: method, path, operationId and roles."""

from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.routes import HTTPRoute

from mercato.api import RouteOperation, route_handlers, route_operations
from tests.contract.spec import catalog, normalise

ROUTES = route_operations()


def test_there_are_routes_to_check() -> None:
    assert len(ROUTES) > 20
    assert len(catalog()) > 600


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.path}")
def test_route_matches_the_catalog(route: RouteOperation) -> None:
    spec = catalog().get(route.operation.id)
    assert spec is not None, f"{route.operation.id} is not an OrderCloud operation"
    assert route.method == spec.method
    assert normalise(route.path.replace(":str", "")) == spec.path
    if spec.roles is not None:
        assert set(route.operation.roles) == spec.roles, f"roles of {route.operation.id} differ from the spec"


def test_operation_ids_are_unique() -> None:
    ids = [route.operation.id for route in ROUTES]
    assert len(ids) == len(set(ids))


def test_every_v1_route_declares_an_operation() -> None:
    app = Litestar(route_handlers=route_handlers(), openapi_config=None)
    for route in app.routes:
        if isinstance(route, HTTPRoute) and route.path.startswith("/v1"):
            for handler in route.route_handlers:
                if handler.http_methods != {"OPTIONS"}:  # Litestar's own OPTIONS answers (CORS preflight)
                    assert "operation" in handler.opt, f"{route.path} has no operation"
