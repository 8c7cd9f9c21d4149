"""Text to syntax tree: the Lark LALR parser over grammar.lark, built once per process, with a parse-time
transformer (no parse tree, no recursion however deep the nesting) and Lark's errors turned into ours."""

from __future__ import annotations

import functools
from decimal import Decimal
from importlib import resources

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from mercato.rules._errors import ExpressionCode, ExpressionError
from mercato.rules._nodes import (
    Arithmetic,
    Call,
    Comparison,
    Literal,
    Logical,
    Member,
    Minus,
    Name,
    Negate,
    Node,
)
from mercato.rules._values import parse_us_datetime

MAX_LENGTH = 400  # OrderCloud's limit for RuleExpression, EligibleExpression and ValueExpression (MODELS.md)


def parse(text: str) -> Node:
    """The syntax tree of ``text``, or ExpressionError (Empty, TooLong, InvalidToken, InvalidSyntax)."""
    if not text.strip():
        raise ExpressionError(ExpressionCode.EMPTY, "The expression is empty", 0)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            ExpressionCode.TOO_LONG, f"The expression is {len(text)} characters long; at most {MAX_LENGTH}", MAX_LENGTH
        )
    try:
        tree: object = _parser().parse(text)  # the transformer's node, though Lark's stubs say Tree
    except VisitError as error:  # Lark may wrap an error a transformer callback raised
        if isinstance(error.orig_exc, ExpressionError):
            raise error.orig_exc from None
        raise
    except UnexpectedInput as error:
        raise _syntax_error(text, error) from None
    assert isinstance(tree, Node)  # the start rule always reduces to a node
    return tree


@functools.cache
def _parser() -> Lark:
    grammar = resources.files("mercato.rules").joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer="contextual", transformer=_TreeBuilder(), maybe_placeholders=True)


def _syntax_error(text: str, error: UnexpectedInput) -> ExpressionError:
    if isinstance(error, UnexpectedCharacters):
        position = error.pos_in_stream or 0
        opening = text[position : position + 1]
        if opening == "'":
            return ExpressionError(ExpressionCode.INVALID_TOKEN, "A string is not closed with '", position)
        if opening == "#":
            return ExpressionError(ExpressionCode.INVALID_TOKEN, "A date is not closed with #", position)
        return ExpressionError(ExpressionCode.INVALID_TOKEN, f"Unexpected character {opening!r}", position)
    if isinstance(error, UnexpectedToken) and error.token.type != "$END":
        position = _position(error.token)
        return ExpressionError(ExpressionCode.INVALID_SYNTAX, f"Unexpected {str(error.token)!r}", position)
    assert isinstance(error, UnexpectedToken | UnexpectedEOF)
    return ExpressionError(ExpressionCode.INVALID_SYNTAX, "The expression ends too early", len(text))


def _position(token: Token) -> int:
    return token.start_pos if token.start_pos is not None else 0


def _arguments(found: tuple[Node, ...] | None) -> tuple[Node, ...]:
    return found if found is not None else ()


@v_args(inline=True)
class _TreeBuilder(Transformer[Token, Node]):
    """One method per aliased grammar rule; Lark calls them as it reduces, innermost first."""

    def number(self, token: Token) -> Literal:
        return Literal(Decimal(str(token)), _position(token))

    def string(self, token: Token) -> Literal:
        return Literal(str(token)[1:-1].replace("''", "'"), _position(token))

    def date(self, token: Token) -> Literal:
        moment = parse_us_datetime(str(token)[1:-1])
        if moment is None:
            raise ExpressionError(
                ExpressionCode.INVALID_TOKEN, f"{token!s} is not a date (write #M/D/YYYY#)", _position(token)
            )
        return Literal(moment, _position(token))

    def true(self, token: Token) -> Literal:
        return Literal(True, _position(token))

    def false(self, token: Token) -> Literal:
        return Literal(False, _position(token))

    def name(self, token: Token) -> Name:
        return Name(str(token), _position(token))

    def function(self, name: Token, arguments: tuple[Node, ...] | None) -> Call:
        return Call(None, str(name), _arguments(arguments), _position(name))

    def member(self, target: Node, name: Token) -> Member:
        return Member(target, str(name), _position(name))

    def method(self, target: Node, name: Token, arguments: tuple[Node, ...] | None) -> Call:
        return Call(target, str(name), _arguments(arguments), _position(name))

    def arguments(self, *nodes: Node) -> tuple[Node, ...]:
        return nodes

    def minus(self, sign: Token, operand: Node) -> Minus:
        return Minus(operand, _position(sign))

    def negate(self, keyword: Token, operand: Node) -> Negate:
        return Negate(operand, _position(keyword))

    def compare(self, left: Node, operator: Token, right: Node) -> Comparison:
        return Comparison(str(operator), left, right, _position(operator))

    def arithmetic(self, left: Node, operator: Token, right: Node) -> Arithmetic:
        step = (str(operator), right)
        if isinstance(left, Arithmetic) and _same_level(left.rest[0][0], step[0]):
            return Arithmetic(left.first, (*left.rest, step), left.position)
        return Arithmetic(left, (step,), _position(operator))

    def logical(self, left: Node, keyword: Token, right: Node) -> Logical:
        operator = str(keyword).casefold()
        if isinstance(left, Logical) and left.operator == operator:
            return Logical(operator, (*left.operands, right), left.position)
        return Logical(operator, (left, right), _position(keyword))


def _same_level(first: str, second: str) -> bool:
    return (first in "+-") == (second in "+-")
