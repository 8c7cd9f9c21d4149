from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.UserGroupAdmin, Role.UserGroupReader]
WRITE = [Role.UserGroupAdmin]

ACCESS = Access(
    {
        "UserGroups.List": READ,
        "UserGroups.Get": READ,
        "UserGroups.Create": WRITE,
        "UserGroups.Save": WRITE,
        "UserGroups.Patch": WRITE,
        "UserGroups.Delete": WRITE,
        "UserGroups.ListUserAssignments": READ,
        "UserGroups.SaveUserAssignment": WRITE,
        "UserGroups.DeleteUserAssignment": WRITE,
    },
    buyer_scoped=True,
)
