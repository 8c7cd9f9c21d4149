"""Write rules the catalog resources share: the ID a PUT or PATCH ends with, and who owns a new object."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.context import RequestContext
from mercato.errors import NotFound, ValidationFailure
from mercato.ids import resolve_id


async def final_id(connection: AsyncConnection, marketplace_id: str, path_id: str, sent: str | None) -> str:
    """The ID an object written at ``path_id`` ends with: the path's, or the body's (placeholders filled) when it
    names another (a rename)."""
    if sent is None or sent in ("", path_id):
        return path_id
    return await resolve_id(connection, marketplace_id, sent)


def owner_on_create(ctx: RequestContext, sent: str | None) -> str:
    """OwnerID of a new product or spec: the marketplace (its owner's organization, MeUser.Seller.ID) unless the
    body names another organization. Suppliers do not exist yet, so any other owner is a 404 Supplier."""
    if sent is None or sent.strip() == "" or sent == ctx.marketplace_id:
        return ctx.marketplace_id
    raise NotFound("Supplier", sent)


def refuse_reserved(value: str | None, reserved: str, route: str) -> None:
    """An ID equal to a literal route segment beside ``{ID}`` could not be addressed: 400 naming the field."""
    if isinstance(value, str) and value.lower() == reserved:
        raise ValidationFailure(f"{value!r} is reserved: {route} is another route", "ID")
