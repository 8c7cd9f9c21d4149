"""Approval rules at submit and after each approval (SEMANTICS.md §6.3), through the rules engine.

A submission starts a round: every approval rule of the order's buyer is evaluated against the order and its
lines; each true rule gets an OrderApproval. All of them must be approved. When the order's user belongs to a
rule's approving group the rule approves itself (RN v1.0.69). Approved rules make ``order.approved('ruleID')``
true, so after every approval the rules without an approval in this round are evaluated again: that is how a
chained (multi-level) rule joins in. A round's approvals are those created at or after the order's DateSubmitted.

A rule whose expression cannot be evaluated for this order (a division by zero, arithmetic on text) stops the
submission with 400 and the rule's ID: an approval silently skipped would let an order through unchecked.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Row, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.accounts.buyer_assignments import buyer_groups
from mercato.db.tables import (
    approval_rules,
    categories,
    category_products,
    line_items,
    order_approvals,
)
from mercato.errors import BadRequest
from mercato.rules import EvaluationError, ExpressionError, RuleContext, compile_expression

ar, oa, li = approval_rules.c, order_approvals.c, line_items.c
INTERNAL = frozenset({"marketplace_id", "order_id", "from_user_uid", "variant_id"})


def document(row: Row[Any]) -> dict[str, Any]:
    """A row as the JSON-shaped object the engine reads: ``line_subtotal`` as ``LineSubtotal``, ``from_user`` as
    ``FromUser`` (the engine matches names ignoring case; money stays Decimal)."""
    return {_pascal(key): value for key, value in row._mapping.items() if key not in INTERNAL}


def _pascal(column: str) -> str:
    if column == "xp":
        return "xp"
    return "".join("ID" if part == "id" else part.capitalize() for part in column.split("_"))


async def advance(connection: AsyncConnection, order: Row[Any], now: datetime) -> int:
    """Create the approvals this round now calls for; the number still pending."""
    mid = order.marketplace_id
    rules = (
        await connection.execute(
            select(approval_rules).where(ar.marketplace_id == mid, ar.buyer_id == order.from_company_id).order_by(ar.id)
        )
    ).all()
    round_ = (await connection.execute(_this_round(order))).all()
    status = {row.approval_rule_id: row.status for row in round_}
    if not rules:
        return sum(1 for s in status.values() if s == "Pending")
    lines = (
        await connection.execute(select(line_items).where(li.marketplace_id == mid, li.order_id == order.id))
    ).all()
    order_doc, line_docs = document(order), [document(line) for line in lines]
    in_category, in_parent = await _category_tests(connection, mid, {line.product_id for line in lines})
    submitter_groups = await _groups(connection, order)
    changed = True
    while changed:
        changed = False
        approved = frozenset(rule for rule, s in status.items() if s == "Approved")
        context = RuleContext(
            order=order_doc,
            line_items=line_docs,
            now=now,
            approved_rule_ids=approved,
            in_category=in_category,
            in_parent_category=in_parent,
        )
        for rule in rules:
            if rule.id in status or not _holds(rule, context):
                continue
            auto = rule.approving_group_id in submitter_groups
            await connection.execute(
                insert(order_approvals).values(
                    marketplace_id=mid,
                    order_id=order.id,
                    id=uuid.uuid4().hex,
                    approval_rule_id=rule.id,
                    approving_group_id=rule.approving_group_id,
                    status="Approved" if auto else "Pending",
                    date_created=now,
                    date_completed=now if auto else None,
                    approver=order.from_user if auto else None,
                    comments=None,
                    allow_resubmit=False,
                )
            )
            status[rule.id] = "Approved" if auto else "Pending"
            changed = changed or auto
    return sum(1 for s in status.values() if s == "Pending")


def _holds(rule: Row[Any], context: RuleContext) -> bool:
    try:
        return compile_expression(rule.rule_expression).is_true(context)
    except (ExpressionError, EvaluationError) as failure:
        raise BadRequest(
            getattr(failure, "code", "Expression.InvalidSyntax"),
            f"Approval rule {rule.id} cannot be evaluated for this order: {failure}",
            {"ApprovalRuleID": rule.id},
        ) from None


def _this_round(order: Row[Any]) -> Any:
    return select(order_approvals).where(
        oa.marketplace_id == order.marketplace_id,
        oa.order_id == order.id,
        oa.date_created >= order.date_submitted,
    )


async def pending_groups(connection: AsyncConnection, order: Row[Any]) -> dict[str, list[str]]:
    """This round's pending approvals: approving group ID -> the IDs of its approvals."""
    rows = (await connection.execute(_this_round(order).where(oa.status == "Pending"))).all()
    found: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        found[row.approving_group_id].append(row.id)
    return found


async def _groups(connection: AsyncConnection, order: Row[Any]) -> frozenset[str]:
    query = buyer_groups(order.marketplace_id, order.from_company_id, order.from_user_uid)
    return frozenset(await connection.scalars(query))


async def _category_tests(
    connection: AsyncConnection, marketplace_id: str, product_ids: Iterable[str]
) -> tuple[Any, Any]:
    """``product.incategory`` (directly assigned) and ``product.inparentcategory`` (the category or one of its
    ancestors is the one named) answered from the categories of the order's products, looked up once."""
    cp, c = category_products.c, categories.c
    rows = (
        await connection.execute(
            select(cp.product_id, cp.catalog_id, cp.category_id).where(
                cp.marketplace_id == marketplace_id, cp.product_id.in_(list(product_ids))
            )
        )
    ).all()
    direct: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        direct[row.product_id].add(row.category_id)
    parents: dict[tuple[str, str], str | None] = {}
    frontier = {(row.catalog_id, row.category_id) for row in rows}
    while frontier:
        found = (
            await connection.execute(
                select(c.catalog_id, c.id, c.parent_id).where(
                    c.marketplace_id == marketplace_id,
                    c.catalog_id.in_({catalog for catalog, _ in frontier}),
                    c.id.in_({category for _, category in frontier}),
                )
            )
        ).all()
        for row in found:
            parents[(row.catalog_id, row.id)] = row.parent_id
        frontier = {
            (row.catalog_id, row.parent_id)
            for row in found
            if row.parent_id is not None and (row.catalog_id, row.parent_id) not in parents
        }
    lineage: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        key: tuple[str, str] | None = (row.catalog_id, row.category_id)
        while key is not None and key[1] not in lineage[row.product_id] | {""}:
            lineage[row.product_id].add(key[1])
            parent = parents.get(key)
            key = (key[0], parent) if parent is not None else None

    def in_category(line: Any, category_id: str) -> bool:
        return category_id in direct.get(str(line.get("ProductID")), set())

    def in_parent(line: Any, category_id: str) -> bool:
        return category_id in lineage.get(str(line.get("ProductID")), set())

    return in_category, in_parent
