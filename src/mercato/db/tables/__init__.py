"""SQLAlchemy Core tables, one module per aggregate, all on one MetaData.

Every tenant table carries ``marketplace_id`` as the first column of its primary key and of every unique key:
the marketplace is the tenant and the shard key (see ARCHITECTURE.md, "Multi-tenant from the first table").
"""

from mercato.db.tables.addresses import addresses
from mercato.db.tables.api_clients import api_client_assignments, api_client_secrets, api_clients
from mercato.db.tables.assignments import (
    address_assignments,
    cost_center_assignments,
    credit_card_assignments,
    spending_account_assignments,
)
from mercato.db.tables.buyers import approval_rules, buyers, cost_centers, credit_cards, spending_accounts
from mercato.db.tables.catalog import (
    catalog_assignments,
    catalog_products,
    catalogs,
    categories,
    category_assignments,
    category_products,
    price_schedules,
    product_assignments,
    product_facets,
    products,
    spec_options,
    spec_products,
    specs,
    variants,
)
from mercato.db.tables.impersonation import impersonation_configs
from mercato.db.tables.incrementors import incrementors
from mercato.db.tables.marketplaces import marketplaces
from mercato.db.tables.metadata import metadata
from mercato.db.tables.orders import (
    active_carts,
    line_items,
    order_approvals,
    orders,
    payment_transactions,
    payments,
    shipment_items,
    shipments,
)
from mercato.db.tables.security_profiles import security_profile_assignments, security_profiles
from mercato.db.tables.shopper_views import (
    READ_MODELS,
    shopper_view_lists,
    shopper_view_products,
    shopper_views,
)
from mercato.db.tables.signing_keys import signing_keys
from mercato.db.tables.users import refresh_tokens, user_group_assignments, user_groups, users

__all__ = [
    "READ_MODELS",
    "active_carts",
    "address_assignments",
    "addresses",
    "api_client_assignments",
    "api_client_secrets",
    "api_clients",
    "approval_rules",
    "buyers",
    "catalog_assignments",
    "catalog_products",
    "catalogs",
    "categories",
    "category_assignments",
    "category_products",
    "cost_center_assignments",
    "cost_centers",
    "credit_card_assignments",
    "credit_cards",
    "impersonation_configs",
    "incrementors",
    "line_items",
    "marketplaces",
    "metadata",
    "order_approvals",
    "orders",
    "payment_transactions",
    "payments",
    "price_schedules",
    "product_assignments",
    "product_facets",
    "products",
    "refresh_tokens",
    "security_profile_assignments",
    "security_profiles",
    "shipment_items",
    "shipments",
    "shopper_view_lists",
    "shopper_view_products",
    "shopper_views",
    "signing_keys",
    "spec_options",
    "spec_products",
    "specs",
    "spending_account_assignments",
    "spending_accounts",
    "user_group_assignments",
    "user_groups",
    "users",
    "variants",
]
