"""Who may call what (roles as the contract lists them) and which shipments and items a caller sees.

Writes are the marketplace owner's: a buyer user holding ShipmentAdmin or OrderAdmin ships nothing (403
Auth.UserNotAuthorizedToAdmin). Suppliers will ship the orders forwarded to them; until orders reach suppliers
they see no shipment.

* An item is visible when its order is (mercato.orders.visibility: Incoming for the marketplace owner's users,
  Outgoing for buyer users).
* The marketplace owner's users see every shipment of the marketplace; a buyer user sees the shipments holding an
  item it sees. Anything else is a 404.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, false, select

from mercato.auth.roles import Role
from mercato.context import Caller, UserType
from mercato.db.tables import orders, shipment_items, shipments
from mercato.orders.status import Direction
from mercato.orders.visibility import readable
from mercato.web.access import Access

READ = [Role.ShipmentAdmin, Role.ShipmentReader]
WRITE = [Role.ShipmentAdmin]

ACCESS = Access(
    {
        "Shipments.List": READ,
        "Shipments.Create": WRITE,
        "Shipments.Get": READ,
        "Shipments.Save": WRITE,
        "Shipments.Delete": WRITE,
        "Shipments.Patch": WRITE,
        "Shipments.ListItems": READ,
        "Shipments.SaveItem": WRITE,
        "Shipments.GetItem": READ,
        "Shipments.DeleteItem": WRITE,
        "Shipments.SetShipFromAddress": WRITE,
        "Shipments.SetShipToAddress": WRITE,
    },
    seller_only=[
        "Shipments.Create",
        "Shipments.Save",
        "Shipments.Delete",
        "Shipments.Patch",
        "Shipments.SaveItem",
        "Shipments.DeleteItem",
        "Shipments.SetShipFromAddress",
        "Shipments.SetShipToAddress",
    ],
)

ORDER_ACCESS = Access(
    {
        "Orders.Ship": [Role.OrderAdmin, Role.ShipmentAdmin],
        "Orders.ListShipments": [Role.OrderAdmin, Role.ShipmentReader],
    },
    seller_only=["Orders.Ship"],
)

ME_ACCESS = Access(
    {
        "Me.ListShipments": [Role.Shopper],
        "Me.GetShipment": [Role.Shopper],
        "Me.ListShipmentItems": [Role.Shopper],
    }
)

s = shipments.c
si = shipment_items.c
o = orders.c


def side(caller: Caller) -> Direction:
    """The direction in which the caller sees the orders it ships or receives."""
    return Direction.Outgoing if caller.user_type is UserType.BUYER else Direction.Incoming


def item_visible(caller: Caller) -> ColumnElement[bool]:
    """On a query joining ``shipment_items`` to ``orders`` (``listing.items_of``)."""
    return readable(caller, side(caller))


def holds_item_readable_as(caller: Caller, direction: Direction) -> ColumnElement[bool]:
    """On ``shipments``: it holds an item of an order the caller reads in ``direction``."""
    joined = shipment_items.join(orders, and_(o.marketplace_id == si.marketplace_id, o.id == si.order_id))
    held = (
        select(si.order_id)
        .select_from(joined)
        .where(si.marketplace_id == s.marketplace_id, si.shipment_id == s.id, readable(caller, direction))
    )
    return held.correlate(shipments).exists()


def visible(caller: Caller) -> ColumnElement[bool]:
    mine = s.marketplace_id == caller.marketplace_id
    if caller.user_type is UserType.ADMIN:
        return mine
    if caller.user_type is UserType.BUYER:
        return and_(mine, holds_item_readable_as(caller, Direction.Outgoing))
    return false()
