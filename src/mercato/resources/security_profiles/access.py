from mercato.auth.roles import Role
from mercato.web.access import Access

ADMIN = [Role.SecurityProfileAdmin, Role.SetSecurityProfile]
READ = [Role.SecurityProfileAdmin, Role.SetSecurityProfile, Role.SecurityProfileReader]

ACCESS = Access(
    {
        "SecurityProfiles.List": READ,
        "SecurityProfiles.Create": ADMIN,
        "SecurityProfiles.Get": READ,
        "SecurityProfiles.Save": ADMIN,
        "SecurityProfiles.Delete": ADMIN,
        "SecurityProfiles.Patch": ADMIN,
        "SecurityProfiles.DeleteAssignment": ADMIN,
        "SecurityProfiles.ListAssignments": ADMIN,
        "SecurityProfiles.SaveAssignment": ADMIN,
    },
    seller_only=True,  # else a buyer user could assign itself any role
)
