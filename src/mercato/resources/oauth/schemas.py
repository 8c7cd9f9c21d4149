from __future__ import annotations

import msgspec


class AccessToken(msgspec.Struct, omit_defaults=True):
    """The token endpoint's answer; ``refresh_token`` only when the API client allows refreshing."""

    access_token: str
    token_type: str
    expires_in: int
    refresh_token: str | None = None


class TokenRequest(msgspec.Struct, kw_only=True):
    """The form fields of ``POST /oauth/token`` (SDK-WIRE.md §2)."""

    grant_type: str = ""
    client_id: str = ""
    client_secret: str = ""
    username: str = ""
    password: str = ""
    scope: list[str] = msgspec.field(default_factory=list)
    refresh_token: str = ""
    anonuserid: str = ""


class UserInfo(msgspec.Struct, omit_defaults=True):
    sub: str
    preferred_username: str
    usrtype: str
    cid: str
    given_name: str | None = None
    family_name: str | None = None
    email: str | None = None
    roles: list[str] = msgspec.field(default_factory=list)
