from __future__ import annotations

import httpx


async def test_health_reports_the_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["Status"] == "OK"
    assert body["Database"] in ("sqlite", "postgresql")
    assert response.headers["x-request-id"]


async def test_unknown_route_is_an_ordercloud_not_found(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    [error] = response.json()["Errors"]
    assert error["ErrorCode"] == "NotFound"
    assert error["Data"] == {"ObjectType": "Route", "ObjectID": "/v1/nothing-here"}


async def test_wrong_method_is_405_with_allow(client: httpx.AsyncClient) -> None:
    response = await client.delete("/health")
    assert response.status_code == 405
    assert response.json()["Errors"][0]["ErrorCode"] == "Request.MethodNotAllowed"
    assert "GET" in response.headers["allow"]


async def test_request_id_from_a_proxy_is_kept_and_a_bad_one_replaced(client: httpx.AsyncClient) -> None:
    kept = await client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert kept.headers["x-request-id"] == "abc-123"
    replaced = await client.get("/health", headers=[(b"X-Request-ID", "bad id\u00e9".encode())])
    assert len(replaced.headers["x-request-id"]) == 32
