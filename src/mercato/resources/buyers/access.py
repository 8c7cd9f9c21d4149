from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.BuyerAdmin, Role.BuyerReader]
WRITE = [Role.BuyerAdmin]

ACCESS = Access(
    {
        "Buyers.List": READ,
        "Buyers.Get": READ,
        "Buyers.Create": WRITE,
        "Buyers.Save": WRITE,
        "Buyers.Patch": WRITE,
        "Buyers.Delete": WRITE,
        "Buyers.ListBuyerSellers": READ,
    },
    # A buyer user may administer its own buyer but never create or delete buyers (SEMANTICS.md §1.8).
    seller_only=["Buyers.Create", "Buyers.Delete"],
)
