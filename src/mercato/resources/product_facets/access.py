from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.ProductFacetAdmin, Role.ProductFacetReader]
WRITE = [Role.ProductFacetAdmin]

ACCESS = Access(
    {
        "ProductFacets.List": READ,
        "ProductFacets.Create": WRITE,
        "ProductFacets.Get": READ,
        "ProductFacets.Save": WRITE,
        "ProductFacets.Delete": WRITE,
        "ProductFacets.Patch": WRITE,
    },
    # Facets configure the marketplace's product lists: only its owner's users change them. They hold nothing
    # of any buyer, so any user with a reading role may read them (buyers see them in Meta.Facets anyway).
    seller_only=["ProductFacets.Create", "ProductFacets.Save", "ProductFacets.Delete", "ProductFacets.Patch"],
)
