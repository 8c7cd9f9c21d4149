from __future__ import annotations

import re

import pytest

from mercato.errors import ValidationFailure
from mercato.ids import TEMPLATE_PATTERN, check_id, generate_id


def test_generated_ids_are_22_url_safe_characters_and_unique() -> None:
    ids = {generate_id() for _ in range(2000)}
    assert len(ids) == 2000
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{22}", value) for value in ids)


@pytest.mark.parametrize("value", ["a", "A-b_9", "x" * 100])
def test_valid_ids(value: str) -> None:
    assert check_id(value) == value


@pytest.mark.parametrize("value", ["", "x" * 101, "a b", "a/b", "a.b", "é", "a{b}", "a%20"])
def test_invalid_ids(value: str) -> None:
    with pytest.raises(ValidationFailure):
        check_id(value)


@pytest.mark.parametrize(
    ("template", "ok"),
    [("PO-{orders}", True), ("{a}{b}", True), ("x-{a}-y", True), ("{}", False), ("{a", False), ("a}", False)],
)
def test_template_syntax(template: str, ok: bool) -> None:
    assert bool(TEMPLATE_PATTERN.match(template)) is ok
