"""Orders and what hangs off them: line items, approvals, payments (+ transactions), shipments (+ items), and each
buyer user's active cart.

An order's ID is unique in the marketplace. Children are keyed under their order and go with it (ON DELETE
CASCADE), except shipment items, which are keyed under their shipment and refer to the line item they ship.
Money is NUMERIC: order and line totals to cents (18,2), unit prices to four places (18,4), as the pricing core
rounds them (mercato.catalog.pricing). Addresses, the product and the variant a line was priced with are copied
into JSON documents: a submitted order keeps what it was placed with, whatever later happens to the originals
(SEMANTICS.md §5.1: "submitted orders keep product data").
"""

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Table,
)

from mercato.db.tables.metadata import ID_LENGTH, id_column, marketplace_column, metadata
from mercato.db.types import UtcDateTime, json_document

MONEY = Numeric(18, 2)
UNIT_PRICE = Numeric(18, 4)


def _ref(name: str, *, nullable: bool = True) -> Column[str]:
    return Column(name, String(ID_LENGTH), nullable=nullable)


def _under_order() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["marketplace_id", "order_id"], ["orders.marketplace_id", "orders.id"], ondelete="CASCADE", onupdate="CASCADE"
    )


orders = Table(
    "orders",
    metadata,
    marketplace_column(),
    id_column(primary_key=True),
    _ref("from_company_id", nullable=False),
    _ref("to_company_id", nullable=False),
    Column("from_user_uid", String(32), nullable=False),
    _ref("from_user_id", nullable=False),
    # The placing user as last written through the order (an OrderUser, never a secret).
    Column("from_user", json_document(), nullable=False),
    _ref("billing_address_id"),
    Column("billing_address", json_document(), nullable=True),
    # What new line items inherit; Order.ShippingAddressID reads the lines' common one (null when they differ).
    _ref("shipping_address_id"),
    Column("shipping_address", json_document(), nullable=True),
    Column("comments", String(2000), nullable=True),
    Column("line_item_count", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("is_submitted", Boolean, nullable=False),
    Column("date_created", UtcDateTime, nullable=False),
    Column("date_submitted", UtcDateTime, nullable=True),
    Column("date_approved", UtcDateTime, nullable=True),
    Column("date_declined", UtcDateTime, nullable=True),
    Column("date_canceled", UtcDateTime, nullable=True),
    Column("date_completed", UtcDateTime, nullable=True),
    Column("last_updated", UtcDateTime, nullable=False),
    Column("subtotal", MONEY, nullable=False),
    Column("shipping_cost", MONEY, nullable=False),
    Column("tax_cost", MONEY, nullable=False),
    Column("gratuity", MONEY, nullable=False),
    Column("fees", MONEY, nullable=False),
    Column("promotion_discount", MONEY, nullable=False),
    Column("currency", String(10), nullable=True),
    Column("total", MONEY, nullable=False),
    _ref("subscription_id"),
    Column("xp", json_document(), nullable=True),
    # A buyer user's orders, newest first (Me.ListOrders, the cart); a buyer's orders (Orders.List?buyerID=).
    Index("ix_orders_from_user", "marketplace_id", "from_user_uid", "date_created"),
    Index("ix_orders_from_company", "marketplace_id", "from_company_id", "date_created"),
    Index("ix_orders_status", "marketplace_id", "status", "date_submitted"),
)

line_items = Table(
    "line_items",
    metadata,
    marketplace_column(primary_key=False),
    _ref("order_id", nullable=False),
    id_column(),
    _ref("product_id", nullable=False),
    # The variant the line's variant specs resolved to: its stock is what the line takes.
    _ref("variant_id"),
    Column("quantity", Integer, nullable=False),
    Column("date_added", UtcDateTime, nullable=False),
    Column("quantity_shipped", Integer, nullable=False),
    Column("unit_price", UNIT_PRICE, nullable=True),
    Column("promotion_discount", MONEY, nullable=False),
    Column("line_subtotal", MONEY, nullable=False),
    Column("line_total", MONEY, nullable=False),
    Column("cost_center", String(100), nullable=True),
    Column("date_needed", UtcDateTime, nullable=True),
    Column("shipping_account", String(100), nullable=True),
    _ref("shipping_address_id"),
    Column("shipping_address", json_document(), nullable=True),
    _ref("ship_from_address_id"),
    Column("ship_from_address", json_document(), nullable=True),
    Column("product", json_document(), nullable=False),
    Column("variant", json_document(), nullable=True),
    _ref("supplier_id"),
    _ref("inventory_record_id"),
    _ref("price_schedule_id"),
    Column("is_on_sale", Boolean, nullable=False),
    Column("price_overridden", Boolean, nullable=False),
    Column("specs", json_document(), nullable=False),
    Column("xp", json_document(), nullable=True),
    PrimaryKeyConstraint("marketplace_id", "order_id", "id"),
    _under_order(),
    Index("ix_line_items_product", "marketplace_id", "product_id"),
)

order_approvals = Table(
    "order_approvals",
    metadata,
    marketplace_column(primary_key=False),
    _ref("order_id", nullable=False),
    # Internal: each submission asks again, so a rule may have several approvals on one order over time.
    Column("id", String(32), nullable=False),
    _ref("approval_rule_id", nullable=False),
    _ref("approving_group_id", nullable=False),
    Column("status", String(10), nullable=False),
    Column("date_created", UtcDateTime, nullable=False),
    Column("date_completed", UtcDateTime, nullable=True),
    Column("approver", json_document(), nullable=True),
    Column("comments", String(2000), nullable=True),
    Column("allow_resubmit", Boolean, nullable=False),
    PrimaryKeyConstraint("marketplace_id", "order_id", "id"),
    _under_order(),
    # Me.ListApprovableOrders: the pending approvals of the caller's groups.
    Index("ix_order_approvals_group", "marketplace_id", "approving_group_id", "status"),
)

payments = Table(
    "payments",
    metadata,
    marketplace_column(primary_key=False),
    _ref("order_id", nullable=False),
    id_column(),
    Column("type", String(20), nullable=True),
    Column("date_created", UtcDateTime, nullable=False),
    _ref("credit_card_id"),
    _ref("spending_account_id"),
    Column("description", String(2000), nullable=True),
    Column("currency", String(10), nullable=True),
    Column("amount", MONEY, nullable=True),
    Column("accepted", Boolean, nullable=True),
    _ref("order_return_id"),
    Column("xp", json_document(), nullable=True),
    PrimaryKeyConstraint("marketplace_id", "order_id", "id"),
    _under_order(),
    Index("ix_payments_spending_account", "marketplace_id", "spending_account_id"),
)

payment_transactions = Table(
    "payment_transactions",
    metadata,
    marketplace_column(primary_key=False),
    _ref("order_id", nullable=False),
    _ref("payment_id", nullable=False),
    id_column(),
    Column("type", String(100), nullable=False),
    Column("date_executed", UtcDateTime, nullable=False),
    Column("currency", String(100), nullable=True),
    Column("amount", MONEY, nullable=True),
    Column("succeeded", Boolean, nullable=False),
    Column("result_code", String(100), nullable=True),
    Column("result_message", String(2000), nullable=True),
    Column("xp", json_document(), nullable=True),
    PrimaryKeyConstraint("marketplace_id", "order_id", "payment_id", "id"),
    ForeignKeyConstraint(
        ["marketplace_id", "order_id", "payment_id"],
        ["payments.marketplace_id", "payments.order_id", "payments.id"],
        ondelete="CASCADE",
        onupdate="CASCADE",
    ),
)

shipments = Table(
    "shipments",
    metadata,
    marketplace_column(),
    id_column(primary_key=True),
    _ref("buyer_id"),
    Column("shipper", String(100), nullable=True),
    Column("date_shipped", UtcDateTime, nullable=True),
    Column("date_delivered", UtcDateTime, nullable=True),
    Column("tracking_number", String(3000), nullable=True),
    Column("cost", MONEY, nullable=True),
    _ref("owner_id"),
    Column("account", String(100), nullable=True),
    _ref("from_address_id"),
    _ref("to_address_id"),
    Column("from_address", json_document(), nullable=True),
    Column("to_address", json_document(), nullable=True),
    Column("date_created", UtcDateTime, nullable=False),
    Column("xp", json_document(), nullable=True),
    Index("ix_shipments_buyer", "marketplace_id", "buyer_id"),
)

shipment_items = Table(
    "shipment_items",
    metadata,
    marketplace_column(primary_key=False),
    _ref("shipment_id", nullable=False),
    _ref("order_id", nullable=False),
    _ref("line_item_id", nullable=False),
    Column("quantity_shipped", Integer, nullable=False),
    PrimaryKeyConstraint("marketplace_id", "shipment_id", "order_id", "line_item_id"),
    ForeignKeyConstraint(
        ["marketplace_id", "shipment_id"],
        ["shipments.marketplace_id", "shipments.id"],
        ondelete="CASCADE",
        onupdate="CASCADE",
    ),
    ForeignKeyConstraint(
        ["marketplace_id", "order_id", "line_item_id"],
        ["line_items.marketplace_id", "line_items.order_id", "line_items.id"],
        ondelete="CASCADE",
        onupdate="CASCADE",
    ),
    # A line's shipped quantity, and an order's shipments (Orders.ListShipments, Shipments.List?orderID=).
    Index("ix_shipment_items_line_item", "marketplace_id", "order_id", "line_item_id"),
)

active_carts = Table(
    "active_carts",
    metadata,
    marketplace_column(primary_key=False),
    Column("user_uid", String(32), nullable=False),
    _ref("order_id", nullable=False),
    PrimaryKeyConstraint("marketplace_id", "user_uid"),
    _under_order(),
)
"""The order ``PUT /cart/{orderID}`` chose; without a row the cart is the user's newest unsubmitted order."""
