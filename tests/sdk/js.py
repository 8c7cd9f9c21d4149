"""Running a scenario of the official JavaScript SDK (``tests/sdk/js/scenarios/<name>.mjs``) in Node against the
test server. The workspace is installed by ``make sdk-js`` (``npm ci --prefix tests/sdk/js``).

Without Node or the installed workspace the JS tests skip, except where ``MERCATO_REQUIRE_SDK=1`` (set by
``.ci/run``): there they fail, so CI can never pass by silently skipping them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.sdk.server import MercatoServer

JS_DIR = Path(__file__).parent / "js"
RUNNER = JS_DIR / "run.mjs"
REQUIRE_ENV = "MERCATO_REQUIRE_SDK"
SCENARIO_TIMEOUT = 120.0


def node_problem() -> str | None:
    """Why the JS SDK cannot run here, or None."""
    if shutil.which("node") is None:
        return "node is not on PATH (install Node.js 20 and npm)"
    if not (JS_DIR / "node_modules" / "ordercloud-javascript-sdk" / "package.json").exists():
        return f"the JS workspace is not installed: run `make sdk-js` (npm ci --prefix {JS_DIR})"
    return None


def require_node() -> str:
    """The path of ``node``; skips the test (fails it under MERCATO_REQUIRE_SDK=1) when the SDK cannot run."""
    problem = node_problem()
    if problem is not None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but {problem}", pytrace=False)
        pytest.skip(problem)
    node = shutil.which("node")
    assert node is not None
    return node


@dataclass(frozen=True)
class JsRunner:
    """``js("login")`` runs scenarios/login.mjs and returns what it returned (parsed JSON)."""

    server: MercatoServer
    node: str

    def environment(self) -> dict[str, str]:
        return os.environ | {
            "SDK_BASE_URL": self.server.base_url,
            "SDK_CLIENT_ID": self.server.client_id,
            "SDK_CLIENT_SECRET": self.server.client_secret,
            "SDK_USERNAME": self.server.username,
            "SDK_PASSWORD": self.server.password,
            "NO_PROXY": "127.0.0.1,localhost",  # axios honours HTTP(S)_PROXY; the server is on loopback
            "no_proxy": "127.0.0.1,localhost",
        }

    def __call__(self, scenario: str, **params: Any) -> Any:
        command = [self.node, str(RUNNER), scenario, json.dumps(params)]
        try:
            done = subprocess.run(
                command,
                cwd=JS_DIR,
                env=self.environment(),
                capture_output=True,
                text=True,
                timeout=SCENARIO_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as timeout:
            pytest.fail(f"JS scenario {scenario} ran over {SCENARIO_TIMEOUT:.0f}s:\n{timeout.stderr!r}", pytrace=False)
        if done.returncode != 0:
            output = f"{done.stderr.strip()}\n{done.stdout.strip()}".strip()
            pytest.fail(f"JS scenario {scenario} failed (exit {done.returncode}):\n{output}", pytrace=False)
        lines = done.stdout.strip().splitlines()
        try:
            answer = json.loads(lines[-1])
        except (IndexError, json.JSONDecodeError):
            pytest.fail(f"JS scenario {scenario} printed no JSON result:\n{done.stdout}\n{done.stderr}", pytrace=False)
        assert answer.get("ok") is True, answer
        return answer["result"]
