from mercato.auth.roles import Role
from mercato.web.access import Access

ACCESS = Access({"Me.ListCostCenters": [Role.Shopper]})
