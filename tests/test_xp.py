from __future__ import annotations

import pytest

from mercato.errors import ValidationFailure
from mercato.xp import XP_MAX_BYTES, check_xp


def test_xp_may_be_null_or_any_object_up_to_the_limit() -> None:
    assert check_xp(None) is None
    assert check_xp({"a": [1, {"b": None}]}) == {"a": [1, {"b": None}]}
    exactly = {"k": "x" * (XP_MAX_BYTES - len('{"k":""}'))}
    assert check_xp(exactly) == exactly


@pytest.mark.parametrize("value", [[1], "text", 5, {"k": "x" * XP_MAX_BYTES}, {"k": "é" * 4000}])
def test_xp_that_is_not_an_object_or_too_big_is_rejected(value: object) -> None:
    with pytest.raises(ValidationFailure) as raised:
        check_xp(value)
    assert raised.value.errors[0].Data == {"Field": "xp"}
