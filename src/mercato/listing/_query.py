"""Reading list query parameters against a ListSpec: the request's words become a checked ListQuery, or a 400.

Reserved parameters are page, pageSize, search, searchOn, searchType, sortBy; a spec's own ``parameters`` are
passed through; every other key is a filter on a field, an ``xp.`` path, or several joined by ``|`` (any may
match). Repeated keys are ANDed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from mercato.errors import BadRequest, ErrorCode, ValidationFailure
from mercato.listing._operands import XpOperand, column_operand, invalid_type, xp_operand
from mercato.listing._spec import Field, ListSpec
from mercato.listing._values import Op, Term, parse_value

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000_000
MAX_VALUE_LENGTH = 2000
MAX_ALTERNATIVES = 100
MAX_FILTERS = 50
MAX_SEARCH_TERMS = 20
RESERVED = frozenset({"page", "pageSize", "search", "searchOn", "searchType", "sortBy"})

_XP_KEY = re.compile(r"^[^.\"\\\x00-\x1f]+$")
"""An xp path segment: anything but dots (the separator), quotes, backslashes and control characters."""


class SearchType(StrEnum):
    ANY_TERM = "AnyTerm"
    ALL_TERMS_ANY_FIELD = "AllTermsAnyField"
    ALL_TERMS_SAME_FIELD = "AllTermsSameField"
    EXACT_PHRASE = "ExactPhrase"
    EXACT_PHRASE_PREFIX = "ExactPhrasePrefix"


@dataclass(frozen=True, slots=True)
class Target:
    """What a property name in a query points at: a declared field, or a path inside xp."""

    name: str
    field: Field | None = None
    xp_path: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Condition:
    """One alternative of a filter value, with its operand typed for the target."""

    op: Op
    negated: bool
    value: Any
    """A typed column value (str, int, Decimal, bool, datetime, Day), an XpOperand, or None for ABSENT."""


@dataclass(frozen=True, slots=True)
class Filter:
    """``targets`` (any may match) x ``alternatives`` (any may match)."""

    targets: tuple[Target, ...]
    alternatives: tuple[tuple[Condition, ...], ...]
    """One tuple of conditions per target, in the same order."""


@dataclass(frozen=True, slots=True)
class SortKey:
    target: Target
    descending: bool


@dataclass(frozen=True, slots=True)
class Search:
    text: str
    targets: tuple[Target, ...]
    type: SearchType


@dataclass(frozen=True, slots=True)
class ListQuery:
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    search: Search | None = None
    sort: tuple[SortKey, ...] = ()
    filters: tuple[Filter, ...] = ()
    parameters: Mapping[str, str] = field(default_factory=dict)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def parse_list_query(pairs: Iterable[tuple[str, str]], spec: ListSpec) -> ListQuery:
    """Raise BadRequest (List.* or ValidationFailure) on anything the spec does not allow."""
    reserved: dict[str, str] = {}
    parameters: dict[str, str] = {}
    filters: list[Filter] = []
    for key, value in pairs:
        _check_text(key, value)
        if key in RESERVED:
            reserved[key] = value
        elif key in spec.parameters:
            parameters[key] = value
        else:
            if len(filters) == MAX_FILTERS:
                raise ValidationFailure(f"At most {MAX_FILTERS} filters are allowed", key)
            filters.append(_filter(key, value, spec))
    search_text = reserved.get("search", "").strip()
    return ListQuery(
        page=_page(reserved.get("page")),
        page_size=_page_size(reserved.get("pageSize")),
        search=_search(search_text, reserved.get("searchOn"), reserved.get("searchType"), spec)
        if search_text
        else None,
        sort=_sort(reserved.get("sortBy"), spec),
        filters=tuple(filters),
        parameters=parameters,
    )


def resolve(name: str, spec: ListSpec, *, purpose: str = "filter") -> Target:
    """The field or xp path called ``name``; List.InvalidProperty (or the purpose's code) when there is none."""
    if name.startswith("xp.") and spec.xp is not None:
        path = tuple(name[3:].split("."))
        if all(_XP_KEY.match(key) for key in path):
            return Target(name, xp_path=path)
    found = spec.fields.get(name)
    if found is not None and getattr(found, purpose):
        return Target(name, field=found)
    code, noun = {
        "filter": (ErrorCode.LIST_INVALID_PROPERTY, "filter on"),
        "search": (ErrorCode.LIST_INVALID_SEARCH_PROPERTY, "search on"),
        "sort": (ErrorCode.LIST_INVALID_SORT_PROPERTY, "sort by"),
    }[purpose]
    raise BadRequest(code, f"Cannot {noun} property {name!r}", {"Property": name})


def _check_text(key: str, value: str) -> None:
    if len(value) > MAX_VALUE_LENGTH or len(key) > MAX_VALUE_LENGTH:
        raise ValidationFailure(f"Query values are limited to {MAX_VALUE_LENGTH} characters", key[:100])
    if "\x00" in key or "\x00" in value:
        raise ValidationFailure("Query parameters may not contain NUL characters", key[:100].replace("\x00", ""))


def _filter(key: str, value: str, spec: ListSpec) -> Filter:
    targets = tuple(resolve(name, spec) for name in key.split("|"))
    terms = parse_value(value)
    if len(terms) > MAX_ALTERNATIVES:
        raise ValidationFailure(f"At most {MAX_ALTERNATIVES} alternatives are allowed in one filter", key)
    return Filter(targets, tuple(tuple(_condition(target, term) for term in terms) for target in targets))


def _condition(target: Target, term: Term) -> Condition:
    if target.field is None:
        value: Any = None if term.op is Op.ABSENT else xp_operand(term)
        if isinstance(value, XpOperand) and term.op in (Op.GT, Op.GE, Op.LT, Op.LE) and not value.text:
            raise invalid_type(target.name, term.operand, "number or date")
        return Condition(term.op, term.negated, value)
    return Condition(term.op, term.negated, column_operand(target.name, target.field.kind, term))


def _page(text: str | None) -> int:
    if text is None or text == "":
        return 1
    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE:
        raise ValidationFailure(f"page must be a whole number from 1 to {MAX_PAGE}", "page")
    return int(text)


def _page_size(text: str | None) -> int:
    if text is None or text == "":
        return DEFAULT_PAGE_SIZE
    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE_SIZE:
        raise BadRequest(
            ErrorCode.LIST_INVALID_PAGE_SIZE,
            f"pageSize must be a whole number from 1 to {MAX_PAGE_SIZE}",
            {"Property": "pageSize", "Value": text},
        )
    return int(text)


def _search(text: str, search_on: str | None, search_type: str | None, spec: ListSpec) -> Search:
    names = [name.strip() for name in search_on.split(",") if name.strip()] if search_on else list(spec.searchable)
    targets = tuple(resolve(name, spec, purpose="search") for name in names)
    try:
        kind = SearchType(search_type) if search_type else SearchType.ANY_TERM
    except ValueError:
        raise BadRequest(
            ErrorCode.LIST_INVALID_TYPE,
            f"searchType must be one of {', '.join(SearchType)}",
            {"Property": "searchType", "Value": search_type},
        ) from None
    if len(text.split()) > MAX_SEARCH_TERMS:
        raise ValidationFailure(f"search is limited to {MAX_SEARCH_TERMS} words", "search")
    return Search(text, targets, kind)


def _sort(sort_by: str | None, spec: ListSpec) -> tuple[SortKey, ...]:
    names = [name.strip() for name in sort_by.split(",") if name.strip()] if sort_by else list(spec.default_sort)
    keys = []
    for name in names:
        descending = name.startswith("!")
        keys.append(SortKey(resolve(name.removeprefix("!"), spec, purpose="sort"), descending))
    return tuple(keys)
