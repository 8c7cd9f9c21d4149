"""The bare-framework baseline: Litestar + msgspec answering a small JSON document, nothing else.

Mercato's figures are read beside this one, measured in the same run on the same machine."""

from __future__ import annotations

import msgspec
from litestar import Litestar, get


class Pong(msgspec.Struct):
    Status: str
    Items: list[int]


@get("/ping")
async def ping() -> Pong:
    return Pong(Status="OK", Items=[1, 2, 3])


def factory() -> Litestar:
    return Litestar([ping], openapi_config=None)
