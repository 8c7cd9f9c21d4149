from __future__ import annotations

from typing import Any

import pytest

from mercato.patching import patch_model

CASES: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = [
    # only sent fields change; a sent null sets null
    ({"Name": "a", "Active": True}, {"Name": "b"}, {"Name": "b", "Active": True}),
    ({"Name": "a", "Description": "d"}, {"Description": None}, {"Name": "a", "Description": None}),
    # xp: merged key by key, nested objects deep-merged, arrays replaced, null removes a key
    ({"xp": {"a": 1, "b": 2}}, {"xp": {"b": 3}}, {"xp": {"a": 1, "b": 3}}),
    ({"xp": {"a": {"x": 1, "y": 2}}}, {"xp": {"a": {"y": 3}}}, {"xp": {"a": {"x": 1, "y": 3}}}),
    ({"xp": {"tags": [1, 2]}}, {"xp": {"tags": [3]}}, {"xp": {"tags": [3]}}),
    ({"xp": {"a": 1, "b": 2}}, {"xp": {"a": None}}, {"xp": {"b": 2}}),
    ({"xp": {"a": {"x": 1}}}, {"xp": {"a": {"x": None}}}, {"xp": {"a": {}}}),
    ({"xp": {"a": 1}}, {"xp": {"a": {"b": 1}}}, {"xp": {"a": {"b": 1}}}),
    ({"xp": {"a": {"b": 1}}}, {"xp": {"a": 5}}, {"xp": {"a": 5}}),
    ({"xp": None}, {"xp": {"a": 1, "gone": None}}, {"xp": {"a": 1}}),
    ({"xp": {"a": 1}}, {"xp": None}, {"xp": None}),
    ({"xp": {"a": 1}}, {"xp": {}}, {"xp": {"a": 1}}),
]


@pytest.mark.parametrize(("current", "changes", "expected"), CASES)
def test_patch_model(current: dict[str, Any], changes: dict[str, Any], expected: dict[str, Any]) -> None:
    assert patch_model(current, changes) == expected


def test_patch_does_not_mutate_its_inputs() -> None:
    current = {"xp": {"a": {"b": 1}}}
    patch_model(current, {"xp": {"a": {"b": 2}}})
    assert current == {"xp": {"a": {"b": 1}}}
