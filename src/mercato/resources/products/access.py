from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.ProductAdmin, Role.ProductReader]
WRITE = [Role.ProductAdmin]
ASSIGNMENTS_READ = [Role.ProductAdmin, Role.ProductAssignmentAdmin, Role.ProductReader]
ASSIGNMENTS_WRITE = [Role.ProductAdmin, Role.ProductAssignmentAdmin]

# Products belong to the marketplace owner (suppliers, once they exist, will administer their own): the admin
# /products routes show every product regardless of catalogs and Active (SEMANTICS.md §3.1), so buyer users,
# whatever their roles, use /me/products instead and get 403 Auth.UserNotAuthorizedToAdmin here
# (docs/decisions/0015). ListSuppliers, SaveSupplier and RemoveSupplier wait for suppliers.
ACCESS = Access(
    {
        "Products.List": READ,
        "Products.Create": WRITE,
        "Products.Get": READ,
        "Products.Save": WRITE,
        "Products.Delete": WRITE,
        "Products.Patch": WRITE,
        "Products.ListSpecs": READ,
        "Products.ListVariants": READ,
        "Products.GetVariant": READ,
        "Products.SaveVariant": WRITE,
        "Products.PatchVariant": WRITE,
        "Products.GenerateVariants": WRITE,
        "Products.ListAssignments": ASSIGNMENTS_READ,
        "Products.SaveAssignment": ASSIGNMENTS_WRITE,
    },
    seller_only=True,
)

# DeleteAssignment names the buyer in its path: the guard 404s a buyer that does not exist.
BUYER_ACCESS = Access({"Products.DeleteAssignment": ASSIGNMENTS_WRITE}, seller_only=True, buyer_scoped=True)
