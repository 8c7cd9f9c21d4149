from __future__ import annotations

from mercato.resources.admin_addresses.schemas import Address

__all__ = ["ME_ONLY", "Address", "BuyerAddress"]

ME_ONLY = ("Shipping", "Billing", "Editable")
"""BuyerAddress's fields beyond Address: computed per caller, never stored."""


class BuyerAddress(Address, kw_only=True):
    """An address as one buyer user sees it (MODELS.md "BuyerAddress"): whether it may ship to it, bill to it,
    and edit it. ID, DateCreated and Editable are read-only; Shipping and Billing follow from the address's
    assignments (a private address is always both), so what a body sends for them is ignored."""

    Shipping: bool | None = None
    Billing: bool | None = None
    Editable: bool | None = None
