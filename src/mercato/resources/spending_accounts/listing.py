from mercato.db.tables import spending_account_assignments, spending_accounts
from mercato.listing import Field, Kind, ListSpec

c = spending_accounts.c

# MODELS.md marks ID and Name searchable and sortable; every field filters.
SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "Name": Field(c.name, search=True, sort=True, nullable=False),
        "Balance": Field(c.balance, Kind.DECIMAL, nullable=False),
        "AllowAsPaymentMethod": Field(c.allow_as_payment_method, Kind.BOOLEAN, nullable=False),
        "RedemptionCode": Field(c.redemption_code),
        "StartDate": Field(c.start_date, Kind.DATETIME),
        "EndDate": Field(c.end_date, Kind.DATETIME),
    },
    tiebreak=c.id,
    default_sort=("Name",),
    xp=c.xp,
)

# ListAssignments takes only these parameters and page/pageSize (see credit_cards/listing.py).
ASSIGNMENT_SPEC = ListSpec(
    fields={},
    tiebreak=spending_account_assignments.c.user_id,
    parameters=frozenset({"spendingAccountID", "userID", "userGroupID", "level"}),
)
