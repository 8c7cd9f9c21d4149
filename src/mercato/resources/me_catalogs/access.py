from mercato.auth.roles import Role
from mercato.web.access import Access

ACCESS = Access({"Me.ListCatalogs": [Role.Shopper], "Me.GetCatalog": [Role.Shopper]})
