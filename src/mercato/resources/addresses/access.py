from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.AddressAdmin, Role.AddressReader]
WRITE = [Role.AddressAdmin]

# A buyer user may administer its own buyer's addresses (SEMANTICS.md §1.8); the guard hides every other buyer.
ACCESS = Access(
    {
        "Addresses.List": READ,
        "Addresses.Create": WRITE,
        "Addresses.Get": READ,
        "Addresses.Save": WRITE,
        "Addresses.Delete": WRITE,
        "Addresses.Patch": WRITE,
        "Addresses.DeleteAssignment": WRITE,
        "Addresses.ListAssignments": READ,
        "Addresses.SaveAssignment": WRITE,
    },
    buyer_scoped=True,
)
