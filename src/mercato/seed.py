"""``mercato seed --bench``: a large, deterministic catalog for measuring ``/me/products`` and lists.

Shape (per ``products`` P, ``buyers`` B, ``groups_per_buyer`` G): 20 catalogs, each with a three-level tree of
categories; every product in one catalog and one leaf category, with xp (Color, Size, Brand, Rank) for filters,
search and facets; 50 price schedules (half of them tiered, some on sale), most products with a default one;
B buyers, each with G groups and one shopper user, assigned to 12 catalogs — one seeing every product, one through
a category (ViewAllProducts), one through product assignments at buyer and group level with contract prices, and
nine through their root categories assigned to the shopper's first group (ViewAllProducts): so a shopper sees
about half of the catalog, by groups and categories, as issue 12's scenario asks.
Rows are inserted in bulk straight into the tables (the API's rules are not what is being measured), in one
transaction per table chunk, with a progress bar.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from rich.progress import Progress
from sqlalchemy import Table, insert

from mercato.auth.passwords import hash_password
from mercato.bootstrap import Bootstrap, bootstrap
from mercato.db.engine import Database
from mercato.db.tables import (
    buyers,
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
    security_profile_assignments,
    security_profiles,
    user_group_assignments,
    user_groups,
    users,
)

CATALOGS = 20
ROOTS, CHILDREN, LEAVES = 4, 3, 3  # categories per catalog: 4 + 12 + 36
SCHEDULES = 50
CHUNK = 5000
COLORS = ["Red", "Blue", "Green", "Black", "White", "Yellow", "Grey", "Orange"]
SIZES = ["XS", "S", "M", "L", "XL"]
WORDS = ["Widget", "Gadget", "Bolt", "Panel", "Valve", "Cable", "Sensor", "Bracket", "Filter", "Pump", "Gear", "Hose"]
SHOPPER_PASSWORD = "Bench-Shopper-2026"


@dataclass(frozen=True, slots=True)
class BenchShape:
    products: int = 10_000
    buyers: int = 200
    groups_per_buyer: int = 5
    marketplace_id: str = "bench"
    seed: int = 2026


def catalog_id(n: int) -> str:
    return f"cat-{n:02d}"


def category_ids(catalog: int) -> Iterator[tuple[str, str | None]]:
    """(category ID, parent ID) of one catalog's tree, roots first."""
    for r in range(ROOTS):
        root = f"c{catalog:02d}-{r}"
        yield root, None
        for c in range(CHILDREN):
            child = f"{root}-{c}"
            yield child, root
            for leaf in range(LEAVES):
                yield f"{child}-{leaf}", child


