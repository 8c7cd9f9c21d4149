"""Security profiles (named sets of roles) and their assignments to marketplace, company, group and user parties.

An assignment row's level follows from which parties are set ("" = unset, see db/tables/security_profiles.py):

=============================  =============================================
parties set                    who receives the profile's roles
=============================  =============================================
none                           every admin (marketplace) user
UserGroupID / UserID           an admin user group / one admin user
BuyerID (or SupplierID)        every user of that buyer (supplier)
BuyerID + UserGroupID/UserID   a group / one user of that buyer (same for SupplierID)
=============================  =============================================

The marketplace's admin users never lose their last FullAccess through these routes (docs/decisions/0024): a
delete, a PUT/PATCH or an assignment delete that would leave no admin-level assignment (marketplace, admin group
or admin user) of a FullAccess profile, where there was one, is 409 ``SecurityProfile.LastAdminAccess``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, select
from sqlalchemy import delete as delete_from
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.auth.impersonation import used_by_config
from mercato.auth.roles import ROLE_NAMES, Role
from mercato.context import RequestContext, UserType
from mercato.db.dialect import insert_if_absent
from mercato.db.tables import marketplaces, security_profile_assignments, security_profiles, user_groups, users
from mercato.errors import BadRequest, Conflict, ErrorCode, NotFound, ValidationFailure
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.resources.security_profiles.listing import ASSIGNMENT_SPEC, SPEC
from mercato.resources.security_profiles.schemas import SecurityProfile, SecurityProfileAssignment
from mercato.store import Scope, Store

store = Store(security_profiles, SecurityProfile, "SecurityProfile", read_only=frozenset({"IsExternalRoleGroup"}))
SERVER_VALUES = {"is_external_role_group": False}
"""Read-only columns of a new profile (external role groups are not supported)."""

ASSIGNMENTS_SEGMENT = "assignments"
"""The literal route segment beside /securityprofiles/{ID}: a profile with this ID could not be addressed."""

t = security_profile_assignments
a = security_profile_assignments.c


def _scope(ctx: RequestContext) -> Scope:
    return {"marketplace_id": ctx.marketplace_id}


# --- profiles ---------------------------------------------------------------------------------------------------


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[SecurityProfile]:
    return await store.list(ctx.connection, SPEC, query, store.select(_scope(ctx)))


async def get(ctx: RequestContext, profile_id: str) -> SecurityProfile:
    return await store.get(ctx.connection, _scope(ctx), profile_id)


async def create(ctx: RequestContext, profile: SecurityProfile) -> SecurityProfile:
    _check_sent(profile.ID, profile.CustomRoles)
    return await store.create(ctx.connection, _scope(ctx), profile, SERVER_VALUES)


async def save(ctx: RequestContext, profile_id: str, profile: SecurityProfile) -> SecurityProfile:
    """A new ID in the body renames the profile; its assignments follow (ON UPDATE CASCADE)."""
    _check_sent(profile.ID, profile.CustomRoles)
    async with _keeping_admin_access(ctx, profile_id):
        return (await store.save(ctx.connection, _scope(ctx), profile_id, profile, SERVER_VALUES)).item


async def patch(ctx: RequestContext, profile_id: str, changes: dict[str, Any]) -> SecurityProfile:
    _check_sent(changes.get("ID"), changes.get("CustomRoles"))  # arrays are replaced whole: the sent list is it
    async with _keeping_admin_access(ctx, profile_id):
        return await store.patch(ctx.connection, _scope(ctx), profile_id, changes)


async def delete(ctx: RequestContext, profile_id: str) -> None:
    """Its assignments go with it (ON DELETE CASCADE); a profile an impersonation config uses stays."""
    if await used_by_config(ctx.connection, ctx.marketplace_id, profile=profile_id):
        raise Conflict(
            "Impersonation.CannotDeleteSecurityProfile",
            f"Security profile {profile_id} is used by an impersonation config",
            {"SecurityProfileID": profile_id},
        )
    async with _keeping_admin_access(ctx, profile_id):
        await store.delete(ctx.connection, _scope(ctx), profile_id)


@asynccontextmanager
async def _keeping_admin_access(ctx: RequestContext, profile_id: str) -> AsyncIterator[None]:
    """Refuse the write in the block (the request's transaction then rolls it back) when it takes the admin users'
    last FullAccess away. Writes that could do so queue on the marketplace row (FOR NO KEY UPDATE on PostgreSQL,
    which the foreign-key checks of other writes do not wait for; SQLite writers queue anyway), so two of them
    cannot each leave the other's grant as the last one and both commit."""
    await ctx.connection.execute(
        select(marketplaces.c.id).where(marketplaces.c.id == ctx.marketplace_id).with_for_update(key_share=True)
    )
    before = await _admin_full_access_grants(ctx)
    yield
    if before and not await _admin_full_access_grants(ctx):
        raise Conflict(
            ErrorCode.SECURITY_PROFILE_LAST_ADMIN_ACCESS,
            f"Security profile {profile_id} holds the admin users' last FullAccess: assign FullAccess to them"
            " through another security profile first",
            {"SecurityProfileID": profile_id},
        )


async def _admin_full_access_grants(ctx: RequestContext) -> int:
    """How many admin-level assignments (marketplace, admin group, admin user) are of a FullAccess profile."""
    p = security_profiles.c
    rows = await ctx.connection.execute(
        select(p.roles)
        .select_from(
            t.join(security_profiles, and_(p.marketplace_id == a.marketplace_id, p.id == a.security_profile_id))
        )
        .where(a.marketplace_id == ctx.marketplace_id, a.buyer_id == "", a.supplier_id == "")
    )
    return sum(1 for (roles,) in rows if Role.FullAccess.value in (roles or []))


def _check_sent(profile_id: Any, custom_roles: Any) -> None:
    """Rules on what a caller sends (not on stored rows, so that a role added to the API later cannot make a
    stored profile unreadable). Values of the wrong type are left to decoding, which names them."""
    if isinstance(profile_id, str) and profile_id.lower() == ASSIGNMENTS_SEGMENT:
        raise ValidationFailure(f"{profile_id!r} is reserved: /securityprofiles/{profile_id} lists assignments", "ID")
    for name in custom_roles if isinstance(custom_roles, list) else []:
        if isinstance(name, str) and name in ROLE_NAMES:
            # A token's role claim mixes both kinds: a custom "FullAccess" would be read as the API role.
            raise ValidationFailure(f"Custom role {name!r} is the name of an API role", "CustomRoles")


# --- assignments ------------------------------------------------------------------------------------------------


async def save_assignment(ctx: RequestContext, assignment: SecurityProfileAssignment) -> None:
    """Idempotent: saving an existing assignment changes nothing and still answers 204."""
    parties = _parties(assignment.BuyerID, assignment.SupplierID, assignment.UserGroupID, assignment.UserID)
    await _require_profile(ctx, assignment.SecurityProfileID)
    await _require_members(ctx.connection, ctx.marketplace_id, parties)
    row = {"marketplace_id": ctx.marketplace_id, "security_profile_id": assignment.SecurityProfileID, **parties}
    key = [column.name for column in t.primary_key.columns]
    await ctx.connection.execute(insert_if_absent(ctx.connection.dialect.name, t, row, key))


async def delete_assignment(ctx: RequestContext, profile_id: str, parameters: Mapping[str, str]) -> None:
    """Removes the one assignment with exactly these parties; 204 also when there was none (idempotent, like
    the save), but 404 when the profile itself does not exist."""
    parties = _parties(
        parameters.get("buyerID"), parameters.get("supplierID"), parameters.get("userGroupID"), parameters.get("userID")
    )
    await _require_profile(ctx, profile_id)
    matching = [a[column] == value for column, value in parties.items()]
    async with _keeping_admin_access(ctx, profile_id):
        await ctx.connection.execute(
            delete_from(t).where(a.marketplace_id == ctx.marketplace_id, a.security_profile_id == profile_id, *matching)
        )


async def list_assignments(ctx: RequestContext, query: ListQuery) -> ListPage[SecurityProfileAssignment]:
    if query.search is not None:
        raise BadRequest(
            ErrorCode.LIST_INVALID_SEARCH_PROPERTY,
            "Security profile assignments cannot be searched",
            {"Property": "search"},
        )
    page = await fetch_page(ctx.connection, _assignments(ctx, query.parameters), ASSIGNMENT_SPEC, query)
    return ListPage(Items=[_assignment(row._mapping) for row in page.rows], Meta=page.meta)


def _assignments(ctx: RequestContext, parameters: Mapping[str, str]) -> Select[Any]:
    conditions: list[ColumnElement[bool]] = [a.marketplace_id == ctx.marketplace_id]
    for name, column in (
        ("securityProfileID", a.security_profile_id),
        ("buyerID", a.buyer_id),
        ("supplierID", a.supplier_id),
        ("userID", a.user_id),
        ("userGroupID", a.user_group_id),
    ):
        if parameters.get(name):  # blank means "not given", so the "" of an unset party never matches
            conditions.append(column == parameters[name])
    role = _choice(parameters, "commerceRole", ("Buyer", "Seller", "Supplier"))
    if role == "Buyer":
        conditions.append(a.buyer_id != "")
    elif role == "Supplier":
        conditions.append(a.supplier_id != "")
    elif role == "Seller":
        conditions.append(and_(a.buyer_id == "", a.supplier_id == ""))
    level = _choice(parameters, "level", ("User", "Group", "Company"))
    if level == "User":
        conditions.append(a.user_id != "")
    elif level == "Group":
        conditions.append(a.user_group_id != "")
    elif level == "Company":  # the marketplace itself is the seller's company
        conditions.append(and_(a.user_id == "", a.user_group_id == ""))
    order = (a.security_profile_id, a.buyer_id, a.supplier_id, a.user_group_id)  # + the spec's tiebreak, user_id
    return select(t).where(*conditions).order_by(*order)


def _choice(parameters: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str | None:
    text = parameters.get(name)
    if not text:
        return None
    for value in allowed:
        if value.lower() == text.lower():
            return value
    raise ValidationFailure(f"{name} must be one of {', '.join(allowed)} (got {text[:100]!r})", name)


def _assignment(row: Any) -> SecurityProfileAssignment:
    return SecurityProfileAssignment(
        SecurityProfileID=row["security_profile_id"],
        BuyerID=row["buyer_id"] or None,
        SupplierID=row["supplier_id"] or None,
        UserID=row["user_id"] or None,
        UserGroupID=row["user_group_id"] or None,
    )


def _parties(
    buyer_id: str | None, supplier_id: str | None, user_group_id: str | None, user_id: str | None
) -> dict[str, str]:
    """Column values of the parties ("" = unset; a blank or null ID is unset too), after the pairing rules."""
    parties = {
        "buyer_id": buyer_id or "",
        "supplier_id": supplier_id or "",
        "user_group_id": user_group_id or "",
        "user_id": user_id or "",
    }
    if parties["buyer_id"] and parties["supplier_id"]:
        raise BadRequest(
            "PartyAssignment.CannotSpecifyBuyerAndSupplier", "An assignment may name a buyer or a supplier, not both"
        )
    if parties["user_id"] and parties["user_group_id"]:
        raise BadRequest(
            "PartyAssignment.CannotSpecifyGroupAndUser", "An assignment may name a user or a user group, not both"
        )
    return parties


async def _require_profile(ctx: RequestContext, profile_id: str) -> None:
    if not await store.exists(ctx.connection, _scope(ctx), profile_id):
        raise NotFound("SecurityProfile", profile_id)


async def _require_members(connection: AsyncConnection, marketplace_id: str, parties: dict[str, str]) -> None:
    """The user or group must exist in the named company (admin when neither buyer nor supplier is named).

    Seam: buyers and suppliers have no tables yet, so a company-level BuyerID or SupplierID is not checked; when
    they do, a missing one is 404 ObjectType Buyer / Supplier."""
    if parties["buyer_id"]:
        kind, company = UserType.BUYER, parties["buyer_id"]
    elif parties["supplier_id"]:
        kind, company = UserType.SUPPLIER, parties["supplier_id"]
    else:
        kind, company = UserType.ADMIN, ""
    if parties["user_id"]:
        found = exists().where(
            users.c.marketplace_id == marketplace_id,
            users.c.user_type == kind,
            users.c.company_id == company,
            users.c.id == parties["user_id"],
        )
        if not await connection.scalar(select(found)):
            raise NotFound("User", parties["user_id"])
    if parties["user_group_id"]:
        found = exists().where(
            user_groups.c.marketplace_id == marketplace_id,
            user_groups.c.group_type == kind,
            user_groups.c.company_id == company,
            user_groups.c.id == parties["user_group_id"],
        )
        if not await connection.scalar(select(found)):
            raise NotFound("UserGroup", parties["user_group_id"])
