from mercato.auth.roles import Role
from mercato.web.access import Access

ACCESS = Access({"Me.ListCategories": [Role.Shopper], "Me.GetCategory": [Role.Shopper]})
