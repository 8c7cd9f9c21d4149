"""The shared persistence of a resource: a msgspec model on one Core table, with OrderCloud's ID, PUT and PATCH
rules applied the same way everywhere (docs/decisions/0003-ids.md, 0004-put-patch-xp.md).

A model field ``LastNumber`` lives in column ``last_number`` (the names are derived, so a model and its table
cannot drift apart silently: the constructor refuses a field without a column). ``scope`` columns lead the
key (``marketplace_id`` first, then parents such as ``buyer_id``) and are filled from the caller's context,
never from the body. ``read_only`` fields are the server's: ignored on write, kept by PUT and PATCH.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import msgspec
from sqlalchemy import Row, Select, Table, bindparam, delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

from mercato.codec import convert
from mercato.db.dialect import insert_if_absent
from mercato.errors import IdExists, NotFound, ValidationFailure
from mercato.ids import check_id, resolve_id
from mercato.listing import ListPage, ListQuery, ListSpec, fetch_page
from mercato.patching import patch_model
from mercato.xp import check_xp

M = TypeVar("M", bound=msgspec.Struct)

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def column_name(field: str) -> str:
    """``LastNumber`` -> ``last_number``, ``DefaultCatalogID`` -> ``default_catalog_id``, ``xp`` -> ``xp``."""
    return _WORD_BOUNDARY.sub("_", field).lower()


Scope = Mapping[str, Any]
"""Values of the scope columns, e.g. ``{"marketplace_id": "m1", "buyer_id": "b1"}``."""


@dataclass(frozen=True, slots=True)
class Saved(Generic[M]):
    item: M
    created: bool


class Store(Generic[M]):
    def __init__(
        self,
        table: Table,
        model: type[M],
        object_type: str,
        *,
        scope: Sequence[str] = ("marketplace_id",),
        read_only: frozenset[str] = frozenset(),
        computed: frozenset[str] = frozenset(),
        derived: Callable[[M], Mapping[str, Any]] | None = None,
        flatten: Mapping[str, tuple[type[msgspec.Struct], str]] | None = None,
    ) -> None:
        self.table = table
        self.model = model
        self.object_type = object_type
        self.scope = tuple(scope)
        self.read_only = read_only | computed
        names = [f.name for f in msgspec.structs.fields(model)]
        self.flatten = {
            name: (nested, [(sub.name, prefix + column_name(sub.name)) for sub in msgspec.structs.fields(nested)])
            for name, (nested, prefix) in (flatten or {}).items()
        }
        """A nested object stored as prefixed columns: ``Inventory.QuantityAvailable`` in
        ``inventory_quantity_available`` (so that it can be filtered, indexed and updated atomically)."""
        self.fields = tuple((name, column_name(name)) for name in names if name not in computed | set(self.flatten))
        nested_columns = [column for _, subs in self.flatten.values() for _, column in subs]
        missing = [column for _, column in self.fields if column not in table.c]
        missing += [column for column in nested_columns if column not in table.c]
        if missing:
            raise TypeError(f"{model.__name__}: no column in {table.name} for {missing}")
        self.id = table.c.id
        self.has_xp = "xp" in names
        self.derived = derived
        """Columns computed from the model on every write (e.g. a lower-cased lookup key)."""
        self._writable = tuple((f, c) for f, c in self.fields if f not in self.read_only and f != "ID")
        # The reads by key, built once: SQLAlchemy keys and compiles a statement object once, so the per-request
        # cost is binding the values (a statement built per call pays its cache key every time).
        by_key = [table.c[name] == bindparam(f"key_{name}") for name in self.scope] + [self.id == bindparam("key_id")]
        self._find = select(table).where(*by_key)
        self._exists = select(exists().where(*by_key))

    # --- rows and models ---------------------------------------------------------------------------------------

    def from_row(self, row: Row[Any] | Mapping[str, Any]) -> M:
        mapping = row._mapping if isinstance(row, Row) else row
        values = {field: mapping[column] for field, column in self.fields}
        for field, (nested, subs) in self.flatten.items():
            values[field] = nested(**{sub: mapping[column] for sub, column in subs})
        return self.model(**values)

    def values(self, item: M) -> dict[str, Any]:
        """Column values for the writable fields of ``item`` (not ID, not read-only)."""
        values = {column: getattr(item, field) for field, column in self._writable}
        for field, (nested, subs) in self.flatten.items():
            if field in self.read_only:
                continue
            inner = getattr(item, field) or nested()
            values.update({column: getattr(inner, sub) for sub, column in subs})
        if self.has_xp:
            values["xp"] = check_xp(values["xp"])
        if self.derived is not None:
            values.update(self.derived(item))
        return values

    def key(self, scope: Scope, item_id: str) -> list[ColumnElement[bool]]:
        return [*self.scoped(scope), self.id == item_id]

    def scoped(self, scope: Scope) -> list[ColumnElement[bool]]:
        return [self.table.c[name] == scope[name] for name in self.scope]

    def select(self, scope: Scope) -> Select[Any]:
        return select(self.table).where(*self.scoped(scope))

    # --- reads -------------------------------------------------------------------------------------------------

    async def find(self, connection: AsyncConnection, scope: Scope, item_id: str) -> M | None:
        row = (await connection.execute(self._find, self._key_values(scope, item_id))).first()
        return None if row is None else self.from_row(row)

    async def get(self, connection: AsyncConnection, scope: Scope, item_id: str) -> M:
        item = await self.find(connection, scope, item_id)
        if item is None:
            raise NotFound(self.object_type, item_id)
        return item

    async def exists(self, connection: AsyncConnection, scope: Scope, item_id: str) -> bool:
        return bool(await connection.scalar(self._exists, self._key_values(scope, item_id)))

    def _key_values(self, scope: Scope, item_id: str) -> dict[str, Any]:
        values = {f"key_{name}": scope[name] for name in self.scope}
        values["key_id"] = item_id
        return values

    async def list(
        self, connection: AsyncConnection, spec: ListSpec, query: ListQuery, base: Select[Any]
    ) -> ListPage[M]:
        page = await fetch_page(connection, base, spec, query)
        return ListPage(Items=[self.from_row(row) for row in page.rows], Meta=page.meta)

    # --- writes ------------------------------------------------------------------------------------------------

    async def create(
        self, connection: AsyncConnection, scope: Scope, item: M, server: Mapping[str, Any] | None = None
    ) -> M:
        """POST: the body's ID (placeholders filled) or a generated one; 409 IdExists when it is taken.
        ``server`` holds values of columns the server owns (DateCreated, hashes, internal ids)."""
        item_id = await resolve_id(connection, scope["marketplace_id"], getattr(item, "ID", None))
        return await self.insert(connection, scope, item_id, self.values(item) | dict(server or {}))

    async def insert(self, connection: AsyncConnection, scope: Scope, item_id: str, values: Mapping[str, Any]) -> M:
        inserted = await self._insert_if_absent(connection, scope, item_id, values)
        if inserted is None:
            raise IdExists(self.object_type, item_id)
        return inserted

    async def _insert_if_absent(
        self, connection: AsyncConnection, scope: Scope, item_id: str, values: Mapping[str, Any]
    ) -> M | None:
        """INSERT … ON CONFLICT DO NOTHING: a taken ID is reported without an error that aborts the transaction."""
        row = {**scope, "id": item_id, **values}
        statement = insert_if_absent(connection.dialect.name, self.table, row, [*self.scope, "id"])
        inserted = (await connection.execute(statement.returning(*self.table.c))).first()
        return None if inserted is None else self.from_row(inserted)

    async def save(
        self,
        connection: AsyncConnection,
        scope: Scope,
        item_id: str,
        item: M,
        server: Mapping[str, Any] | None = None,
        also: Mapping[str, Any] | None = None,
    ) -> Saved[M]:
        """PUT: replace every writable field (omitted ones were reset to defaults by decoding), or create.

        ``server`` holds values for read-only columns, used only when the row is created (DateCreated…);
        ``also`` holds server-side column values written either way (a new password hash…).
        A different ID in the body renames the object.
        """
        new_id = await self._new_id(connection, scope, item_id, getattr(item, "ID", None))
        values = self.values(item) | dict(also or {})
        if not await self.exists(connection, scope, item_id):
            # The path names the new object, so its ID obeys POST's rule; a placeholder is refused there, not
            # expanded: a PUT that is retried must land on the same URI (docs/decisions/0003-ids.md).
            check_id(item_id)
            created = await self._insert_if_absent(connection, scope, new_id, values | dict(server or {}))
            if created is not None:
                return Saved(created, True)
            # Another request created it a moment ago: replace that one, as PUT promises.
        return Saved(await self.update(connection, scope, item_id, values, new_id), False)

    async def patch(
        self,
        connection: AsyncConnection,
        scope: Scope,
        item_id: str,
        changes: Mapping[str, Any],
        also: Mapping[str, Any] | None = None,
    ) -> M:
        """PATCH: merge ``changes`` (decoded JSON) into the stored object; only sent fields change."""
        merged = await self.merged(connection, scope, item_id, changes)
        sent_id = None if "ID" in self.read_only else changes.get("ID")
        new_id = await self._new_id(connection, scope, item_id, sent_id)
        return await self.update(connection, scope, item_id, self.values(merged) | dict(also or {}), new_id)

    async def merged(self, connection: AsyncConnection, scope: Scope, item_id: str, changes: Mapping[str, Any]) -> M:
        """The stored object with ``changes`` merged in and validated, not yet written (404 when missing)."""
        current = await self.get(connection, scope, item_id)
        sent = {key: value for key, value in changes.items() if key not in self.read_only}
        return convert(patch_model(msgspec.to_builtins(current), sent), self.model)

    async def update(
        self, connection: AsyncConnection, scope: Scope, item_id: str, values: Mapping[str, Any], new_id: str
    ) -> M:
        changes = dict(values)
        if new_id != item_id:
            changes["id"] = new_id
        statement = update(self.table).where(*self.key(scope, item_id)).values(**changes)
        row = (await connection.execute(statement.returning(*self.table.c))).first()
        if row is None:
            raise NotFound(self.object_type, item_id)
        return self.from_row(row)

    async def delete(self, connection: AsyncConnection, scope: Scope, item_id: str) -> None:
        result = await connection.execute(delete(self.table).where(*self.key(scope, item_id)))
        if result.rowcount == 0:
            raise NotFound(self.object_type, item_id)

    async def _new_id(self, connection: AsyncConnection, scope: Scope, item_id: str, sent: Any) -> str:
        if sent is None or sent == item_id:
            return item_id
        if not isinstance(sent, str):
            raise ValidationFailure("ID must be a string", "ID")
        new_id = await resolve_id(connection, scope["marketplace_id"], sent)
        if new_id != item_id and await self.exists(connection, scope, new_id):
            raise IdExists(self.object_type, new_id)
        return new_id
