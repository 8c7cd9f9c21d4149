from mercato.db.tables import order_approvals, orders
from mercato.listing import Field, Kind, ListSpec

c = orders.c

# MODELS.md: ID and Comments searchable; ID, Status, the dates and Gratuity sortable. Every field filters.
SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "FromCompanyID": Field(c.from_company_id, nullable=False),
        "ToCompanyID": Field(c.to_company_id, nullable=False),
        "FromUserID": Field(c.from_user_id, sort=True, nullable=False),
        "BillingAddressID": Field(c.billing_address_id),
        "ShippingAddressID": Field(c.shipping_address_id),
        "Comments": Field(c.comments, search=True),
        "LineItemCount": Field(c.line_item_count, Kind.INTEGER, nullable=False),
        "Status": Field(c.status, sort=True, nullable=False),
        "DateCreated": Field(c.date_created, Kind.DATETIME, sort=True, nullable=False),
        "DateSubmitted": Field(c.date_submitted, Kind.DATETIME, sort=True),
        "DateApproved": Field(c.date_approved, Kind.DATETIME, sort=True),
        "DateDeclined": Field(c.date_declined, Kind.DATETIME, sort=True),
        "DateCanceled": Field(c.date_canceled, Kind.DATETIME, sort=True),
        "DateCompleted": Field(c.date_completed, Kind.DATETIME, sort=True),
        "LastUpdated": Field(c.last_updated, Kind.DATETIME, sort=True, nullable=False),
        "Subtotal": Field(c.subtotal, Kind.DECIMAL, sort=True, nullable=False),
        "ShippingCost": Field(c.shipping_cost, Kind.DECIMAL, sort=True, nullable=False),
        "TaxCost": Field(c.tax_cost, Kind.DECIMAL, sort=True, nullable=False),
        "Gratuity": Field(c.gratuity, Kind.DECIMAL, sort=True, nullable=False),
        "Fees": Field(c.fees, Kind.DECIMAL, nullable=False),
        "PromotionDiscount": Field(c.promotion_discount, Kind.DECIMAL, sort=True, nullable=False),
        "Currency": Field(c.currency),
        "Total": Field(c.total, Kind.DECIMAL, sort=True, nullable=False),
        "IsSubmitted": Field(c.is_submitted, Kind.BOOLEAN, nullable=False),
        "SubscriptionID": Field(c.subscription_id),
    },
    tiebreak=c.id,
    default_sort=("DateCreated",),
    xp=c.xp,
    parameters=frozenset({"buyerID", "supplierID", "from", "to"}),
)

ME_SPEC = ListSpec(
    fields=SPEC.fields, tiebreak=c.id, default_sort=SPEC.default_sort, xp=c.xp, parameters=frozenset({"from", "to"})
)

SELECTS_SUBMISSION = frozenset({"IsSubmitted", "Status"})
"""Filtering on either decides which side of submission a list shows; without them, lists show submitted orders
only (SEMANTICS.md §4: OrderCloud's order lists)."""

a = order_approvals.c
APPROVAL_SPEC = ListSpec(
    fields={
        "ApprovalRuleID": Field(a.approval_rule_id, search=True, sort=True, nullable=False),
        "ApprovingGroupID": Field(a.approving_group_id, search=True, sort=True, nullable=False),
        "Status": Field(a.status, sort=True, nullable=False),
        "DateCreated": Field(a.date_created, Kind.DATETIME, sort=True, nullable=False),
        "DateCompleted": Field(a.date_completed, Kind.DATETIME, sort=True),
        "Comments": Field(a.comments, search=True),
    },
    tiebreak=a.id,
    default_sort=("DateCreated",),
)
