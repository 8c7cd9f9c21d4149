"""Users of one party (the marketplace's admins, one buyer's users, one supplier's users).

Usernames are unique across the whole marketplace, case-insensitively (``username_key``). Passwords are
checked against the platform policy made stricter by the user's security profiles, hashed with argon2id, and
never returned. A user's internal ``uid`` (the token's ``u`` claim) survives a change of ID.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import msgspec
from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.accounts import references
from mercato.accounts.schemas import USER_COMPUTED, USER_READ_ONLY, User
from mercato.auth.passwords import hash_password, policy_problems
from mercato.auth.profiles import Member, grants_of, grants_of_many
from mercato.context import RequestContext, UserType
from mercato.db.tables import api_clients, refresh_tokens, user_group_assignments, users
from mercato.errors import BadRequest, Conflict, IdExists, NotFound
from mercato.listing import Field, Kind, ListPage, ListQuery, ListSpec
from mercato.store import Scope, Store

c = users.c

store = Store(
    users,
    User,
    "User",
    scope=("marketplace_id", "user_type", "company_id"),
    read_only=USER_READ_ONLY,
    computed=USER_COMPUTED,
    derived=lambda user: {"username_key": user.Username.lower()},
)

SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "Username": Field(c.username, search=True, sort=True, nullable=False),
        "FirstName": Field(c.first_name, search=True, sort=True),
        "LastName": Field(c.last_name, search=True, sort=True),
        "Email": Field(c.email, search=True, sort=True),
        "Phone": Field(c.phone),
        "Active": Field(c.active, Kind.BOOLEAN, nullable=False),
        "TermsAccepted": Field(c.terms_accepted, Kind.DATETIME),
        "DateCreated": Field(c.date_created, Kind.DATETIME, sort=True, nullable=False),
        "LastActive": Field(c.last_active, Kind.DATETIME, sort=True),
        "PasswordLastSetDate": Field(c.password_last_set_date, Kind.DATETIME, sort=True),
        "FailedLoginAttempts": Field(c.failed_login_attempts, Kind.INTEGER, nullable=False),
    },
    tiebreak=c.id,
    default_sort=("LastName", "FirstName"),
    xp=c.xp,
)
COMPANY_SPEC = replace(SPEC, parameters=frozenset({"userGroupID"}))
"""Buyer and supplier user lists also take ``userGroupID``."""
ACROSS_SPEC = replace(SPEC, fields={**SPEC.fields, "CompanyID": Field(c.company_id, sort=True, nullable=False)})


@dataclass(frozen=True, slots=True)
class Party:
    """Whose users: the marketplace's admins (company ""), a buyer's or a supplier's."""

    user_type: UserType
    company_id: str = ""

    def scope(self, marketplace_id: str) -> Scope:
        return {"marketplace_id": marketplace_id, "user_type": self.user_type.value, "company_id": self.company_id}


ADMINS = Party(UserType.ADMIN)


async def list_users(ctx: RequestContext, party: Party, query: ListQuery) -> ListPage[User]:
    """A party's users; ``userGroupID`` (buyer and supplier lists) keeps the members of one of its groups."""
    base = _visible(ctx, party)
    if group_id := query.parameters.get("userGroupID"):
        g = user_group_assignments.c
        base = base.where(
            c.uid.in_(
                select(g.user_uid).where(
                    g.marketplace_id == ctx.marketplace_id,
                    g.group_type == party.user_type.value,
                    g.company_id == party.company_id,
                    g.user_group_id == group_id,
                )
            )
        )
    page = await store.list(ctx.connection, SPEC, query, base)
    return ListPage(Items=await present_many(ctx, party, page.Items), Meta=page.Meta)


async def list_users_across(ctx: RequestContext, user_type: UserType, query: ListQuery) -> ListPage[User]:
    """Every company's users of one type (``/buyerusers``)."""
    base = select(users).where(
        c.marketplace_id == ctx.marketplace_id, c.user_type == user_type.value, c.is_temp.is_(False)
    )
    page = await store.list(ctx.connection, ACROSS_SPEC, query, base)
    return ListPage(Items=await present_many(ctx, Party(user_type), page.Items), Meta=page.Meta)


