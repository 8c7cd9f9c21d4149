from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec

from mercato.db.tables.metadata import ID_LENGTH

Name100 = Annotated[str, msgspec.Meta(max_length=100)]


class Locale(msgspec.Struct, kw_only=True):
    ID: str | None = None
    OwnerID: str | None = None
    Currency: str | None = None
    Language: str | None = None


class User(msgspec.Struct, kw_only=True):
    """A user of any party. Password is write-only (always null out); the read-only fields are the server's."""

    ID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    CompanyID: str | None = None
    Username: Name100
    Password: str | None = None
    FirstName: Name100
    LastName: Name100
    Email: Annotated[str, msgspec.Meta(max_length=200)]
    Phone: Name100 | None = None
    TermsAccepted: datetime | None = None
    Active: bool
    xp: dict[str, Any] | None = None
    AvailableRoles: list[str] | None = None
    Locale: Locale | None = None
    DateCreated: datetime | None = None
    LastActive: datetime | None = None
    PasswordLastSetDate: datetime | None = None
    FailedLoginAttempts: int | None = None


USER_READ_ONLY = frozenset(
    {"CompanyID", "DateCreated", "LastActive", "PasswordLastSetDate", "FailedLoginAttempts", "AvailableRoles"}
)
USER_COMPUTED = frozenset({"Password", "AvailableRoles", "Locale"})


class UserGroup(msgspec.Struct, kw_only=True):
    ID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    Name: Name100
    Description: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    xp: dict[str, Any] | None = None


class UserGroupAssignment(msgspec.Struct, kw_only=True):
    UserGroupID: str
    UserID: str
