"""Request bodies: JSON only, UTF-8, with errors that name the field."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

import httpx
import msgspec
import pytest
from litestar import Litestar, Request, post

from mercato.web.body import read_json, read_object
from mercato.web.errors import handle_exception


class Thing(msgspec.Struct, kw_only=True):
    Name: Annotated[str, msgspec.Meta(max_length=5)]
    Count: int = 0
    Inner: dict[str, int] | None = None


@post("/things", status_code=200)
async def make(request: Request[Any, Any, Any]) -> Thing:
    return await read_json(request, Thing)


@post("/patch", status_code=200)
async def patch(request: Request[Any, Any, Any]) -> dict[str, Any]:
    return await read_object(request)


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    app: Any = Litestar([make, patch], exception_handlers={Exception: handle_exception})
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        yield client


def error_of(response: httpx.Response) -> dict[str, Any]:
    [error] = response.json()["Errors"]
    assert isinstance(error, dict)
    return error


async def test_valid_body(http: httpx.AsyncClient) -> None:
    response = await http.post("/things", json={"Name": "abc", "Unknown": 1})
    assert response.status_code == 200
    assert response.json() == {"Name": "abc", "Count": 0, "Inner": None}


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code", "data"),
    [
        (b'{"Name": "abc"', "application/json", 400, "Request.InvalidRequestBody", None),
        (b"\xff\xfe", "application/json", 400, "Request.InvalidRequestBody", None),
        (b'{"Name": 5}', "application/json", 400, "ValidationFailure", {"Field": "Name"}),
        (b'{"Name": "toolong"}', "application/json", 400, "ValidationFailure", {"Field": "Name"}),
        (b'{"Count": 1}', "application/json", 400, "ValidationFailure", {"Field": "Name"}),
        (b'{"Name": "a", "Inner": {"x": "y"}}', "application/json", 400, "ValidationFailure", {"Field": "Inner[...]"}),
        (b'{"Name": "a"}', "text/plain", 415, "Request.InvalidContentType", {"ContentType": "text/plain"}),
        (b"Name=a", "application/x-www-form-urlencoded", 415, "Request.InvalidContentType", None),
        (b'{"Name": "a"}', "application/json; charset=latin-1", 415, "Request.InvalidContentType", None),
    ],
)
async def test_bad_bodies(
    http: httpx.AsyncClient, body: bytes, content_type: str, status: int, code: str, data: dict[str, str] | None
) -> None:
    response = await http.post("/things", content=body, headers={"Content-Type": content_type})
    assert response.status_code == status
    error = error_of(response)
    assert error["ErrorCode"] == code
    if data is not None:
        assert error["Data"] == data


async def test_json_with_charset_and_empty_bodies_are_accepted(http: httpx.AsyncClient) -> None:
    ok = await http.post(
        "/things", content=b'{"Name":"\xc3\xa9"}', headers={"Content-Type": "application/json; charset=utf-8"}
    )
    assert ok.json()["Name"] == "é"
    empty = await http.post("/patch", headers={"Content-Type": "application/json"})
    assert empty.json() == {}


async def test_a_patch_body_must_be_an_object(http: httpx.AsyncClient) -> None:
    response = await http.post("/patch", json=[1, 2])
    assert response.status_code == 400
    assert error_of(response)["ErrorCode"] == "Request.InvalidRequestBody"
