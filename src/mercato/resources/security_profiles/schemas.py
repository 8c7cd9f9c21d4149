from __future__ import annotations

from typing import Annotated

import msgspec

from mercato.auth.roles import Role
from mercato.db.tables.metadata import ID_LENGTH
from mercato.errors import BadRequest

INT32_MAX = 2**31 - 1
MIN_PASSWORD_LENGTH = 10
"""The platform minimum a PasswordConfig may not lower (SEMANTICS.md §1.2)."""

CustomRole = Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=r"^\S+$")]
"""Sent in the space-separated OAuth ``scope``, so a custom role cannot contain whitespace."""

PartyID = Annotated[str, msgspec.Meta(max_length=ID_LENGTH)]


class PasswordConfig(msgspec.Struct, kw_only=True):
    """Bounds from openapi.json; a null (unset) setting means the platform default."""

    LimitPasswordReuse: Annotated[int, msgspec.Meta(ge=0, le=24)] | None = None
    MaxConsecutiveDupeChars: Annotated[int, msgspec.Meta(ge=1, le=24)] | None = None
    MaximumPasswordAge: Annotated[int, msgspec.Meta(ge=1, le=365)] | None = None
    MinimumPasswordAge: Annotated[int, msgspec.Meta(ge=1, le=60)] | None = None
    AllowedFailedAttempts: Annotated[int, msgspec.Meta(ge=1, le=10)] | None = None
    LockoutDuration: Annotated[int, msgspec.Meta(ge=2, le=1440)] | None = None
    UpperCaseRequired: bool | None = None
    LowerCaseRequired: bool | None = None
    SpecialCharacterRequired: bool | None = None
    NumericRequired: bool | None = None
    MinimumCharacterCount: Annotated[int, msgspec.Meta(le=INT32_MAX)] | None = None

    def __post_init__(self) -> None:
        # Runs on every decode and PATCH merge (stored rows hand a plain dict to SecurityProfile instead).
        count = self.MinimumCharacterCount
        if count is not None and count < MIN_PASSWORD_LENGTH:
            raise BadRequest(
                "SecurityProfile.InvalidPasswordConfiguration",
                f"PasswordConfig.MinimumCharacterCount must be at least {MIN_PASSWORD_LENGTH} (got {count})",
                {"Field": "PasswordConfig.MinimumCharacterCount", "Minimum": MIN_PASSWORD_LENGTH},
            )


class SecurityProfile(msgspec.Struct, kw_only=True):
    """A named set of API roles and custom roles, granted through assignments; no xp in the model."""

    ID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    Name: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    Roles: list[Role] | None = []
    """An unknown role fails decoding with a ValidationFailure naming it; null is read as []."""
    CustomRoles: list[CustomRole] | None = []
    PasswordConfig: PasswordConfig | None = None
    IsExternalRoleGroup: bool = False
    """Read-only; profiles from external role groups do not exist here, so always false."""

    def __post_init__(self) -> None:
        self.Roles = list(dict.fromkeys(self.Roles or []))
        self.CustomRoles = list(dict.fromkeys(self.CustomRoles or []))


class SecurityProfileAssignment(msgspec.Struct, kw_only=True):
    """Unset parties are null; which ones are set gives the level (see the service)."""

    SecurityProfileID: Annotated[str, msgspec.Meta(min_length=1, max_length=ID_LENGTH)]
    BuyerID: PartyID | None = None
    SupplierID: PartyID | None = None
    UserID: PartyID | None = None
    UserGroupID: PartyID | None = None
