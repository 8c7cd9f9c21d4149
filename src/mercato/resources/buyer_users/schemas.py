from __future__ import annotations

import msgspec


class AccessToken(msgspec.Struct, omit_defaults=True):
    access_token: str
    token_type: str
    expires_in: int
    refresh_token: str | None = None
