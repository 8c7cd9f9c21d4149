from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.OrderAdmin, Role.Shopper, Role.OrderReader]
WRITE = [Role.OrderAdmin, Role.Shopper]

ACCESS = Access(
    {
        "LineItems.ListAcrossOrders": [Role.OrderAdmin, Role.OrderReader],
        "LineItems.List": READ,
        "LineItems.Create": WRITE,
        "LineItems.Get": READ,
        "LineItems.Save": WRITE,
        "LineItems.Delete": WRITE,
        "LineItems.Patch": WRITE,
        "LineItems.SetShippingAddress": WRITE,
        "LineItems.PatchShippingAddress": WRITE,
    }
)
