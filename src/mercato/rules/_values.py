"""What the values an expression reads become: JSON numbers are Decimals, ISO-8601 date strings are aware
datetimes (UTC when they carry no offset), and anything missing is None. Normalising on read lets every operator
deal with five kinds only: None, bool, Decimal, str, datetime (plus mappings and sequences, which compare to
nothing)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?", re.ASCII)
_US_DATE = re.compile(
    r"\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?\s*", re.ASCII
)
_NUMBER = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*", re.ASCII)


def normalize(raw: Any) -> Any:
    """A value read from the order or a line item, in the form the operators compare."""
    match raw:
        case None | bool():
            return raw
        case Decimal():
            return raw if raw.is_finite() else None
        case int():
            return Decimal(raw)
        case float():
            # repr is the shortest decimal that reads back as this float: 0.1 stays 0.1, not 0.1000000000000000055…
            return Decimal(repr(raw)) if math.isfinite(raw) else None
        case str():
            return parse_iso_datetime(raw) or raw
        case datetime():
            return as_utc(raw)
        case date():
            return datetime.combine(raw, time(), UTC)
        case _:
            return raw


def field(value: Any, name: str) -> Any:
    """``value.name``: the raw field of a mapping, found case-insensitively (OrderCloud identifiers ignore case,
    RN v1.0.158); None when value is not a mapping or has no such field."""
    if not isinstance(value, Mapping):
        return None
    if name in value:
        return value[name]
    wanted = name.casefold()
    for key, item in value.items():
        if isinstance(key, str) and key.casefold() == wanted:
            return item
    return None


def is_array(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray)


def as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def parse_iso_datetime(text: str) -> datetime | None:
    """``2016-06-15``, ``2016-06-15T10:30:00.123+02:00`` … as an aware datetime; None for anything else."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return as_utc(datetime.fromisoformat(text))
    except (ValueError, OverflowError):  # the shape of a date, but not one (2016-02-30), or none in UTC (0001-01-01+01)
        return None


def parse_us_datetime(text: str) -> datetime | None:
    """``6/15/2016``, ``6/15/2016 14:30``, ``6/15/2016 2:30:05 PM`` (month first, as OrderCloud's docs write
    dates) as a UTC datetime; None when the text is not such a date or names no real day or time."""
    match = _US_DATE.fullmatch(text)
    if match is None:
        return None
    month, day, year, hour, minute, second, meridiem = match.groups()
    hours = int(hour or 0)
    if meridiem is not None:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if meridiem.casefold() == "pm" else 0)
    try:
        return datetime(int(year), int(month), int(day), hours, int(minute or 0), int(second or 0), tzinfo=UTC)
    except ValueError:
        return None


def parse_datetime(text: str) -> datetime | None:
    return parse_iso_datetime(text.strip()) or parse_us_datetime(text)


def parse_number(text: str) -> Decimal | None:
    """A string that spells a plain decimal number (xp often holds numbers as text), else None."""
    return Decimal(text.strip()) if _NUMBER.fullmatch(text) else None
