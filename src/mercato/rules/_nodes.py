"""The syntax tree the parser builds: plain frozen values, no behaviour. ``position`` is the 0-based offset of
the token an error about the node points at (a name, an operator, a literal's first character)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Literal:
    value: Any  # Decimal, str, bool or datetime
    position: int


@dataclass(frozen=True, slots=True)
class Name:
    """A bare identifier: a root (``order``, ``items``, ``item``) or, inside an items filter, a line-item field."""

    name: str
    position: int


@dataclass(frozen=True, slots=True)
class Member:
    """``target.name``: a field of an object."""

    target: Node
    name: str
    position: int


@dataclass(frozen=True, slots=True)
class Call:
    """``name(args)`` (``target`` None) or ``target.name(args)``."""

    target: Node | None
    name: str
    args: tuple[Node, ...]
    position: int


@dataclass(frozen=True, slots=True)
class Negate:
    """``not operand``."""

    operand: Node
    position: int


@dataclass(frozen=True, slots=True)
class Minus:
    """``-operand``."""

    operand: Node
    position: int


@dataclass(frozen=True, slots=True)
class Logical:
    """``a and b and c`` or ``a or b or c``: a chain of one operator, kept flat so long chains stay shallow."""

    operator: str  # "and" | "or"
    operands: tuple[Node, ...]
    position: int


@dataclass(frozen=True, slots=True)
class Arithmetic:
    """``first op1 x1 op2 x2 …`` at one precedence level (``+ -`` or ``* / %``), evaluated left to right."""

    first: Node
    rest: tuple[tuple[str, Node], ...]
    position: int


@dataclass(frozen=True, slots=True)
class Comparison:
    operator: str  # = <> < > <= >=
    left: Node
    right: Node
    position: int


Node = Literal | Name | Member | Call | Negate | Minus | Logical | Arithmetic | Comparison
