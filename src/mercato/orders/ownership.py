"""Orders when their user or buyer goes (decision 0020): a user with orders still in progress (awaiting approval
or Open) cannot be deleted (400 User.CannotDeleteWithOpenOrder); deleting one takes its unsubmitted orders (carts)
along and leaves its placed orders as records (they keep a copy of the user). Deleting a buyer deletes every order
of the buyer. A user with orders in progress cannot move to another buyer either (User.CannotMoveeWithOpenOrder);
otherwise it takes none of its orders, its unsubmitted ones, or all of them, as Users.Move's ``orders`` says."""

from __future__ import annotations

from sqlalchemy import delete, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.db.tables import line_items, orders
from mercato.errors import BadRequest
from mercato.orders.status import OrderStatus

o = orders.c
IN_PROGRESS = (OrderStatus.AwaitingApproval.value, OrderStatus.Open.value)


async def user_deleted(connection: AsyncConnection, marketplace_id: str, uid: str, user_id: str) -> None:
    mine = (o.marketplace_id == marketplace_id, o.from_user_uid == uid)
    li = line_items.c
    shipped_cart = exists().where(li.marketplace_id == o.marketplace_id, li.order_id == o.id, li.quantity_shipped > 0)
    if await connection.scalar(select(exists().where(*mine, or_(o.status.in_(IN_PROGRESS), shipped_cart)))):
        raise BadRequest(
            "User.CannotDeleteWithOpenOrder",
            f"User {user_id} has orders awaiting approval, open, or with shipped items: settle them first",
            {"UserID": user_id},
        )
    await connection.execute(delete(orders).where(*mine, o.status == OrderStatus.Unsubmitted.value))


async def buyer_deleted(connection: AsyncConnection, marketplace_id: str, buyer_id: str) -> None:
    await connection.execute(delete(orders).where(o.marketplace_id == marketplace_id, o.from_company_id == buyer_id))


async def user_moved(
    connection: AsyncConnection, marketplace_id: str, uid: str, old_buyer: str, new_buyer: str, which: str
) -> None:
    """``which``: None, Unsubmitted or All (Users.Move's ``orders`` parameter). A user whose orders await approval
    or are Open stays where it is until they are done (400 User.CannotMoveeWithOpenOrder, OrderCloud's spelling):
    their approvals, stock and charges belong to the old buyer."""
    mine = (o.marketplace_id == marketplace_id, o.from_user_uid == uid, o.from_company_id == old_buyer)
    if await connection.scalar(select(exists().where(*mine, o.status.in_(IN_PROGRESS)))):
        raise BadRequest(
            "User.CannotMoveeWithOpenOrder",
            "The user has orders awaiting approval or open: complete or cancel them first",
            {"BuyerID": old_buyer},
        )
    if which == "None":
        return
    query = select(o.id, o.from_user).where(
        o.marketplace_id == marketplace_id, o.from_user_uid == uid, o.from_company_id == old_buyer
    )
    if which == "Unsubmitted":
        query = query.where(o.status == OrderStatus.Unsubmitted.value)
    for row in (await connection.execute(query)).all():
        copy = dict(row.from_user or {}) | {"CompanyID": new_buyer}
        await connection.execute(
            update(orders)
            .where(o.marketplace_id == marketplace_id, o.id == row.id)
            .values(from_company_id=new_buyer, from_user=copy)
        )
