from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.SpendingAccountAdmin, Role.SpendingAccountReader]
WRITE = [Role.SpendingAccountAdmin]

ACCESS = Access(
    {
        "SpendingAccounts.List": READ,
        "SpendingAccounts.Create": WRITE,
        "SpendingAccounts.Get": READ,
        "SpendingAccounts.Save": WRITE,
        "SpendingAccounts.Delete": WRITE,
        "SpendingAccounts.Patch": WRITE,
        "SpendingAccounts.DeleteAssignment": WRITE,
        "SpendingAccounts.ListAssignments": READ,
        "SpendingAccounts.SaveAssignment": WRITE,
    },
    buyer_scoped=True,
)
