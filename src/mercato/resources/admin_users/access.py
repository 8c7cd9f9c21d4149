from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.AdminUserAdmin, Role.AdminUserReader]
WRITE = [Role.AdminUserAdmin]

ACCESS = Access(
    {
        "AdminUsers.List": READ,
        "AdminUsers.Get": READ,
        "AdminUsers.Create": WRITE,
        "AdminUsers.Save": WRITE,
        "AdminUsers.Patch": WRITE,
        "AdminUsers.Delete": WRITE,
        # Newer than the shared spec, so no roles are published: the resource's admin role (docs/decisions/0010).
        "AdminUsers.RevokeUserTokens": WRITE,
        "AdminUsers.UnlockUserAccount": WRITE,
    },
    seller_only=[
        "AdminUsers.Create",
        "AdminUsers.Save",
        "AdminUsers.Patch",
        "AdminUsers.Delete",
        "AdminUsers.RevokeUserTokens",
        "AdminUsers.UnlockUserAccount",
    ],
)
