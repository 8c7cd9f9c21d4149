from mercato.auth.roles import Role
from mercato.web.access import Access

ACCESS = Access(
    {
        "Me.ListSpendingAccounts": [Role.Shopper],
        "Me.GetSpendingAccount": [Role.Shopper],
    }
)
