from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.CreditCardAdmin, Role.CreditCardReader]
WRITE = [Role.CreditCardAdmin]

ACCESS = Access(
    {
        "CreditCards.List": READ,
        "CreditCards.Create": WRITE,
        "CreditCards.Get": READ,
        "CreditCards.Save": WRITE,
        "CreditCards.Delete": WRITE,
        "CreditCards.Patch": WRITE,
        "CreditCards.DeleteAssignment": WRITE,
        "CreditCards.ListAssignments": READ,
        "CreditCards.SaveAssignment": WRITE,
    },
    buyer_scoped=True,
)
