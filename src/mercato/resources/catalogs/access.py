from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.CatalogAdmin, Role.CatalogReader]
WRITE = [Role.CatalogAdmin]

# Buyer users with CatalogAdmin edit the catalogs assigned to their own buyer and those catalogs' product
# assignments, but never create or delete catalogs nor assign them to buyers (SEMANTICS.md §2.2); which catalogs
# a caller sees at all is mercato.catalog.catalogs.readable.
ACCESS = Access(
    {
        "Catalogs.List": READ,
        "Catalogs.Create": WRITE,
        "Catalogs.Get": READ,
        "Catalogs.Save": WRITE,
        "Catalogs.Delete": WRITE,
        "Catalogs.Patch": WRITE,
        "Catalogs.DeleteAssignment": WRITE,
        "Catalogs.DeleteProductAssignment": WRITE,
        "Catalogs.ListAssignments": READ,
        "Catalogs.SaveAssignment": WRITE,
        "Catalogs.ListProductAssignments": READ,
        "Catalogs.SaveProductAssignment": WRITE,
    },
    seller_only=["Catalogs.Create", "Catalogs.Delete", "Catalogs.SaveAssignment", "Catalogs.DeleteAssignment"],
)