async def move_user(ctx: RequestContext, party: Party, user_id: str, new_company_id: str) -> User:
    """Users.Move: to another company of the same kind; what tied the user to the old one (group memberships,
    assignments) stays behind, what is the user's own (private addresses and cards) goes along."""
    row = await _require_row(ctx.connection, ctx.marketplace_id, party, user_id)
    if await _is_context_user(ctx, row.username_key):
        raise Conflict(
            "User.CannotMoveDefaultContextUser",
            f"User {user_id} is the default context user of an API client",
            {"UserID": user_id},
        )
    target = Party(party.user_type, new_company_id)
    if await _find_row(ctx.connection, ctx.marketplace_id, target, user_id) is not None:
        raise IdExists("User", user_id)
    await references.user_left(ctx.connection, ctx.marketplace_id, party.user_type, party.company_id, user_id)
    g = user_group_assignments.c
    await ctx.connection.execute(
        delete(user_group_assignments).where(g.marketplace_id == ctx.marketplace_id, g.user_uid == row.uid)
    )
    await ctx.connection.execute(
        update(users).where(c.marketplace_id == ctx.marketplace_id, c.uid == row.uid).values(company_id=new_company_id)
    )
    return await get_user(ctx, target, user_id)


async def get_user(ctx: RequestContext, party: Party, user_id: str) -> User:
    return await present(ctx, party, await _get(ctx, party, user_id))


async def create_user(ctx: RequestContext, party: Party, user: User) -> User:
    uid = uuid.uuid4().hex
    await check_username(ctx.connection, ctx.marketplace_id, user.Username, uid)
    server: dict[str, Any] = {
        "uid": uid,
        "date_created": ctx.now,
        "failed_login_attempts": 0,
        "token_generation": 0,
        "is_temp": False,
    }
    if user.Password is not None:
        member = Member(uid, user.ID or "", party.user_type, party.company_id)
        server |= await password_columns(ctx, member, user.Password)
    created = await store.create(ctx.connection, party.scope(ctx.marketplace_id), user, server)
    return await present(ctx, party, created)


async def save_user(ctx: RequestContext, party: Party, user_id: str, user: User) -> User:
    """PUT: create or replace; a missing Password keeps the current one (it is write-only, never echoed)."""
    existing = await _find_row(ctx.connection, ctx.marketplace_id, party, user_id)
    uid = existing.uid if existing is not None else uuid.uuid4().hex
    await check_username(ctx.connection, ctx.marketplace_id, user.Username, uid)
    also: dict[str, Any] = {}
    if user.Password is not None:
        also = await password_columns(ctx, Member(uid, user_id, party.user_type, party.company_id), user.Password)
    server = {"uid": uid, "date_created": ctx.now, "failed_login_attempts": 0, "token_generation": 0, "is_temp": False}
    saved = await store.save(ctx.connection, party.scope(ctx.marketplace_id), user_id, user, server, also)
    await _follow_rename(ctx, party, user_id, saved.item.ID)
    return await present(ctx, party, saved.item)


async def patch_user(ctx: RequestContext, party: Party, user_id: str, changes: Mapping[str, Any]) -> User:
    existing = await _require_row(ctx.connection, ctx.marketplace_id, party, user_id)
    scope = party.scope(ctx.marketplace_id)
    merged = await store.merged(ctx.connection, scope, user_id, changes)
    await check_username(ctx.connection, ctx.marketplace_id, merged.Username, existing.uid)
    also: dict[str, Any] = {}
    if changes.get("Password") is not None:
        member = Member(existing.uid, user_id, party.user_type, party.company_id)
        also = await password_columns(ctx, member, str(changes["Password"]))
    patched = await store.patch(ctx.connection, scope, user_id, changes, also)
    await _follow_rename(ctx, party, user_id, patched.ID)
    return await present(ctx, party, patched)


async def delete_user(ctx: RequestContext, party: Party, user_id: str) -> None:
    row = await _require_row(ctx.connection, ctx.marketplace_id, party, user_id)
    if await _is_context_user(ctx, row.username_key):
        raise Conflict(
            "User.CannotDeleteDefaultContextUser",
            f"User {user_id} is the default context user of an API client",
            {"UserID": user_id},
        )
    await references.user_deleted(
        ctx.connection, ctx.marketplace_id, party.user_type, party.company_id, user_id, row.uid
    )
    await store.delete(ctx.connection, party.scope(ctx.marketplace_id), user_id)


async def unlock_user(ctx: RequestContext, party: Party, user_id: str) -> None:
    row = await _require_row(ctx.connection, ctx.marketplace_id, party, user_id)
    await ctx.connection.execute(
        update(users)
        .where(c.marketplace_id == ctx.marketplace_id, c.uid == row.uid)
        .values(failed_login_attempts=0, locked_until=None)
    )


async def revoke_tokens(ctx: RequestContext, party: Party, user_id: str) -> None:
    row = await _require_row(ctx.connection, ctx.marketplace_id, party, user_id)
    await revoke_tokens_of(ctx.connection, ctx.marketplace_id, row.uid)


async def revoke_tokens_of(connection: AsyncConnection, marketplace_id: str, uid: str) -> None:
    """Every access token issued so far stops working (the generation moves on) and refresh tokens go."""
    await connection.execute(
        update(users)
        .where(c.marketplace_id == marketplace_id, c.uid == uid)
        .values(token_generation=c.token_generation + 1)
    )
    await connection.execute(
        delete(refresh_tokens).where(
            refresh_tokens.c.marketplace_id == marketplace_id, refresh_tokens.c.user_uid == uid
        )
    )


