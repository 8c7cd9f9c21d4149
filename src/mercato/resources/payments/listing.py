from mercato.db.tables import payments
from mercato.listing import Field, Kind, ListSpec

c = payments.c

# MODELS.md: ID and Description searchable; ID, Type and DateCreated sortable. Every field filters.
SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "Type": Field(c.type, sort=True),
        "DateCreated": Field(c.date_created, Kind.DATETIME, sort=True, nullable=False),
        "CreditCardID": Field(c.credit_card_id),
        "SpendingAccountID": Field(c.spending_account_id),
        "Description": Field(c.description, search=True),
        "Currency": Field(c.currency),
        "Amount": Field(c.amount, Kind.DECIMAL),
        "Accepted": Field(c.accepted, Kind.BOOLEAN),
        "OrderReturnID": Field(c.order_return_id),
    },
    tiebreak=c.id,
    default_sort=("DateCreated",),
    xp=c.xp,
)
