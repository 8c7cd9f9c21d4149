"""Writable IDs: the character rule, generated IDs, and ``{incrementorID}`` placeholders.

An ID is 1-100 letters, digits, ``-`` or ``_`` (docs/decisions/0003-ids.md). A caller may instead send a
template such as ``"PO-{orders}-X"``: each ``{incrementorID}`` is replaced by that incrementor's next number,
left-padded with zeros to its LeftPaddingCount. The number is taken with one atomic
``UPDATE … SET last_number = last_number + 1 … RETURNING``, inside the caller's transaction: concurrent
requests queue on the row lock and never share a number, and a request that fails rolls its number back, so
successful allocations leave no gaps.
"""

from __future__ import annotations

import base64
import re
import uuid

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.db.tables import incrementors
from mercato.db.tables.metadata import ID_LENGTH
from mercato.errors import NotFound, ValidationFailure

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")
TEMPLATE_PATTERN = re.compile(r"^(?:[A-Za-z0-9_-]|\{[A-Za-z0-9_-]+\})+$")
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_-]+)\}")


def generate_id() -> str:
    """22 URL-safe characters (a random UUID in unpadded base64url), like OrderCloud's generated IDs."""
    return base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()


def check_id(value: str, field: str = "ID") -> str:
    if not value or len(value) > ID_LENGTH or not ID_PATTERN.match(value):
        raise ValidationFailure(
            f"{field} must be 1 to {ID_LENGTH} letters, digits, '-' or '_' (got {value[:120]!r})", field
        )
    return value


def has_placeholder(value: str) -> bool:
    return "{" in value


async def resolve_id(connection: AsyncConnection, marketplace_id: str, value: str | None, field: str = "ID") -> str:
    """The ID to store for a caller-supplied ``value``: generated when absent, placeholders filled, checked."""
    if value is None or value == "":
        return generate_id()
    if not has_placeholder(value):
        return check_id(value, field)
    if not TEMPLATE_PATTERN.match(value):
        raise ValidationFailure(
            f"{field} may contain only letters, digits, '-', '_' and {{incrementorID}} placeholders", field
        )
    parts: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(value):
        parts.append(value[position : match.start()])
        parts.append(await next_number(connection, marketplace_id, match.group(1)))
        position = match.end()
    parts.append(value[position:])
    return check_id("".join(parts), field)


async def next_number(connection: AsyncConnection, marketplace_id: str, incrementor_id: str) -> str:
    """Atomically take the incrementor's next number, formatted with its padding."""
    statement = (
        update(incrementors)
        .where(incrementors.c.marketplace_id == marketplace_id, incrementors.c.id == incrementor_id)
        .values(last_number=incrementors.c.last_number + 1)
        .returning(incrementors.c.last_number, incrementors.c.left_padding_count)
    )
    row = (await connection.execute(statement)).first()
    if row is None:
        raise NotFound("Incrementor", incrementor_id)
    number, padding = row
    return str(number).zfill(padding)
