"""A buyer's approval rules (``/buyers/{buyerID}/approvalrules``). The approving group must be one of the buyer's
user groups; accounts/references.py keeps the rule in step when the group is renamed and refuses to delete it.
Rules are evaluated when orders are submitted (a later issue)."""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import exists, select

from mercato.accounts.buyer_assignments import require_group
from mercato.context import RequestContext
from mercato.db.tables import approval_rules, order_approvals, orders
from mercato.errors import BadRequest
from mercato.listing import ListPage, ListQuery
from mercato.resources.approval_rules.expressions import validate_rule_expression
from mercato.resources.approval_rules.listing import SPEC
from mercato.resources.approval_rules.schemas import ApprovalRule
from mercato.store import Scope, Store

store = Store(approval_rules, ApprovalRule, "ApprovalRule", scope=("marketplace_id", "buyer_id"))


def _scope(ctx: RequestContext, buyer_id: str) -> Scope:
    return {"marketplace_id": ctx.marketplace_id, "buyer_id": buyer_id}


async def list_(ctx: RequestContext, buyer_id: str, query: ListQuery) -> ListPage[ApprovalRule]:
    return await store.list(ctx.connection, SPEC, query, store.select(_scope(ctx, buyer_id)))


async def get(ctx: RequestContext, buyer_id: str, rule_id: str) -> ApprovalRule:
    return await store.get(ctx.connection, _scope(ctx, buyer_id), rule_id)


async def create(ctx: RequestContext, buyer_id: str, rule: ApprovalRule) -> ApprovalRule:
    rule = await _checked(ctx, buyer_id, rule)
    return await store.create(ctx.connection, _scope(ctx, buyer_id), rule)


async def save(ctx: RequestContext, buyer_id: str, rule_id: str, rule: ApprovalRule) -> ApprovalRule:
    rule = await _checked(ctx, buyer_id, rule)
    return (await store.save(ctx.connection, _scope(ctx, buyer_id), rule_id, rule)).item


async def patch(ctx: RequestContext, buyer_id: str, rule_id: str, changes: dict[str, Any]) -> ApprovalRule:
    merged = await store.merged(ctx.connection, _scope(ctx, buyer_id), rule_id, changes)
    rule = await _checked(ctx, buyer_id, merged)
    return (await store.save(ctx.connection, _scope(ctx, buyer_id), rule_id, rule)).item


async def delete(ctx: RequestContext, buyer_id: str, rule_id: str) -> None:
    """A rule with a pending approval on an order awaiting approval is refused (ApprovalRule.CannotDeleteIfPending):
    the order would wait for a decision nobody can make any more."""
    o, a = orders.c, order_approvals.c
    pending = exists().where(
        a.marketplace_id == ctx.marketplace_id,
        a.approval_rule_id == rule_id,
        a.status == "Pending",
        o.marketplace_id == a.marketplace_id,
        o.id == a.order_id,
        o.from_company_id == buyer_id,
        o.status == "AwaitingApproval",
    )
    if await ctx.connection.scalar(select(pending)):
        raise BadRequest(
            "ApprovalRule.CannotDeleteIfPending",
            f"Approval rule {rule_id} has pending approvals on orders awaiting approval",
            {"ApprovalRuleID": rule_id},
        )
    await store.delete(ctx.connection, _scope(ctx, buyer_id), rule_id)


async def _checked(ctx: RequestContext, buyer_id: str, rule: ApprovalRule) -> ApprovalRule:
    expression = validate_rule_expression(rule.RuleExpression)
    await require_group(ctx.connection, ctx.marketplace_id, buyer_id, rule.ApprovingGroupID)
    return msgspec.structs.replace(rule, RuleExpression=expression)
