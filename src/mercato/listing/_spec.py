"""What a resource declares about its list endpoint: the fields a caller may filter, search and sort on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy.sql.elements import ColumnElement


class Kind(StrEnum):
    """How filter values for a field are typed and compared."""

    STRING = "string"
    INTEGER = "integer"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"
    DATETIME = "datetime"


@dataclass(frozen=True, slots=True)
class Field:
    column: ColumnElement[Any]
    kind: Kind = Kind.STRING
    filter: bool = True
    search: bool = False
    sort: bool = False
    nullable: bool = True
    """False lets sorting skip NULLS FIRST/LAST, which keeps a plain b-tree index usable on PostgreSQL."""


@dataclass(frozen=True, slots=True)
class ListSpec:
    """A resource's list contract.

    ``fields`` are keyed by the API property name exactly as OrderCloud spells it (``ID``, ``LastNumber``,
    ``BillingAddress.City``). ``xp`` is the JSON column behind ``xp.*`` paths, when the model has xp.
    ``default_sort`` uses sortBy syntax; ``tiebreak`` (the row's ID column) is appended to every sort so that
    paging is stable. ``parameters`` are endpoint-specific query parameters (``catalogID``, ``depth``…) passed
    through to the service rather than treated as filters.
    """

    fields: Mapping[str, Field]
    tiebreak: ColumnElement[Any]
    default_sort: tuple[str, ...] = ()
    xp: ColumnElement[Any] | None = None
    parameters: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        for name in self.default_sort:
            bare = name.removeprefix("!")
            if not (bare in self.fields or (self.xp is not None and bare.startswith("xp."))):
                raise ValueError(f"default sort {name!r} is not a field")

    @property
    def searchable(self) -> tuple[str, ...]:
        return tuple(name for name, f in self.fields.items() if f.search)
