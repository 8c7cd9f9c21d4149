from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.OrderAdmin, Role.Shopper, Role.OrderReader]
WRITE = [Role.OrderAdmin, Role.Shopper]

ACCESS = Access(
    {
        "Orders.List": [Role.OrderAdmin, Role.OrderReader],
        "Orders.Create": WRITE,
        "Orders.Get": READ,
        "Orders.Save": WRITE,
        "Orders.Delete": WRITE,
        "Orders.Patch": WRITE,
        "Orders.PatchFromUser": WRITE,
        "Orders.SetBillingAddress": WRITE,
        "Orders.PatchBillingAddress": WRITE,
        "Orders.SetShippingAddress": WRITE,
        "Orders.PatchShippingAddress": WRITE,
        "Orders.Submit": WRITE,
        "Orders.Validate": READ,
        "Orders.Approve": WRITE,
        "Orders.Decline": WRITE,
        "Orders.ListApprovals": READ,
        "Orders.ListEligibleApprovers": READ,
        "Orders.Cancel": WRITE,
        "Orders.Complete": [Role.OrderAdmin],
    },
    seller_only=("Orders.Complete",),  # completing is the seller's word that the order is done (decision 0020)
)

ME_ACCESS = Access({"Me.ListOrders": [Role.Shopper], "Me.ListApprovableOrders": [Role.Shopper]})
