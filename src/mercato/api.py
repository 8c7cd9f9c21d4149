"""THE registry: one line per resource router. Everything under /v1 speaks the OrderCloud API and passes the
guard (mercato.web.guard) through the ``ctx`` dependency."""

from __future__ import annotations

from dataclasses import dataclass

from litestar import Litestar, Router
from litestar.di import Provide
from litestar.routes import HTTPRoute
from litestar.types import ControllerRouterHandler

from mercato.resources.addresses.router import router as addresses
from mercato.resources.admin_addresses.router import router as admin_addresses
from mercato.resources.admin_user_groups.router import router as admin_user_groups
from mercato.resources.admin_users.router import router as admin_users
from mercato.resources.api_clients.router import router as api_clients
from mercato.resources.approval_rules.router import router as approval_rules
from mercato.resources.buyer_user_groups.router import router as buyer_user_groups
from mercato.resources.buyer_users.router import across_router as buyer_users_across
from mercato.resources.buyer_users.router import router as buyer_users
from mercato.resources.buyers.router import router as buyers
from mercato.resources.cart.router import router as cart
from mercato.resources.catalogs.router import router as catalogs
from mercato.resources.categories.router import router as categories
from mercato.resources.cost_centers.router import router as cost_centers
from mercato.resources.credit_cards.router import router as credit_cards
from mercato.resources.impersonation_configs.router import router as impersonation_configs
from mercato.resources.incrementors.router import router as incrementors
from mercato.resources.line_items.router import across_router as line_items_across
from mercato.resources.line_items.router import router as line_items
from mercato.resources.me.router import router as me
from mercato.resources.me_addresses.router import router as me_addresses
from mercato.resources.me_catalogs.router import router as me_catalogs
from mercato.resources.me_categories.router import router as me_categories
from mercato.resources.me_cost_centers.router import router as me_cost_centers
from mercato.resources.me_credit_cards.router import router as me_credit_cards
from mercato.resources.me_products.router import router as me_products
from mercato.resources.me_shipments.router import router as me_shipments
from mercato.resources.me_spending_accounts.router import router as me_spending_accounts
from mercato.resources.oauth.router import router as oauth
from mercato.resources.orders.router import me_router as me_orders
from mercato.resources.orders.router import router as orders
from mercato.resources.payments.router import router as payments
from mercato.resources.price_schedules.router import router as price_schedules
from mercato.resources.product_facets.router import router as product_facets
from mercato.resources.products.router import router as products
from mercato.resources.security_profiles.router import router as security_profiles
from mercato.resources.shipments.router import order_router as order_shipments
from mercato.resources.shipments.router import router as shipments
from mercato.resources.specs.router import router as specs
from mercato.resources.spending_accounts.router import router as spending_accounts
from mercato.web.access import Operation
from mercato.web.guard import provide_context
from mercato.web.health import health

V1: list[ControllerRouterHandler] = [
    incrementors,
    price_schedules,
    buyers,
    catalogs,
    categories,
    buyer_users,
    buyer_users_across,
    buyer_user_groups,
    addresses,
    cost_centers,
    api_clients,
    security_profiles,
    impersonation_configs,
    admin_addresses,
    admin_users,
    admin_user_groups,
    me,
    me_addresses,
    me_catalogs,
    me_categories,
    me_products,
    me_cost_centers,
    credit_cards,
    me_credit_cards,
    spending_accounts,
    me_spending_accounts,
    approval_rules,
    products,
    specs,
    product_facets,
    orders,
    me_orders,
    cart,
    line_items,
    line_items_across,
    payments,
    shipments,
    order_shipments,
    me_shipments,
]


@dataclass(frozen=True, slots=True)
class RouteOperation:
    method: str
    path: str
    """As registered, e.g. ``/v1/incrementors/{incrementorID:str}``."""
    operation: Operation


def route_operations() -> list[RouteOperation]:
    """Every implemented route that declares an operation: what the contract test and ``mercato roles`` read."""
    app = Litestar(route_handlers=route_handlers(), openapi_config=None)
    found = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            operation = handler.opt.get("operation")
            if isinstance(operation, Operation):
                found += [RouteOperation(method, route.path, operation) for method in handler.http_methods]
    return sorted(found, key=lambda r: (r.path.lower(), r.method))


def route_handlers() -> list[ControllerRouterHandler]:
    v1 = Router(path="/v1", route_handlers=V1, dependencies={"ctx": Provide(provide_context)})
    return [health, oauth, v1]
