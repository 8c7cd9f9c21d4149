"""A checked ListQuery becomes SQLAlchemy conditions and an ORDER BY; every value is a bound parameter.

Text compares case-insensitively (``lower()`` on both sides), as OrderCloud does. Negation also matches rows
where the value is NULL or, for xp, absent ("items lacking the key"). Strings sort case-insensitively with the
raw value as tie-break, and ``>``/``<`` on strings follow that same order so the "LastID" paging method works.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import BigInteger, Numeric, and_, false, func, literal, not_, or_
from sqlalchemy.sql.elements import ColumnElement

from mercato.db.dialect import JsonValue, json_array_any, json_kind, json_number, json_scalar, json_text
from mercato.listing._operands import Day, XpOperand
from mercato.listing._query import Condition, Filter, ListQuery, Search, SearchType, SortKey, Target
from mercato.listing._spec import Kind, ListSpec
from mercato.listing._values import LIKE_ESCAPE, Op, like_pattern

Clause = ColumnElement[bool]


def where_clauses(spec: ListSpec, query: ListQuery) -> list[Clause]:
    clauses = [_filter(spec, f) for f in query.filters]
    if query.search is not None:
        clauses.append(_search(spec, query.search))
    return clauses


def order_by(spec: ListSpec, query: ListQuery) -> list[ColumnElement[Any]]:
    keys: list[ColumnElement[Any]] = []
    for key in query.sort:
        keys.extend(_sort_key(spec, key))
    if not any(key.target.field is not None and key.target.field.column is spec.tiebreak for key in query.sort):
        keys.append(spec.tiebreak.asc())
    return keys


# --- filters ----------------------------------------------------------------------------------------------------


def _filter(spec: ListSpec, f: Filter) -> Clause:
    per_target = [
        or_(*(_condition(spec, target, condition) for condition in conditions))
        for target, conditions in zip(f.targets, f.alternatives, strict=True)
    ]
    return or_(*per_target)


def _condition(spec: ListSpec, target: Target, condition: Condition) -> Clause:
    if target.field is None:
        return _xp_condition(spec, target.xp_path, condition)
    column = target.field.column
    if condition.op is Op.ABSENT:
        return column.is_(None)
    positive = _column_match(column, target.field.kind, condition)
    if not condition.negated:
        return positive
    return or_(not_(positive), column.is_(None))


def _column_match(column: ColumnElement[Any], kind: Kind, condition: Condition) -> Clause:
    value = condition.value
    if kind is Kind.STRING:
        return _text_match(column, condition.op, value)
    if isinstance(value, Day):
        return _day_match(column, condition.op, value)
    return _compare(column, condition.op, _bound(column, kind, value))


def _text_match(column: ColumnElement[Any], op: Op, text: str) -> Clause:
    lowered, needle = func.lower(column), func.lower(literal(text))
    if op is Op.EQ:
        return lowered == needle
    if op is Op.LIKE:
        return lowered.like(func.lower(literal(like_pattern(text))), escape=LIKE_ESCAPE)
    # Same order as sorting: case-insensitive first, raw value to break ties.
    raw = literal(text)
    strictly = {Op.GT: lowered > needle, Op.GE: lowered > needle, Op.LT: lowered < needle, Op.LE: lowered < needle}
    tie = {Op.GT: column > raw, Op.GE: column >= raw, Op.LT: column < raw, Op.LE: column <= raw}
    return or_(strictly[op], and_(lowered == needle, tie[op]))


def _bound(column: ColumnElement[Any], kind: Kind, value: Any) -> ColumnElement[Any]:
    """The operand as a parameter. Numbers are bound wide (BIGINT, unconstrained NUMERIC) so that a value out
    of the column's own range compares instead of overflowing; dates and booleans keep the column's type."""
    if kind is Kind.INTEGER:
        return literal(value, BigInteger())
    if kind is Kind.DECIMAL:
        return literal(value, Numeric())
    return literal(value, column.type)


def _compare(left: ColumnElement[Any], op: Op, right: ColumnElement[Any]) -> Clause:
    match op:
        case Op.EQ:
            return left == right
        case Op.GT:
            return left > right
        case Op.GE:
            return left >= right
        case Op.LT:
            return left < right
        case Op.LE:
            return left <= right
    raise AssertionError(op)


def _day_match(column: ColumnElement[Any], op: Op, day: Day) -> Clause:
    start, end = literal(day.start, column.type), literal(day.end, column.type)
    if op is Op.EQ:
        return and_(column >= start, column < end)
    return _compare(column, op, start)


def _xp_condition(spec: ListSpec, path: tuple[str, ...], condition: Condition) -> Clause:
    assert spec.xp is not None
    kind = json_kind(spec.xp, path)
    missing = or_(kind.is_(None), kind == "null")
    if condition.op is Op.ABSENT:
        return missing
    assert isinstance(condition.value, XpOperand)
    positive = _xp_match(spec.xp, path, condition.op, condition.value)
    if not condition.negated:
        return positive
    return or_(not_(positive), missing)


def _xp_match(document: ColumnElement[Any], path: tuple[str, ...], op: Op, operand: XpOperand) -> Clause:
    """The value at the path matches, or, when it is an array, one of its primitive elements does (so that
    ``xp.Tags=eco`` finds ``["eco", "sale"]``, as Meta.Facets counts array elements)."""
    scalar = json_scalar(document, path)
    return or_(
        _value_match(scalar, op, operand),
        json_array_any(document, path, lambda element: _value_match(element, op, operand)),
    )


def _value_match(value: JsonValue, op: Op, operand: XpOperand) -> Clause:
    if op is Op.LIKE:
        return and_(value.kind.in_(("string", "number")), _text_match(value.text, Op.LIKE, operand.text))
    if op is Op.EQ:
        matches = [and_(value.kind == "string", _text_match(value.text, Op.EQ, operand.text))]
        if operand.number is not None:
            matches.append(and_(value.kind == "number", value.number == literal(operand.number, Numeric())))
        if operand.boolean is not None:
            matches.append(value.kind == ("true" if operand.boolean else "false"))
        return or_(*matches)
    if operand.number is not None:
        return and_(value.kind == "number", _compare(value.number, op, literal(operand.number, Numeric())))
    return and_(value.kind == "string", _text_match(value.text, op, operand.text))


# --- search -----------------------------------------------------------------------------------------------------


def _search(spec: ListSpec, search: Search) -> Clause:
    texts = [_searchable_text(spec, target) for target in search.targets]
    if not texts:
        return false()
    terms = search.text.split()
    phrase = " ".join(terms)
    match search.type:
        case SearchType.ANY_TERM:
            return or_(*(_contains(text, term) for text in texts for term in terms))
        case SearchType.ALL_TERMS_ANY_FIELD:
            return and_(*(or_(*(_contains(text, term) for text in texts)) for term in terms))
        case SearchType.ALL_TERMS_SAME_FIELD:
            return or_(*(and_(*(_contains(text, term) for term in terms)) for text in texts))
        case SearchType.EXACT_PHRASE:
            return or_(*(_phrase(text, phrase, prefix=False) for text in texts))
        case SearchType.EXACT_PHRASE_PREFIX:
            return or_(*(_phrase(text, phrase, prefix=True) for text in texts))
    raise AssertionError(search.type)


def _searchable_text(spec: ListSpec, target: Target) -> ColumnElement[Any]:
    if target.field is not None:
        return target.field.column
    assert spec.xp is not None
    return json_text(spec.xp, target.xp_path)


def _contains(text: ColumnElement[Any], term: str) -> Clause:
    return func.lower(text).like(func.lower(literal("%" + like_pattern(term) + "%")), escape=LIKE_ESCAPE)


def _phrase(text: ColumnElement[Any], phrase: str, *, prefix: bool) -> Clause:
    """The phrase as whole words (ExactPhrase) or with its last word possibly partial (ExactPhrasePrefix)."""
    escaped = like_pattern(phrase)
    lowered = func.lower(text)

    def like(pattern: str) -> Clause:
        return lowered.like(func.lower(literal(pattern)), escape=LIKE_ESCAPE)

    if prefix:
        return or_(like(escaped + "%"), like("% " + escaped + "%"))
    return or_(
        lowered == func.lower(literal(phrase)),
        like(escaped + " %"),
        like("% " + escaped),
        like("% " + escaped + " %"),
    )


# --- sort -------------------------------------------------------------------------------------------------------


def _sort_key(spec: ListSpec, key: SortKey) -> Sequence[ColumnElement[Any]]:
    if key.target.field is None:
        assert spec.xp is not None
        number = json_number(spec.xp, key.target.xp_path)
        text = json_text(spec.xp, key.target.xp_path)
        return [_directed(number, key.descending, True), _directed(func.lower(text), key.descending, True)]
    field = key.target.field
    if field.kind is Kind.STRING:
        return [
            _directed(func.lower(field.column), key.descending, field.nullable),
            _directed(field.column, key.descending, field.nullable),
        ]
    return [_directed(field.column, key.descending, field.nullable)]


def _directed(expression: ColumnElement[Any], descending: bool, nullable: bool) -> ColumnElement[Any]:
    """NULLs sort first ascending and last descending on both databases (PostgreSQL's default is the reverse)."""
    ordered = expression.desc() if descending else expression.asc()
    if not nullable:
        return ordered
    return ordered.nulls_last() if descending else ordered.nulls_first()
