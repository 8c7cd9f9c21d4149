"""Typing filter operands: the text after an operator becomes the value compared in SQL, or List.InvalidType."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from mercato.errors import BadRequest, ErrorCode
from mercato.listing._spec import Kind
from mercato.listing._values import Op, Term

BIGINT_MAX = 2**63 - 1
DECIMAL_LIMIT = Decimal("1e18")
MIN_YEAR, MAX_YEAR = 1000, 9998


@dataclass(frozen=True, slots=True)
class Day:
    """A date without a time: equality means "any time that day (UTC)"; comparisons use its midnight."""

    start: datetime

    @property
    def end(self) -> datetime:
        return self.start + timedelta(days=1)


@dataclass(frozen=True, slots=True)
class XpOperand:
    """An operand compared with a JSON value of unknown type: it may match as text, number or boolean."""

    text: str
    number: Decimal | None
    boolean: bool | None


def invalid_type(name: str, text: str, expected: str) -> BadRequest:
    return BadRequest(
        ErrorCode.LIST_INVALID_TYPE,
        f"{name}: {text!r} is not a valid {expected}",
        {"Property": name, "Value": text, "ExpectedType": expected},
    )


def column_operand(name: str, kind: Kind, term: Term) -> Any:
    """The typed value for a term on a column of ``kind``; raises List.InvalidType."""
    if term.op is Op.ABSENT:
        return None
    if term.op is Op.LIKE and kind is not Kind.STRING:
        raise invalid_type(name, term.operand, f"{kind.value} (wildcards apply to text only)")
    if kind is Kind.BOOLEAN and term.op is not Op.EQ:
        raise invalid_type(name, term.operand, "boolean (booleans are compared for equality only)")
    match kind:
        case Kind.STRING:
            return term.operand
        case Kind.INTEGER:
            return parse_integer(name, term.operand)
        case Kind.DECIMAL:
            return parse_decimal(name, term.operand)
        case Kind.BOOLEAN:
            return parse_boolean(name, term.operand)
        case Kind.DATETIME:
            return parse_datetime(name, term.operand)


def xp_operand(term: Term) -> XpOperand:
    number = _decimal_or_none(term.operand)
    lowered = term.operand.lower()
    boolean = True if lowered == "true" else False if lowered == "false" else None
    return XpOperand(term.operand, number, boolean)


def parse_integer(name: str, text: str) -> int:
    if "_" in text:  # Python's int() accepts 1_000; a query string should not
        raise invalid_type(name, text, "integer")
    try:
        value = int(text.strip())
    except ValueError:
        raise invalid_type(name, text, "integer") from None
    if abs(value) > BIGINT_MAX:
        raise invalid_type(name, text, "integer within 64 bits")
    return value


def parse_decimal(name: str, text: str) -> Decimal:
    value = _decimal_or_none(text)
    if value is None:
        raise invalid_type(name, text, "number")
    return value


def parse_boolean(name: str, text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise invalid_type(name, text, "boolean")


def parse_datetime(name: str, text: str) -> datetime | Day:
    """ISO-8601 date or date-time; naive values are UTC."""
    stripped = text.strip()
    try:
        if len(stripped) == 10:
            day = date.fromisoformat(stripped)
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                raise ValueError(stripped)
            return Day(datetime.combine(day, datetime.min.time(), tzinfo=UTC))
        parsed = datetime.fromisoformat(stripped.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise invalid_type(name, text, "ISO-8601 date") from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:  # keeps UTC conversion and day arithmetic in range
        raise invalid_type(name, text, f"date between the years {MIN_YEAR} and {MAX_YEAR}")
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _decimal_or_none(text: str) -> Decimal | None:
    stripped = text.strip()
    if not stripped or "_" in stripped or not (stripped[0].isdigit() or stripped[0] in "+-."):
        return None
    try:
        value = Decimal(stripped)
    except InvalidOperation:
        return None
    if not value.is_finite() or abs(value) >= DECIMAL_LIMIT:
        return None
    return value
