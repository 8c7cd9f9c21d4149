from __future__ import annotations

import msgspec

from mercato.accounts.schemas import User


class MeBuyer(msgspec.Struct, kw_only=True):
    ID: str
    DefaultCatalogID: str | None = None


class MeSupplier(msgspec.Struct, kw_only=True):
    ID: str


class MeSeller(msgspec.Struct, kw_only=True):
    ID: str


class MeUser(User, kw_only=True):
    """The caller as a User, with the company they belong to (read-only)."""

    Buyer: MeBuyer | None = None
    Supplier: MeSupplier | None = None
    Seller: MeSeller | None = None


ME_READ_ONLY = frozenset({"Buyer", "Supplier", "Seller"})


class TokenPasswordReset(msgspec.Struct, kw_only=True):
    NewPassword: str
