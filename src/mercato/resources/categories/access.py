from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.CategoryAdmin, Role.CategoryReader]
WRITE = [Role.CategoryAdmin]

# Every operation works inside a catalog the caller can see (mercato.catalog.catalogs.readable): admin users any,
# buyer users those assigned to their buyer (and assign categories only to their own buyer), supplier users none.
ACCESS = Access(
    {
        "Categories.List": READ,
        "Categories.Create": WRITE,
        "Categories.Get": READ,
        "Categories.Save": WRITE,
        "Categories.Delete": WRITE,
        "Categories.Patch": WRITE,
        "Categories.DeleteAssignment": WRITE,
        "Categories.DeleteProductAssignment": WRITE,
        "Categories.ListAssignments": READ,
        "Categories.SaveAssignment": WRITE,
        "Categories.ListProductAssignments": READ,
        "Categories.SaveProductAssignment": WRITE,
    }
)
