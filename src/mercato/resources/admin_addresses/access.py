from mercato.auth.roles import Role
from mercato.web.access import Access

ACCESS = Access(
    {
        "AdminAddresses.List": [Role.AdminAddressAdmin, Role.AdminAddressReader],
        "AdminAddresses.Create": [Role.AdminAddressAdmin],
        "AdminAddresses.Get": [Role.AdminAddressAdmin, Role.AdminAddressReader],
        "AdminAddresses.Save": [Role.AdminAddressAdmin],
        "AdminAddresses.Delete": [Role.AdminAddressAdmin],
        "AdminAddresses.Patch": [Role.AdminAddressAdmin],
    },
    seller_only=["AdminAddresses.Create", "AdminAddresses.Save", "AdminAddresses.Delete", "AdminAddresses.Patch"],
)
