"""ordercloud-python (2026.10.2) pointed at the test server, and the two things it offers only through private
attributes (SDK-WIRE.md §1): the password grant and a look at the token requests it sends.

Read from the installed package: ``OrderCloudClient.create(client_id, client_secret, base_url (with /v1),
auth_url (the full token URL), scopes (default ["FullAccess"]), timeout, max_retries, retry_backoff)``; the first
call POSTs ``client_credentials`` (always with ``client_secret``, possibly empty, and ``scope``); an expired token
(``expires_in`` - 30 s) is refreshed with ``refresh_token`` + ``client_id`` only, falling back to
client_credentials on an HTTP error; ``TokenManager.authenticate_password(httpx_client, username, password)``
sends ``client_secret`` only when non-empty. List methods take ``search``, ``search_on`` and ``sort_by`` (plain
comma-separated strings), ``page``, ``page_size`` and ``filters`` (a flat dict with dotted keys; a list value
repeats the key). Errors: ``AuthenticationError`` (401/403) and ``OrderCloudError`` (others), both with
``status_code`` and ``errors[i].error_code``/``message``/``data``; token-endpoint errors are raw
``httpx.HTTPStatusError``s."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

import httpx
from ordercloud import OrderCloudClient

from tests.sdk.server import MercatoServer

SECRET_FIELDS = frozenset({"client_secret", "password", "refresh_token"})


def python_client(
    server: MercatoServer,
    *,
    client_id: str | None = None,
    client_secret: str | None = None,
    scopes: list[str] | None = None,
) -> OrderCloudClient:
    """A client for the server's admin API client (or the given one); use it as ``async with``."""
    return OrderCloudClient.create(
        client_id=client_id or server.client_id,
        client_secret=server.client_secret if client_secret is None else client_secret,
        base_url=server.api_url,
        auth_url=server.token_url,
        scopes=scopes,
        timeout=20.0,
    )


async def password_login(client: OrderCloudClient, username: str, password: str) -> None:
    """The password grant (elevated when the client has a secret); later calls use the token it gets."""
    await client._token_manager.authenticate_password(client._http._client, username, password)


def expire_token(client: OrderCloudClient) -> None:
    """Make the held access token look expired, so the next call refreshes it."""
    token = client._token_manager._token
    assert token is not None, "no token yet"
    token._expires_at = 0


@dataclass
class TokenRequest:
    form: dict[str, str]
    """The form sent, with secrets replaced by ``***`` (or ``""`` when sent empty)."""
    status: int | None = None

    @property
    def grant(self) -> str:
        return self.form.get("grant_type", "")


def record_token_requests(client: OrderCloudClient, server: MercatoServer) -> list[TokenRequest]:
    """Every POST the client makes to the token endpoint from now on, with its answer's status."""
    seen: list[TokenRequest] = []
    by_request: dict[int, TokenRequest] = {}

    async def on_request(request: httpx.Request) -> None:
        if str(request.url) == server.token_url:
            form = {k: ("***" if k in SECRET_FIELDS and v else v) for k, v in parse_qsl(request.content.decode(), True)}
            by_request[id(request)] = entry = TokenRequest(form)
            seen.append(entry)

    async def on_response(response: httpx.Response) -> None:
        entry = by_request.get(id(response.request))
        if entry is not None:
            entry.status = response.status_code

    http = client._http._client
    http.event_hooks["request"].append(on_request)
    http.event_hooks["response"].append(on_response)
    return seen
