from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.MeAddressAdmin, Role.Shopper]
WRITE = [Role.MeAddressAdmin]

ACCESS = Access(
    {
        "Me.ListAddresses": READ,
        "Me.CreateAddress": WRITE,
        "Me.GetAddress": READ,
        "Me.SaveAddress": WRITE,
        "Me.DeleteAddress": WRITE,
        "Me.PatchAddress": WRITE,
    }
)