def leaf_of(product: int) -> tuple[str, str]:
    catalog = product % CATALOGS
    r, c, leaf = (product // CATALOGS) % ROOTS, (product // 80) % CHILDREN, (product // 240) % LEAVES
    return catalog_id(catalog), f"c{catalog:02d}-{r}-{c}-{leaf}"


async def seed_bench(database: Database, shape: BenchShape, admin: Bootstrap) -> None:
    rng = random.Random(shape.seed)
    mid = shape.marketplace_id
    now = datetime.now(UTC)
    await bootstrap(database, admin)
    password_hash = await hash_password(SHOPPER_PASSWORD)
    steps: list[tuple[str, Table, Callable[[], Iterator[dict[str, Any]]], int]] = [
        ("price schedules", price_schedules, lambda: _schedules(mid, now, rng), SCHEDULES),
        ("catalogs", catalogs, lambda: _catalogs(mid), CATALOGS),
        ("categories", categories, lambda: _categories(mid), CATALOGS * 52),
        ("products", products, lambda: _products(mid, shape, now, rng), shape.products),
        ("catalog products", catalog_products, lambda: _catalog_products(mid, shape), shape.products),
        ("category products", category_products, lambda: _category_products(mid, shape), shape.products),
        ("facets", product_facets, lambda: _facets(mid), 2),
        ("buyers", buyers, lambda: _buyers(mid, shape, now), shape.buyers),
        ("user groups", user_groups, lambda: _groups(mid, shape), shape.buyers * shape.groups_per_buyer),
        ("shoppers", users, lambda: _users(mid, shape, now, password_hash), shape.buyers),
        ("memberships", user_group_assignments, lambda: _memberships(mid, shape), shape.buyers * 2),
        ("shopper profile", security_profiles, lambda: _profile(mid), 1),
        ("profile assignments", security_profile_assignments, lambda: _profile_assignments(mid, shape), shape.buyers),
        ("catalog assignments", catalog_assignments, lambda: _catalog_assignments(mid, shape), shape.buyers * 12),
        (
            "category assignments",
            category_assignments,
            lambda: _category_assignments(mid, shape),
            shape.buyers * (1 + 9 * ROOTS),
        ),
        ("product assignments", product_assignments, lambda: _product_assignments(mid, shape, rng), shape.buyers * 60),
    ]
    with Progress() as progress:
        for label, table, rows, total in steps:
            task = progress.add_task(label, total=total)
            batch: list[dict[str, Any]] = []
            for row in rows():
                batch.append(row)
                if len(batch) == CHUNK:
                    await _insert(database, table, batch)
                    progress.advance(task, len(batch))
                    batch = []
            if batch:
                await _insert(database, table, batch)
                progress.advance(task, len(batch))


async def _insert(database: Database, table: Table, rows: list[dict[str, Any]]) -> None:
    async with database.transaction() as connection:
        await connection.execute(insert(table), rows)


def _schedules(mid: str, now: datetime, rng: random.Random) -> Iterator[dict[str, Any]]:
    for n in range(SCHEDULES):
        base = Decimal(rng.randint(100, 50_000)) / 100
        breaks = [
            {"Quantity": 1, "Price": float(base), "SalePrice": float(base * Decimal("0.9")) if n % 5 == 0 else None}
        ]
        if n % 2:
            breaks.append({"Quantity": 10, "Price": float(base * Decimal("0.95")), "SalePrice": None})
            breaks.append({"Quantity": 100, "Price": float(base * Decimal("0.85")), "SalePrice": None})
        yield {
            "marketplace_id": mid,
            "id": f"ps-{n:02d}",
            "name": f"Price list {n}",
            "apply_tax": False,
            "apply_shipping": False,
            "min_quantity": 1,
            "max_quantity": None,
            "use_cumulative_quantity": False,
            "restricted_quantity": False,
            "price_breaks": breaks,
            "currency": "USD",
            "sale_start": now - timedelta(days=1) if n % 5 == 0 else None,
            "sale_end": now + timedelta(days=30) if n % 5 == 0 else None,
        }


def _catalogs(mid: str) -> Iterator[dict[str, Any]]:
    for n in range(CATALOGS):
        yield {"marketplace_id": mid, "id": catalog_id(n), "name": f"Catalog {n}", "active": True}


def _categories(mid: str) -> Iterator[dict[str, Any]]:
    for catalog in range(CATALOGS):
        for index, (category, parent) in enumerate(category_ids(catalog)):
            yield {
                "marketplace_id": mid,
                "catalog_id": catalog_id(catalog),
                "id": category,
                "name": f"Category {category}",
                "list_order": index,
                "active": True,
                "parent_id": parent,
            }


def _products(mid: str, shape: BenchShape, now: datetime, rng: random.Random) -> Iterator[dict[str, Any]]:
    for n in range(shape.products):
        word = WORDS[n % len(WORDS)]
        yield {
            "marketplace_id": mid,
            "id": f"p{n:06d}",
            "owner_id": mid,
            "default_price_schedule_id": f"ps-{n % SCHEDULES:02d}" if n % 10 else None,
            "auto_forward": False,
            "is_parent": False,
            "is_bundle": False,
            "name": f"{word} {n} {COLORS[n % len(COLORS)].lower()}",
            "description": f"A {word.lower()} for bench run number {n}",
            "quantity_multiplier": 1,
            "active": n % 50 != 0,
            "inventory_enabled": n % 3 == 0,
            "inventory_variant_level_tracking": False,
            "inventory_order_can_exceed": False,
            "inventory_quantity_available": rng.randint(0, 500),
            "all_suppliers_can_sell": False,
            "returnable": True,
            "date_created": now - timedelta(minutes=n),
            "xp": {
                "Color": COLORS[n % len(COLORS)],
                "Size": SIZES[(n // 7) % len(SIZES)],
                "Brand": f"Brand{n % 50:02d}",
                "Rank": n % 1000,
            },
        }


def _catalog_products(mid: str, shape: BenchShape) -> Iterator[dict[str, Any]]:
    for n in range(shape.products):
        yield {"marketplace_id": mid, "catalog_id": catalog_id(n % CATALOGS), "product_id": f"p{n:06d}"}


def _category_products(mid: str, shape: BenchShape) -> Iterator[dict[str, Any]]:
    for n in range(shape.products):
        catalog, category = leaf_of(n)
        yield {"marketplace_id": mid, "catalog_id": catalog, "category_id": category, "product_id": f"p{n:06d}"}


def _facets(mid: str) -> Iterator[dict[str, Any]]:
    for order, name in enumerate(("Color", "Size")):
        yield {
            "marketplace_id": mid,
            "id": name.lower(),
            "name": name,
            "xp_path": name,
            "list_order": order,
            "min_count": 1,
        }


def buyer_id(n: int) -> str:
    return f"buyer-{n:03d}"


def _buyers(mid: str, shape: BenchShape, now: datetime) -> Iterator[dict[str, Any]]:
    for n in range(shape.buyers):
        yield {
            "marketplace_id": mid,
            "id": buyer_id(n),
            "name": f"Buyer {n}",
            "default_catalog_id": catalog_id(n % CATALOGS),
            "active": True,
            "date_created": now,
        }


def _groups(mid: str, shape: BenchShape) -> Iterator[dict[str, Any]]:
    for n in range(shape.buyers):
        for g in range(shape.groups_per_buyer):
            yield {
                "marketplace_id": mid,
                "group_type": "buyer",
                "company_id": buyer_id(n),
                "id": f"g{g}",
                "name": f"Group {g}",
            }


def shopper_uid(n: int) -> str:
    return f"{n:032x}"


def _users(mid: str, shape: BenchShape, now: datetime, password_hash: str) -> Iterator[dict[str, Any]]:
    for n in range(shape.buyers):
        username = f"shopper-{n:03d}"
        yield {
            "marketplace_id": mid,
            "uid": shopper_uid(n),
            "user_type": "buyer",
            "company_id": buyer_id(n),
            "id": username,
            "username": username,
            "username_key": username,
            "password_hash": password_hash,
            "first_name": "Shopper",
            "last_name": str(n),
            "email": f"{username}@bench.invalid",
            "active": True,
            "failed_login_attempts": 0,
            "date_created": now,
            "token_generation": 0,
            "is_temp": False,
        }


def _memberships(mid: str, shape: BenchShape) -> Iterator[dict[str, Any]]:
    for n in range(shape.buyers):
        for g in range(min(2, shape.groups_per_buyer)):
            yield {
                "marketplace_id": mid,
                "group_type": "buyer",
                "company_id": buyer_id(n),
                "user_group_id": f"g{g}",
                "user_uid": shopper_uid(n),
            }


def _profile(mid: str) -> Iterator[dict[str, Any]]:
    yield {
        "marketplace_id": mid,
        "id": "shopper",
        "name": "Shopper",
        "roles": ["Shopper", "MeAdmin"],
        "custom_roles": [],
        "password_config": None,
        "is_external_role_group": False,
    }


def _profile_assignments(mid: str, shape: BenchShape) -> Iterator[dict[str, Any]]:
    for n in range(shape.buyers):
        yield {
            "marketplace_id": mid,
            "security_profile_id": "shopper",
            "buyer_id": buyer_id(n),
            "supplier_id": "",
            "user_group_id": "",
            "user_id": "",
        }


def _assigned_catalogs(n: int) -> tuple[int, int, int]:
    """Every buyer: its own catalog (sees all), one through a category, one through product assignments."""
    return n % CATALOGS, (n + 7) % CATALOGS, (n + 13) % CATALOGS


def _group_catalogs(n: int) -> list[int]:
    """The nine catalogs a buyer's first group sees whole through their root categories (none of the three)."""
    return [(n + k) % CATALOGS for k in (1, 2, 3, 4, 5, 6, 8, 9, 10)]


def _catalog_assignments(mid: str, shape: BenchShape) -> Iterator[dict[str, Any]]:
    for n in range(shape.buyers):
        everything, by_category, by_product = _assigned_catalogs(n)
        assigned = [(everything, True), (by_category, False), (by_product, False)]
        for catalog, view_all in assigned + [(wide, False) for wide in _group_catalogs(n)]:
            yield {
                "marketplace_id": mid,
                "catalog_id": catalog_id(catalog),
                "buyer_id": buyer_id(n),
                "view_all_categories": True,
                "view_all_products": view_all,
            }


def _category_assignments(mid: str, shape: BenchShape) -> Iterator[dict[str, Any]]:
    for n in range(shape.buyers):
        _, by_category, _ = _assigned_catalogs(n)
        yield {
            "marketplace_id": mid,
            "catalog_id": catalog_id(by_category),
            "category_id": f"c{by_category:02d}-{n % ROOTS}",
            "buyer_id": buyer_id(n),
            "user_group_id": "",
            "visible": True,
            "view_all_products": True,
        }
        for wide in _group_catalogs(n):
            for root in range(ROOTS):
                yield {
                    "marketplace_id": mid,
                    "catalog_id": catalog_id(wide),
                    "category_id": f"c{wide:02d}-{root}",
                    "buyer_id": buyer_id(n),
                    "user_group_id": "g0",
                    "visible": True,
                    "view_all_products": True,
                }


def _product_assignments(mid: str, shape: BenchShape, rng: random.Random) -> Iterator[dict[str, Any]]:
    per_catalog = max(1, shape.products // CATALOGS)
    for n in range(shape.buyers):
        _, _, by_product = _assigned_catalogs(n)
        chosen = rng.sample(range(per_catalog), min(40, per_catalog))
        for index, k in enumerate(chosen):
            product = f"p{k * CATALOGS + by_product:06d}"
            schedule = f"ps-{(n + index) % SCHEDULES:02d}"
            yield {
                "marketplace_id": mid,
                "product_id": product,
                "buyer_id": buyer_id(n),
                "user_group_id": "",
                "price_schedule_id": schedule if index % 2 else None,
            }
            if index < 20:  # contract prices for the first group on half of them
                yield {
                    "marketplace_id": mid,
                    "product_id": product,
                    "buyer_id": buyer_id(n),
                    "user_group_id": "g0",
                    "price_schedule_id": f"ps-{(n + index + 1) % SCHEDULES:02d}",
                }
