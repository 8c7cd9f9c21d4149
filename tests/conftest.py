"""Shared fixtures. The whole suite runs on SQLite, or on PostgreSQL when MERCATO_TEST_DATABASE_URL is set."""

from __future__ import annotations

import pytest

pytest_plugins = ["tests.fixtures.database", "tests.fixtures.app", "tests.fixtures.identity", "tests.fixtures.world"]


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A run in which nothing passed is a failure, even if nothing failed (everything skipped or deselected)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    passed = len(reporter.stats.get("passed", [])) if reporter is not None else 0
    if exitstatus == 0 and passed == 0:
        session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED
