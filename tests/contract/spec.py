"""The OrderCloud contract, read from the in-repo copy in ``tests/contract/ordercloud/`` (see its README): CATALOG.md
(every operation today) and openapi.json (the older spec, whose security lists are the published roles)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CONTRACT = Path(__file__).resolve().parent / "ordercloud"
LINE = re.compile(r"^- (?:★ )?`(GET|POST|PUT|PATCH|DELETE) ([^`]+)` — ([A-Za-z]+\.[A-Za-z]+)( †)?(.*)$")
ROLES = re.compile(r"roles: ([A-Za-z, ]+?)(?: — |$)")


@dataclass(frozen=True, slots=True)
class SpecOperation:
    method: str
    path: str
    operation_id: str
    roles: frozenset[str] | None
    """None when no roles are published (operations newer than openapi.json)."""


def normalise(path: str) -> str:
    """Compare paths as the router does: literal segments case-folded, parameter names ignored."""
    path = re.sub(r"^/v1(?=/)", "", path if path.startswith("/") else "/" + path)
    segments = ["{}" if s.startswith("{") else s.lower() for s in path.strip("/").split("/")]
    return "/" + "/".join(segments)


@cache
def catalog() -> dict[str, SpecOperation]:
    operations = {}
    openapi = _openapi_roles()
    for line in (CONTRACT / "CATALOG.md").read_text().splitlines():
        match = LINE.match(line)
        if not match:
            continue
        method, path, operation_id, newer, rest = match.groups()
        roles = openapi.get(operation_id)
        if roles is None and not newer:
            found = ROLES.search(rest)
            roles = frozenset(r.strip() for r in found.group(1).split(",")) if found else frozenset()
        operations[operation_id] = SpecOperation(method, normalise(path), operation_id, roles)
    return operations


def _openapi_roles() -> dict[str, frozenset[str]]:
    spec = json.loads((CONTRACT / "openapi.json").read_text())
    roles = {}
    for methods in spec["paths"].values():
        for operation in methods.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            scopes = {scope for entry in operation.get("security", []) for scopes in entry.values() for scope in scopes}
            roles[operation["operationId"]] = frozenset(scopes - {"FullAccess"})
    return roles
