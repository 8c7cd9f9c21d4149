from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.MeCreditCardAdmin, Role.Shopper]
WRITE = [Role.MeCreditCardAdmin]

ACCESS = Access(
    {
        "Me.ListCreditCards": READ,
        "Me.CreateCreditCard": WRITE,
        "Me.GetCreditCard": READ,
        "Me.SaveCreditCard": WRITE,
        "Me.DeleteCreditCard": WRITE,
        "Me.PatchCreditCard": WRITE,
    }
)
