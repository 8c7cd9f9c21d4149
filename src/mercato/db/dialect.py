"""The only module where SQLite and PostgreSQL differ.

Everything else builds dialect-neutral SQLAlchemy Core; the constructs here compile differently per dialect:

* JSON paths into ``xp`` documents: the kind of value found, its text, its number (``json_kind``, ``json_text``,
  ``json_number``), the primitive values found there, arrays unrolled (``json_values``), and whether some element
  of an array there satisfies a condition (``json_array_any``). Paths are bound parameters, never spliced into
  SQL.
* case-insensitive matching: ``lower()`` on both; SQLite's built-in ``lower`` only folds ASCII, so each SQLite
  connection replaces it with Python's Unicode-aware ``str.lower`` (PostgreSQL folds Unicode in a UTF-8 locale).
* connection set-up (SQLite pragmas), transaction start (SQLite ``BEGIN IMMEDIATE`` for writes, so two writers
  queue on the database lock instead of failing to upgrade a read lock), upsert and row locks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ARRAY,
    Boolean,
    Numeric,
    String,
    Table,
    Text,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import Insert
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.selectable import FromClause
from sqlalchemy.sql.visitors import InternalTraversal

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA busy_timeout=30000",
)

JSON_KINDS = ("string", "number", "true", "false", "null", "object", "array")
"""What ``json_kind`` yields; SQL NULL when the path is absent (or the document itself is NULL)."""


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def configure_sqlite_connection(dbapi_connection: Any) -> None:
    """Run on every new SQLite connection: pragmas, Unicode ``lower``, and manual transaction control."""
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see begin_statement)
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def begin_statement(dialect_name: str) -> str:
    """The statement that opens a write transaction: on SQLite, take the write lock up front (see module doc)."""
    return "BEGIN IMMEDIATE" if dialect_name == "sqlite" else "BEGIN"


def code_point_order(dialect_name: str, column: ColumnElement[str]) -> ColumnElement[str]:
    """``column`` to ORDER BY in code-point order on both databases: SQLite compares text bytewise already, while a
    PostgreSQL database's default collation may be a language's (which ignores case and punctuation)."""
    return column.collate("C") if dialect_name == "postgresql" else column


def upsert(dialect_name: str, table: Table, values: Mapping[str, Any], keys: Sequence[str]) -> Insert:
    """INSERT … ON CONFLICT (keys) DO UPDATE SET (every other given column)."""
    insert = sqlite.insert if dialect_name == "sqlite" else postgresql.insert
    statement = insert(table).values(**values)
    changes = {name: statement.excluded[name] for name in values if name not in keys}
    if not changes:
        return statement.on_conflict_do_nothing(index_elements=list(keys))
    return statement.on_conflict_do_update(index_elements=list(keys), set_=changes)


def insert_if_absent(dialect_name: str, table: Table, values: Mapping[str, Any], keys: Sequence[str]) -> Insert:
    """INSERT … ON CONFLICT (keys) DO NOTHING; with RETURNING, no row back means the key was taken."""
    insert = sqlite.insert if dialect_name == "sqlite" else postgresql.insert
    return insert(table).values(**values).on_conflict_do_nothing(index_elements=list(keys))


# --- JSON paths -------------------------------------------------------------------------------------------------


class _JsonPathFunction(FunctionElement[Any]):
    """Base of the JSON constructs: clauses are (document, SQLite path, PostgreSQL path); one is used per dialect."""

    inherit_cache = True

    def __init__(self, document: ColumnElement[Any], path: Sequence[str]) -> None:
        sqlite_path = "$" + "".join(f'."{key}"' for key in path)
        super().__init__(
            document,
            bindparam(None, sqlite_path, type_=String(), unique=True),
            bindparam(None, list(path), type_=ARRAY(Text()), unique=True),
        )

    def parts(self, compiler: SQLCompiler, dialect: str, **kw: Any) -> tuple[str, str]:
        document, sqlite_path, pg_path = list(self.clauses)
        path = sqlite_path if dialect == "sqlite" else pg_path
        return compiler.process(document, **kw), compiler.process(path, **kw)


class json_kind(_JsonPathFunction):
    """One of JSON_KINDS for the value at the path, SQL NULL when absent."""

    type = String()
    inherit_cache = True


class json_text(_JsonPathFunction):
    """The value at the path as text (strings unquoted); meaningful where json_kind = 'string'."""

    type = String()
    inherit_cache = True


class json_number(_JsonPathFunction):
    """The value at the path as a number when it is a JSON number, else SQL NULL."""

    type = Numeric()
    inherit_cache = True


@compiles(json_kind, "sqlite")
def _json_kind_sqlite(element: json_kind, compiler: SQLCompiler, **kw: Any) -> str:
    doc, path = element.parts(compiler, "sqlite", **kw)
    raw = f"json_type({doc}, {path})"
    return (
        f"(CASE {raw} WHEN 'text' THEN 'string' WHEN 'integer' THEN 'number' WHEN 'real' THEN 'number' ELSE {raw} END)"
    )


@compiles(json_kind, "postgresql")
def _json_kind_pg(element: json_kind, compiler: SQLCompiler, **kw: Any) -> str:
    doc, path = element.parts(compiler, "postgresql", **kw)
    return (
        f"(CASE jsonb_typeof({doc} #> {path}) WHEN 'boolean' THEN ({doc} #>> {path}) "
        f"ELSE jsonb_typeof({doc} #> {path}) END)"
    )


@compiles(json_text, "sqlite")
def _json_text_sqlite(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    doc, path = element.parts(compiler, "sqlite", **kw)
    return f"CAST(json_extract({doc}, {path}) AS TEXT)"


@compiles(json_text, "postgresql")
def _json_text_pg(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    doc, path = element.parts(compiler, "postgresql", **kw)
    return f"({doc} #>> {path})"


@compiles(json_number, "sqlite")
def _json_number_sqlite(element: json_number, compiler: SQLCompiler, **kw: Any) -> str:
    doc, path = element.parts(compiler, "sqlite", **kw)
    return f"(CASE WHEN json_type({doc}, {path}) IN ('integer', 'real') THEN json_extract({doc}, {path}) END)"


@compiles(json_number, "postgresql")
def _json_number_pg(element: json_number, compiler: SQLCompiler, **kw: Any) -> str:
    doc, path = element.parts(compiler, "postgresql", **kw)
    return f"(CASE WHEN jsonb_typeof({doc} #> {path}) = 'number' THEN ({doc} #>> {path})::numeric END)"


@dataclass(frozen=True, slots=True)
class JsonValues:
    """Rows of the primitive values at a path: join ``source`` to the rows holding the document (``ON true``) and
    add ``where`` to the WHERE clause. ``kind`` is ``string``, ``number``, ``true`` or ``false`` (see JSON_KINDS)
    and ``text`` the value as text (strings unquoted, booleans ``true``/``false``)."""

    source: FromClause
    kind: ColumnElement[str]
    text: ColumnElement[str]
    where: ColumnElement[bool]


def json_values(dialect_name: str, document: ColumnElement[Any], path: Sequence[str]) -> JsonValues:
    """The primitive values found at the path of ``document``: the value itself, or each element of an array
    there. Nulls, objects and arrays nested in the array give no row; neither does a missing path.

    A table-valued function whose argument may name a column of a FROM item joined before it (``FROM rows JOIN
    json_each(rows.xp, …) ON true``): SQLite's ``json_each`` at the path (one parse of the document), PostgreSQL's
    ``jsonb_array_elements`` over the array, or over ``[value]`` when the value is not one (implicitly LATERAL)."""
    if dialect_name == "sqlite":
        sqlite_path = "$" + "".join(f'."{key}"' for key in path)
        each = func.json_each(document, bindparam(None, sqlite_path, type_=String(), unique=True)).table_valued(
            "key", "type", "value"
        )
        raw_type = each.c.type
        kind = case((raw_type == "text", "string"), (raw_type.in_(("integer", "real")), "number"), else_=raw_type)
        text = case((raw_type.in_(("true", "false")), raw_type), else_=cast(each.c.value, String()))
        # A value at the path has no key, an array's elements integer keys; an object's members (text keys) are
        # not values of the path.
        is_value = or_(each.c.key.is_(None), func.typeof(each.c.key) == "integer")
        primitive = raw_type.in_(("text", "integer", "real", "true", "false"))
        return JsonValues(each, kind, text, and_(is_value, primitive))
    found = _json_at(document, path)
    listed = case((func.jsonb_typeof(found) == "array", found), else_=func.jsonb_build_array(found))
    elements = func.jsonb_array_elements(listed).table_valued("value")
    value = elements.c.value
    as_text = value.op("#>>")(bindparam(None, [], type_=ARRAY(Text()), unique=True))
    typeof = func.jsonb_typeof(value)
    kind = case((typeof == "boolean", as_text), else_=typeof)
    return JsonValues(elements, kind, as_text, typeof.in_(("string", "number", "boolean")))


class _json_at(_JsonPathFunction):
    """The JSON value at the path, as jsonb (PostgreSQL only)."""

    inherit_cache = True


@compiles(_json_at, "postgresql")
def _json_at_pg(element: _json_at, compiler: SQLCompiler, **kw: Any) -> str:
    doc, path = element.parts(compiler, "postgresql", **kw)
    return f"({doc} #> {path})"


@dataclass(frozen=True, slots=True)
class JsonValue:
    """One JSON value as SQL: its kind (JSON_KINDS), its text (strings unquoted) and its number (NULL unless a
    number). A scalar at a path, or one element of an array there."""

    kind: ColumnElement[str]
    text: ColumnElement[str]
    number: ColumnElement[Any]


def json_scalar(document: ColumnElement[Any], path: Sequence[str]) -> JsonValue:
    """The value at the path of ``document``."""
    return JsonValue(json_kind(document, path), json_text(document, path), json_number(document, path))


def json_array_any(
    document: ColumnElement[Any], path: Sequence[str], condition: Callable[[JsonValue], ColumnElement[bool]]
) -> ColumnElement[bool]:
    """True when the value at the path is an array with some primitive element satisfying ``condition`` (built
    over a JsonValue of the element): an EXISTS over ``json_values``, written once per dialect."""

    def exists_in(dialect_name: str) -> ColumnElement[bool]:
        values = json_values(dialect_name, document, path)
        number = case((values.kind == "number", cast(values.text, Numeric())))
        element = JsonValue(values.kind, values.text, number)
        return select(literal_column("1")).select_from(values.source).where(values.where, condition(element)).exists()

    return and_(json_kind(document, path) == "array", _per_dialect(exists_in("sqlite"), exists_in("postgresql")))


class _per_dialect(ColumnElement[bool]):
    """A condition built twice, once per dialect; each compiles its own (for constructs such as table-valued
    functions whose shape differs, which a single @compiles could not express)."""

    type = Boolean()
    inherit_cache = True
    _traverse_internals = [
        ("sqlite", InternalTraversal.dp_clauseelement),
        ("postgresql", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, sqlite_condition: ColumnElement[bool], postgresql_condition: ColumnElement[bool]) -> None:
        self.sqlite = sqlite_condition
        self.postgresql = postgresql_condition


@compiles(_per_dialect, "sqlite")
def _per_dialect_sqlite(element: _per_dialect, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.sqlite, **kw)


@compiles(_per_dialect, "postgresql")
def _per_dialect_pg(element: _per_dialect, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.postgresql, **kw)