async def password_columns(ctx: RequestContext, member: Member, password: str) -> dict[str, Any]:
    """Check ``password`` against the policy that applies to ``member``; the columns that store it."""
    grants = await grants_of(ctx.connection, ctx.marketplace_id, member)
    problems = policy_problems(password, grants.policy)
    if problems:
        raise BadRequest(
            "PasswordReset.InsecurePassword",
            "The password must contain " + ", ".join(problems),
            {"Requirements": problems},
        )
    return {"password_hash": await hash_password(password), "password_last_set_date": ctx.now}


async def present(ctx: RequestContext, party: Party, user: User) -> User:
    return (await present_many(ctx, party, [user]))[0]


async def present_many(ctx: RequestContext, party: Party, items: Sequence[User]) -> list[User]:
    """Fill what is not stored as such: AvailableRoles (one query for the page), CompanyID, no Password.
    Each item's stored CompanyID names its company, so a page may mix companies (users across buyers)."""
    if not items:
        return []
    keys = [(u.CompanyID or "", u.ID or "") for u in items]
    rows = (
        await ctx.connection.execute(
            select(c.uid, c.id, c.company_id).where(
                c.marketplace_id == ctx.marketplace_id,
                c.user_type == party.user_type.value,
                c.id.in_([user_id for _, user_id in keys]),
            )
        )
    ).all()
    uids = {(row.company_id, row.id): row.uid for row in rows}
    members = [Member(uids[key], key[1], party.user_type, key[0]) for key in keys if key in uids]
    grants = await grants_of_many(ctx.connection, ctx.marketplace_id, members)
    return [
        msgspec.structs.replace(
            user,
            Password=None,
            CompanyID=ctx.marketplace_id if party.user_type is UserType.ADMIN else key[0],
            AvailableRoles=grants[uids[key]].available if key in uids else [],
        )
        for user, key in zip(items, keys, strict=True)
    ]


async def find_uid(connection: AsyncConnection, marketplace_id: str, party: Party, user_id: str) -> str:
    return str((await _require_row(connection, marketplace_id, party, user_id)).uid)


# --- internals ----------------------------------------------------------------------------------------------------


def _party(marketplace_id: str, party: Party) -> list[Any]:
    return [c.marketplace_id == marketplace_id, c.user_type == party.user_type.value, c.company_id == party.company_id]


def _visible(ctx: RequestContext, party: Party) -> Any:
    """Temporary (anonymous) users are the platform's, not the party's: they never show in user lists."""
    return store.select(party.scope(ctx.marketplace_id)).where(c.is_temp.is_(False))


async def _is_context_user(ctx: RequestContext, username_key: str) -> bool:
    used = await ctx.connection.scalar(
        select(
            exists().where(
                api_clients.c.marketplace_id == ctx.marketplace_id,
                func.lower(api_clients.c.default_context_user_name) == username_key,
            )
        )
    )
    return bool(used)


async def _get(ctx: RequestContext, party: Party, user_id: str) -> User:
    user = await store.find(ctx.connection, party.scope(ctx.marketplace_id), user_id)
    if user is None:
        raise NotFound("User", user_id)
    return user


async def user_exists(connection: AsyncConnection, marketplace_id: str, party: Party, user_id: str) -> bool:
    return await _find_row(connection, marketplace_id, party, user_id) is not None


async def _find_row(connection: AsyncConnection, marketplace_id: str, party: Party, user_id: str) -> Any:
    query = select(c.uid, c.username_key).where(*_party(marketplace_id, party), c.id == user_id)
    return (await connection.execute(query)).first()


async def _require_row(connection: AsyncConnection, marketplace_id: str, party: Party, user_id: str) -> Any:
    row = await _find_row(connection, marketplace_id, party, user_id)
    if row is None:
        raise NotFound("User", user_id)
    return row


async def check_username(connection: AsyncConnection, marketplace_id: str, username: str, own_uid: str) -> None:
    taken = await connection.scalar(
        select(exists().where(c.marketplace_id == marketplace_id, c.username_key == username.lower(), c.uid != own_uid))
    )
    if taken:
        raise Conflict(
            "User.UsernameMustBeUnique",
            f"Username {username} is already taken in this marketplace",
            {"Username": username},
        )


async def _follow_rename(ctx: RequestContext, party: Party, old_id: str, new_id: str | None) -> None:
    """Assignments name users by ID: a renamed user keeps them."""
    if new_id is not None:
        await references.user_renamed(
            ctx.connection, ctx.marketplace_id, party.user_type, party.company_id, old_id, new_id
        )
