"""The filter value grammar of SEMANTICS.md §4.2, as a pure parser (no SQL, no field types).

value       := alternative ('|' alternative)*           any alternative may match (OR)
alternative := '!*'                                      absent or null
             | '!' ('<' | '>') operand                   the .NET SDK's spelling of >= and <=
             | '!' match                                 negation
             | ('>=' | '<=' | '>' | '<') operand          comparison (numbers, dates, strings)
             | match
match       := text with '*' wildcards (prefix, suffix, contains, anywhere) | exact text
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Op(StrEnum):
    EQ = "="
    LIKE = "like"
    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="
    ABSENT = "absent"


@dataclass(frozen=True, slots=True)
class Term:
    op: Op
    operand: str = ""
    negated: bool = False


_COMPARISONS = ((">=", Op.GE), ("<=", Op.LE), (">", Op.GT), ("<", Op.LT))


def parse_value(raw: str) -> list[Term]:
    return [parse_alternative(alternative) for alternative in raw.split("|")]


def parse_alternative(text: str) -> Term:
    if text == "!*":
        return Term(Op.ABSENT)
    if text.startswith("!<"):
        return Term(Op.GE, text[2:])
    if text.startswith("!>"):
        return Term(Op.LE, text[2:])
    for prefix, op in _COMPARISONS:
        if text.startswith(prefix):
            return Term(op, text[len(prefix) :])
    negated = text.startswith("!")
    body = text[1:] if negated else text
    return Term(Op.LIKE if "*" in body else Op.EQ, body, negated)


def like_pattern(wildcard_text: str) -> str:
    """``*`` becomes ``%``; LIKE's own metacharacters (``%``, ``_``, the escape ``\\``) are escaped."""
    escaped = wildcard_text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%")


LIKE_ESCAPE = "\\"
