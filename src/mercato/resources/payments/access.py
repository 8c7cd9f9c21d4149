from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.OrderAdmin, Role.Shopper, Role.OrderReader]
WRITE = [Role.OrderAdmin, Role.Shopper]
TRANSACTIONS = [Role.OrderAdmin]

ACCESS = Access(
    {
        "Payments.List": READ,
        "Payments.Create": WRITE,
        "Payments.Get": READ,
        "Payments.Delete": WRITE,
        "Payments.Patch": WRITE,
        "Payments.CreateTransaction": TRANSACTIONS,
        "Payments.DeleteTransaction": TRANSACTIONS,
    },
    # What a payment processor did is the seller's record: a buyer's OrderAdmin must not write "Succeeded".
    seller_only=("Payments.CreateTransaction", "Payments.DeleteTransaction"),
)

PAYMENT_ADMIN = frozenset({Role.OrderAdmin, Role.FullAccess})
"""Roles that may accept payments (any payment type) and change payments after submission (decision 0021)."""
