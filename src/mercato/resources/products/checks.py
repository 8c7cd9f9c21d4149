"""What a product write must satisfy (docs/decisions/0015).

* The ID ``assignments`` is refused (``/products/assignments`` is another route). OwnerID is set on create only
  (the marketplace unless the body names another owner) and kept by PUT and PATCH.
* References a write introduces must exist: DefaultPriceScheduleID (404 PriceSchedule), ShipFromAddressID (an
  admin address, 404 Address), DefaultSupplierID (no suppliers yet: 404 Supplier). A reference already stored is
  not checked again, so a later deletion elsewhere does not block unrelated edits.
* Parent and child products: a parent has no parent (``Product.ParentProductCannotHaveParent``); ParentID names an
  existing parent product (404 Product, ``Product.IsNotParent``) of the same owner
  (``Product.ParentChildProductOwnersShouldMatch``); a parent with children stays one
  (``Product.CannotModifyIsParent``); a product with variants becomes neither
  (``Product.CannotModifyIsParentForVariant``, ``Product.CannotModifyParentIDForVariant``), nor one with a variant spec
  (``ProductAssigment.ParentChildProductCannotBeAssignedToVariantSpec``); variant-level inventory is not for them
  (``InventoryConfiguration.InvalidVariantLevelTracking``).
* Inventory.LastUpdated is the server's: the request's time when QuantityAvailable changes (or is set on create),
  else the stored value.
"""

from __future__ import annotations

import msgspec
from sqlalchemy import ColumnElement, exists, select

from mercato.catalog.writes import owner_on_create, refuse_reserved
from mercato.context import RequestContext
from mercato.db.tables import addresses, price_schedules, products, spec_products, specs, variants
from mercato.errors import BadRequest, NotFound
from mercato.resources.products.schemas import Inventory, Product

RESERVED = "assignments"
p = products.c


async def checked(
    ctx: RequestContext, product: Product, current: Product | None, stored_id: str | None = None
) -> Product:
    """``product`` as it will be written (its final ID), ``current`` as stored at ``stored_id`` (None: new)."""
    refuse_reserved(product.ID, RESERVED, "/products/assignments")
    owner = current.OwnerID if current is not None else owner_on_create(ctx, product.OwnerID)
    product = msgspec.structs.replace(product, OwnerID=owner)
    await _references(ctx, product, current)
    await _family(ctx, product, current, stored_id)
    before = current.Inventory if current is not None else None
    return msgspec.structs.replace(product, Inventory=_inventory(ctx, product.Inventory, before))


async def require_price_schedule(ctx: RequestContext, price_schedule_id: str) -> None:
    s = price_schedules.c
    if not await _exists(ctx, s.marketplace_id == ctx.marketplace_id, s.id == price_schedule_id):
        raise NotFound("PriceSchedule", price_schedule_id)


async def refuse_delete_of_parent(ctx: RequestContext, product_id: str) -> None:
    if await _exists(ctx, p.marketplace_id == ctx.marketplace_id, p.parent_id == product_id):
        raise BadRequest(
            "Product.CannotDeleteParentProduct",
            "A parent product with child products cannot be deleted",
            {"ProductID": product_id},
        )


async def _references(ctx: RequestContext, product: Product, current: Product | None) -> None:
    def introduced(field: str) -> str | None:
        value: str | None = getattr(product, field)
        return value if value and (current is None or getattr(current, field) != value) else None

    if schedule := introduced("DefaultPriceScheduleID"):
        await require_price_schedule(ctx, schedule)
    if address := introduced("ShipFromAddressID"):
        a = addresses.c
        admin = (a.owner_type == "admin", a.company_id == "")
        if not await _exists(ctx, a.marketplace_id == ctx.marketplace_id, *admin, a.id == address):
            raise NotFound("Address", address)
    if supplier := introduced("DefaultSupplierID"):
        raise NotFound("Supplier", supplier)


async def _family(ctx: RequestContext, product: Product, current: Product | None, stored_id: str | None) -> None:
    mid = ctx.marketplace_id
    if product.IsParent and product.ParentID:
        raise _refused("Product.ParentProductCannotHaveParent", "A parent product cannot have a parent", product)
    if product.ParentID and (current is None or current.ParentID != product.ParentID):
        parent = (
            await ctx.connection.execute(
                select(p.is_parent, p.owner_id).where(p.marketplace_id == mid, p.id == product.ParentID)
            )
        ).first()
        if parent is None:
            raise NotFound("Product", product.ParentID)
        if not parent.is_parent or product.ParentID in (stored_id, product.ID):
            raise _refused("Product.IsNotParent", f"Product {product.ParentID} is not a parent product", product)
        if parent.owner_id != product.OwnerID:
            raise _refused(
                "Product.ParentChildProductOwnersShouldMatch", "A child product has its parent's owner", product
            )
    family = product.IsParent or product.ParentID is not None
    if product.Inventory is not None and product.Inventory.VariantLevelTracking and family:
        raise _refused(
            "InventoryConfiguration.InvalidVariantLevelTracking",
            "Parent and child products cannot track inventory by variant",
            product,
        )
    if current is None or stored_id is None:
        return
    if (
        current.IsParent
        and not product.IsParent
        and await _exists(ctx, p.marketplace_id == mid, p.parent_id == stored_id)
    ):
        raise _refused("Product.CannotModifyIsParent", "The product has child products", product)
    if not family:
        return
    v = variants.c
    if await _exists(ctx, v.marketplace_id == mid, v.product_id == stored_id):
        if product.IsParent and not current.IsParent:
            raise _refused(
                "Product.CannotModifyIsParentForVariant", "A product with variants cannot be a parent", product
            )
        if product.ParentID is not None and product.ParentID != current.ParentID:
            raise _refused(
                "Product.CannotModifyParentIDForVariant", "A product with variants cannot be a child", product
            )
    a, s = spec_products.c, specs.c
    if await _exists(
        ctx,
        a.marketplace_id == mid,
        a.product_id == stored_id,
        s.marketplace_id == mid,
        s.id == a.spec_id,
        s.defines_variant.is_(True),
    ):
        raise _refused(
            "ProductAssigment.ParentChildProductCannotBeAssignedToVariantSpec",
            "Parent and child products cannot have a spec that defines variants",
            product,
        )


def _inventory(ctx: RequestContext, sent: Inventory | None, before: Inventory | None) -> Inventory:
    inventory = sent or Inventory()
    if before is None:
        last = ctx.now if inventory.QuantityAvailable is not None else None
    elif inventory.QuantityAvailable != before.QuantityAvailable:
        last = ctx.now
    else:
        last = before.LastUpdated
    return msgspec.structs.replace(inventory, LastUpdated=last)


def _refused(code: str, message: str, product: Product) -> BadRequest:
    return BadRequest(code, message, {"ProductID": product.ID, "ParentID": product.ParentID})


async def _exists(ctx: RequestContext, *conditions: ColumnElement[bool]) -> bool:
    return bool(await ctx.connection.scalar(select(exists().where(*conditions))))
