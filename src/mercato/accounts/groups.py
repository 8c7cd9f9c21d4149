"""User groups of one party and their memberships (the AdminUserGroups, UserGroups and SupplierUserGroups
resources share this). Memberships reference the user's internal uid, so they follow a change of user ID."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.accounts import references
from mercato.accounts.schemas import UserGroup, UserGroupAssignment
from mercato.accounts.users import Party, find_uid
from mercato.context import RequestContext
from mercato.db.dialect import insert_if_absent
from mercato.db.tables import user_group_assignments, user_groups, users
from mercato.errors import Conflict, NotFound
from mercato.listing import Field, ListPage, ListQuery, ListSpec, fetch_page
from mercato.store import Scope, Store

c = user_groups.c
m = user_group_assignments.c

store = Store(user_groups, UserGroup, "UserGroup", scope=("marketplace_id", "group_type", "company_id"))

SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "Name": Field(c.name, search=True, sort=True, nullable=False),
        "Description": Field(c.description, search=True),
    },
    tiebreak=c.id,
    default_sort=("Name",),
    xp=c.xp,
)

ASSIGNMENT_SPEC = ListSpec(
    fields={},
    tiebreak=m.user_group_id,
    parameters=frozenset({"userGroupID", "userID"}),
)


def scope(ctx: RequestContext, party: Party) -> Scope:
    return {"marketplace_id": ctx.marketplace_id, "group_type": party.user_type.value, "company_id": party.company_id}


async def list_groups(ctx: RequestContext, party: Party, query: ListQuery) -> ListPage[UserGroup]:
    return await store.list(ctx.connection, SPEC, query, store.select(scope(ctx, party)))


async def get_group(ctx: RequestContext, party: Party, group_id: str) -> UserGroup:
    return await store.get(ctx.connection, scope(ctx, party), group_id)


async def create_group(ctx: RequestContext, party: Party, group: UserGroup) -> UserGroup:
    return await store.create(ctx.connection, scope(ctx, party), group)


async def save_group(ctx: RequestContext, party: Party, group_id: str, group: UserGroup) -> UserGroup:
    saved = await store.save(ctx.connection, scope(ctx, party), group_id, group)
    await _follow_rename(ctx, party, group_id, saved.item.ID)
    return saved.item


async def patch_group(ctx: RequestContext, party: Party, group_id: str, changes: dict[str, Any]) -> UserGroup:
    patched = await store.patch(ctx.connection, scope(ctx, party), group_id, changes)
    await _follow_rename(ctx, party, group_id, patched.ID)
    return patched


async def delete_group(ctx: RequestContext, party: Party, group_id: str) -> None:
    await store.get(ctx.connection, scope(ctx, party), group_id)
    args = (ctx.connection, ctx.marketplace_id, party.user_type, party.company_id, group_id)
    if await references.group_blockers(*args):
        raise Conflict(
            "UserGroup.CannotDeleteApprovingGroup",
            f"User group {group_id} approves orders for an approval rule; change the rule first",
            {"UserGroupID": group_id},
        )
    await references.group_deleted(*args)
    await store.delete(ctx.connection, scope(ctx, party), group_id)  # memberships go by cascade


async def list_assignments(ctx: RequestContext, party: Party, query: ListQuery) -> ListPage[UserGroupAssignment]:
    u = users.c
    base = (
        select(m.user_group_id, u.id.label("user_id"))
        .select_from(user_group_assignments.join(users, (u.marketplace_id == m.marketplace_id) & (u.uid == m.user_uid)))
        .where(
            m.marketplace_id == ctx.marketplace_id,
            m.group_type == party.user_type.value,
            m.company_id == party.company_id,
        )
    )
    if group_id := query.parameters.get("userGroupID"):
        base = base.where(m.user_group_id == group_id)
    if user_id := query.parameters.get("userID"):
        base = base.where(u.id == user_id)
    page = await fetch_page(ctx.connection, base.order_by(u.id), ASSIGNMENT_SPEC, query)
    items = [UserGroupAssignment(UserGroupID=row.user_group_id, UserID=row.user_id) for row in page.rows]
    return ListPage(Items=items, Meta=page.meta)


async def save_assignment(ctx: RequestContext, party: Party, assignment: UserGroupAssignment) -> None:
    """Idempotent: assigning a member twice changes nothing."""
    await store.get(ctx.connection, scope(ctx, party), assignment.UserGroupID)
    uid = await find_uid(ctx.connection, ctx.marketplace_id, party, assignment.UserID)
    row = {**scope(ctx, party), "user_group_id": assignment.UserGroupID, "user_uid": uid}
    keys = ["marketplace_id", "group_type", "company_id", "user_group_id", "user_uid"]
    await ctx.connection.execute(insert_if_absent(ctx.connection.dialect.name, user_group_assignments, row, keys))


async def delete_assignment(ctx: RequestContext, party: Party, group_id: str, user_id: str) -> None:
    uid = await find_uid(ctx.connection, ctx.marketplace_id, party, user_id)
    result = await ctx.connection.execute(
        delete(user_group_assignments).where(
            m.marketplace_id == ctx.marketplace_id,
            m.group_type == party.user_type.value,
            m.company_id == party.company_id,
            m.user_group_id == group_id,
            m.user_uid == uid,
        )
    )
    if result.rowcount == 0:
        raise NotFound("UserGroupAssignment", f"{group_id}/{user_id}")


async def group_ids_of(connection: AsyncConnection, marketplace_id: str, uid: str) -> list[str]:
    query = select(m.user_group_id).where(m.marketplace_id == marketplace_id, m.user_uid == uid)
    return [row.user_group_id for row in (await connection.execute(query)).all()]


async def _follow_rename(ctx: RequestContext, party: Party, old_id: str, new_id: str | None) -> None:
    if new_id is not None:
        await references.group_renamed(
            ctx.connection, ctx.marketplace_id, party.user_type, party.company_id, old_id, new_id
        )
