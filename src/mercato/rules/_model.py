"""The fields an expression may name on an order and a line item (MODELS.md "Order", "LineItem" and the objects
they nest). Naming a field these models lack is a compile error, so a typo (``order.Totl``) is refused when the
rule is saved rather than being silently null forever. Below ``xp`` (and arrays such as ``Specs``) anything goes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Shape(Enum):
    SCALAR = "scalar"  # a string, number, boolean or date: it has no fields
    FREE = "free"  # xp, arrays, objects we do not model: any field, any element


@dataclass(frozen=True)
class Model:
    name: str
    fields: dict[str, tuple[str, Model | Shape]]  # casefolded name -> (spelling, what the field holds)

    def field(self, name: str) -> tuple[str, Model | Shape] | None:
        return self.fields.get(name.casefold())


def _model(name: str, scalars: str, **nested: Model | Shape) -> Model:
    shapes: dict[str, Model | Shape] = dict.fromkeys(scalars.split(), Shape.SCALAR)
    shapes.update(nested)
    return Model(name, {key.casefold(): (key, shape) for key, shape in shapes.items()})


ADDRESS = _model(
    "Address",
    "ID DateCreated CompanyName FirstName LastName Street1 Street2 City State Zip Country Phone AddressName",
    xp=Shape.FREE,
)
ORDER_USER = _model(
    "OrderUser",
    "ID CompanyID Username FirstName LastName Email Phone TermsAccepted Active DateCreated LastActive "
    "PasswordLastSetDate",
    xp=Shape.FREE,
    AvailableRoles=Shape.FREE,
    Locale=Shape.FREE,
)
ORDER = _model(
    "Order",
    "ID FromCompanyID ToCompanyID FromUserID BillingAddressID ShippingAddressID Comments LineItemCount Status "
    "DateCreated DateSubmitted DateApproved DateDeclined DateCanceled DateCompleted LastUpdated Subtotal "
    "ShippingCost TaxCost Gratuity Fees PromotionDiscount Currency Total IsSubmitted SubscriptionID BaseDiscount",
    FromUser=ORDER_USER,
    BillingAddress=ADDRESS,
    xp=Shape.FREE,
)
PRODUCT = _model(
    "Product",
    "ID Name Description Returnable QuantityMultiplier ShipWeight ShipHeight ShipWidth ShipLength "
    "DefaultSupplierID ParentID",
    xp=Shape.FREE,
)
VARIANT = _model("Variant", "ID Name Description ShipWeight ShipHeight ShipWidth ShipLength", xp=Shape.FREE)
LINE_ITEM = _model(
    "LineItem",
    "ID ProductID Quantity BundleItemID IsBundle DateAdded QuantityShipped UnitPrice PromotionDiscount LineTotal "
    "LineSubtotal CostCenter DateNeeded ShippingAccount ShippingAddressID ShipFromAddressID SupplierID "
    "InventoryRecordID PriceScheduleID IsOnSale PriceOverridden IncomingOrderID OutgoingOrderID InvitationID "
    "BaseDiscount DiscountID",
    Product=PRODUCT,
    Variant=VARIANT,
    ShippingAddress=ADDRESS,
    ShipFromAddress=ADDRESS,
    Specs=Shape.FREE,
    xp=Shape.FREE,
)
