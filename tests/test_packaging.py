"""Packaging: the license ships and is declared in the non-deprecated form, and the runtime dependencies are exactly
what the server imports (the development tools stay in the ``dev`` extra, which ``make run`` does not install)."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "mercato"
DRIVERS = {"aiosqlite", "asyncpg"}
"""Loaded by SQLAlchemy from the database URL, never imported by name."""


def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def name_of(requirement: str) -> str:
    """The normalised distribution name of a requirement string (PEP 503)."""
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match is not None, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def imported_distributions() -> set[str]:
    """The distributions that provide the third-party modules imported anywhere in src/mercato."""
    modules: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    providers = importlib.metadata.packages_distributions()
    return {name_of(dist) for module in modules for dist in providers.get(module, []) if name_of(dist) != "mercato"}


def test_the_license_is_apache_2_in_full_and_declared_as_spdx() -> None:
    project = pyproject()["project"]
    assert project["license"] == "Apache-2.0"
    assert project["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text()
    assert "Apache License\n                           Version 2.0, January 2004" in text
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in text
    assert "9. Accepting Warranty or Additional Liability." in text
    assert "END OF TERMS AND CONDITIONS" in text
    assert "APPENDIX: How to apply the Apache License to your work." in text


def test_the_build_backend_supports_spdx_licenses() -> None:
    requires = pyproject()["build-system"]["requires"]
    version = next(r for r in requires if name_of(r) == "setuptools").split(">=")[1]
    assert int(version.split(".")[0]) >= 77  # license = "<SPDX>" and license-files arrived in setuptools 77


def test_runtime_dependencies_are_what_the_server_imports() -> None:
    project = pyproject()["project"]
    runtime = {name_of(r) for r in project["dependencies"]}
    dev = {name_of(r) for r in project["optional-dependencies"]["dev"]}
    imported = imported_distributions()
    assert imported - runtime == set(), "imported by src/mercato but not a runtime dependency"
    assert runtime - imported - DRIVERS == set(), "a runtime dependency src/mercato never imports"
    assert runtime & dev == set()
    assert "uvicorn" not in runtime | dev  # Granian serves; nothing runs uvicorn


def test_make_run_installs_only_the_runtime() -> None:
    makefile = (ROOT / "Makefile").read_text()
    rules = {line.split(":")[0]: line for line in makefile.splitlines() if re.match(r"^[a-z$][^=]*:", line)}
    assert rules["run"].startswith("run: $(RUNTIME_STAMP) ")
    runtime_recipe = makefile.split("$(RUNTIME_STAMP): ", 1)[1].split("\n\n", 1)[0]
    assert "-e .\n" in runtime_recipe + "\n"
    assert "[dev]" not in runtime_recipe
    dev_recipe = makefile.split("$(STAMP): ", 1)[1].split("\n\n", 1)[0]
    assert "-e '.[dev]'" in dev_recipe
    for target in ("install", "lint", "type", "test", "test-pg", "bench"):
        assert rules[target].split("##")[0].split(":", 1)[1].split()[0] in {"$(STAMP)", "install"}, target
    assert rules["check"].startswith("check: lint type test")
