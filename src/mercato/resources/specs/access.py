from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.ProductAdmin, Role.ProductReader]
WRITE = [Role.ProductAdmin]

ACCESS = Access(
    {
        "Specs.List": READ,
        "Specs.Create": WRITE,
        "Specs.Get": READ,
        "Specs.Save": WRITE,
        "Specs.Delete": WRITE,
        "Specs.Patch": WRITE,
        "Specs.ListOptions": READ,
        "Specs.CreateOption": WRITE,
        "Specs.GetOption": READ,
        "Specs.SaveOption": WRITE,
        "Specs.DeleteOption": WRITE,
        "Specs.PatchOption": WRITE,
        "Specs.DeleteProductAssignment": WRITE,
        "Specs.ListProductAssignments": READ,
        "Specs.SaveProductAssignment": WRITE,
    },
    # Specs belong to the marketplace owner (and, once they exist, to suppliers for their own products); buyer
    # users see the specs of products visible to them through /me/products/{id}/specs (docs/decisions/0015).
    seller_only=True,
)
