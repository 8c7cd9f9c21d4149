"""Fixtures of the official-client tests: one real server per session (``mercato_server``), the ``mercato``
fixture for a test that drives it with ordercloud-python, and ``js`` for one that runs a JS SDK scenario. A failing
test gets what the server logged meanwhile (warnings and errors) as a report section."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Generator, Iterator
from pathlib import Path

import pytest

from tests.fixtures.database import TEST_DATABASE_ENV
from tests.sdk.js import JsRunner, require_node
from tests.sdk.server import MercatoServer, fresh_database, running_server

LOG_MARK = pytest.StashKey[tuple[MercatoServer, int]]()


@pytest.fixture(scope="session")
def sdk_directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sdk-server")


@pytest.fixture(scope="session")
async def sdk_database_url(anyio_backend: str, sdk_directory: Path) -> AsyncIterator[str]:
    """A database of the server's own (never the in-process suite's): same engine choice as the suite.
    Naming ``anyio_backend`` makes the anyio plugin run this async fixture for sync (JS) tests too."""
    async with fresh_database(os.environ.get(TEST_DATABASE_ENV), sdk_directory) as url:
        yield url


@pytest.fixture(scope="session")
def mercato_server(sdk_database_url: str, sdk_directory: Path) -> Iterator[MercatoServer]:
    with running_server(sdk_database_url, sdk_directory) as server:
        yield server


@pytest.fixture
def mercato(mercato_server: MercatoServer, request: pytest.FixtureRequest) -> MercatoServer:
    request.node.stash[LOG_MARK] = (mercato_server, mercato_server.log_size())
    return mercato_server


@pytest.fixture
def js(request: pytest.FixtureRequest) -> JsRunner:
    node = require_node()  # before the server starts: a run without Node skips (or fails) at once
    server: MercatoServer = request.getfixturevalue("mercato")
    return JsRunner(server, node)


@pytest.fixture
def tag() -> str:
    """Unique per test: part of every ID and name a test creates, since all tests share one marketplace."""
    return uuid.uuid4().hex[:8]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    mark = item.stash.get(LOG_MARK, None)
    if report.failed and mark is not None:
        server, offset = mark
        report.sections.append(("mercato server log", server.log_since(offset) or "(nothing logged)"))
    return report
