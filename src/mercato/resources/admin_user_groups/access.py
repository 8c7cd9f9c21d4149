from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.AdminUserGroupAdmin, Role.AdminUserGroupReader]
WRITE = [Role.AdminUserGroupAdmin]

ACCESS = Access(
    {
        "AdminUserGroups.List": READ,
        "AdminUserGroups.Get": READ,
        "AdminUserGroups.Create": WRITE,
        "AdminUserGroups.Save": WRITE,
        "AdminUserGroups.Patch": WRITE,
        "AdminUserGroups.Delete": WRITE,
        "AdminUserGroups.ListUserAssignments": READ,
        "AdminUserGroups.SaveUserAssignment": WRITE,
        "AdminUserGroups.DeleteUserAssignment": WRITE,
    },
    seller_only=[
        "AdminUserGroups.Create",
        "AdminUserGroups.Save",
        "AdminUserGroups.Patch",
        "AdminUserGroups.Delete",
        "AdminUserGroups.SaveUserAssignment",
        "AdminUserGroups.DeleteUserAssignment",
    ],
)
