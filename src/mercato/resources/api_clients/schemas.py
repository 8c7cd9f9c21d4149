from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec

from mercato.auth.roles import Role
from mercato.db.tables.metadata import ID_LENGTH

ClientID = Annotated[str, msgspec.Meta(max_length=ID_LENGTH)]
CustomRole = Annotated[str, msgspec.Meta(max_length=100)]
MAX_ROLES = 200

SECRET_MAX_LENGTH = 200
"""A ClientSecret the caller chooses: any non-empty string up to this length (it is hashed, never stored)."""


class ApiClient(msgspec.Struct, kw_only=True):
    """An application that may request tokens. ``ClientSecret`` is write-only: always null in responses."""

    ID: ClientID | None = None
    ClientSecret: Annotated[str, msgspec.Meta(max_length=SECRET_MAX_LENGTH)] | None = None
    AccessTokenDuration: Annotated[int, msgspec.Meta(ge=10, le=600)]
    Active: bool = False
    AppName: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    RefreshTokenDuration: Annotated[int, msgspec.Meta(ge=0, le=524160)] = 0
    AnonymousTokenDuration: Annotated[int, msgspec.Meta(ge=1, le=524160)] | None = 10080
    DefaultContextUserName: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    xp: dict[str, Any] | None = None
    AllowAnyBuyer: bool = False
    AllowAnySupplier: bool = False
    AllowSeller: bool = False
    IsAnonBuyer: bool = False
    AssignedBuyerCount: int = 0
    AssignedSupplierCount: int = 0
    OrderCheckoutIntegrationEventID: ClientID | None = None
    OrderCheckoutIntegrationEventName: str | None = None
    OrderReturnIntegrationEventID: ClientID | None = None
    OrderReturnIntegrationEventName: str | None = None
    AddToCartIntegrationEventID: ClientID | None = None
    AddToCartIntegrationEventName: str | None = None
    MinimumRequiredRoles: Annotated[list[Role], msgspec.Meta(max_length=MAX_ROLES)] | None = None
    MinimumRequiredCustomRoles: Annotated[list[CustomRole], msgspec.Meta(max_length=MAX_ROLES)] | None = None
    MaximumGrantedRoles: Annotated[list[Role], msgspec.Meta(max_length=MAX_ROLES)] | None = None
    MaximumGrantedCustomRoles: Annotated[list[CustomRole], msgspec.Meta(max_length=MAX_ROLES)] | None = None


CLIENT_COMPUTED = frozenset(
    {
        "ClientSecret",  # write-only: stored as client_secret_hash, handled by the service
        "AssignedBuyerCount",
        "AssignedSupplierCount",
        "OrderCheckoutIntegrationEventName",
        "OrderReturnIntegrationEventName",
        "AddToCartIntegrationEventName",
    }
)
"""Fields without a column of their own: filled by the service (counts) or never returned (the secret)."""

CLIENT_READ_ONLY = frozenset({"ID"})
"""The ID is the server's (docs/decisions/0008-api-clients.md): ignored in bodies, never renamed."""


class ApiClientSecret(msgspec.Struct, kw_only=True):
    """Metadata of one of a client's extra secrets; the secret itself is shown once, by CreateSecret."""

    ID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    Name: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    Expiration: datetime | None = None
    DateCreated: datetime | None = None


class ApiClientSecretCreateResponse(msgspec.Struct, kw_only=True):
    ID: str | None
    Name: str
    Expiration: datetime | None
    DateCreated: datetime | None
    ClientSecret: str


class ApiClientAssignment(msgspec.Struct, kw_only=True):
    """Lets the users of one buyer or one supplier sign in through the client; "" and null both mean "not set"."""

    ApiClientID: Annotated[str, msgspec.Meta(min_length=1, max_length=ID_LENGTH)]
    BuyerID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    SupplierID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
