"""The cart routes are newer than the published spec, which lists no roles for them (CATALOG.md †). They act on
the caller's own unsubmitted order, as the Me routes do, so the Me routes' role serves: Shopper."""

from mercato.auth.roles import Role
from mercato.web.access import Access

OPERATIONS = (
    "Cart.Get",
    "Cart.Save",
    "Cart.Delete",
    "Cart.Patch",
    "Cart.SetActiveCart",
    "Cart.SetBillingAddress",
    "Cart.PatchBillingAddress",
    "Cart.SetShippingAddress",
    "Cart.PatchShippingAddress",
    "Cart.PatchFromUser",
    "Cart.ListLineItems",
    "Cart.CreateLineItem",
    "Cart.GetLineItem",
    "Cart.SaveLineItem",
    "Cart.DeleteLineItem",
    "Cart.PatchLineItem",
    "Cart.ListPayments",
    "Cart.CreatePayment",
    "Cart.GetPayment",
    "Cart.DeletePayment",
    "Cart.PatchPayment",
    "Cart.Submit",
    "Cart.Validate",
)

TRANSACTIONS = ("Cart.CreatePaymentTransaction", "Cart.DeletePaymentTransaction")
"""As Payments.CreateTransaction / DeleteTransaction: OrderAdmin, marketplace users only (decision 0021). A
marketplace user has no cart of its own, so these answer 404 to it; they exist so that the route is known."""

ACCESS = Access(
    dict.fromkeys(OPERATIONS, (Role.Shopper,)) | dict.fromkeys(TRANSACTIONS, (Role.OrderAdmin,)),
    seller_only=TRANSACTIONS,
)
