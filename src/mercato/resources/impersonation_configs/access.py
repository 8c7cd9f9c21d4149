from mercato.auth.roles import Role
from mercato.web.access import Access

ACCESS = Access(
    {
        "ImpersonationConfigs.List": [Role.SetSecurityProfile],
        "ImpersonationConfigs.Get": [Role.SetSecurityProfile],
        "ImpersonationConfigs.Create": [Role.SetSecurityProfile],
        "ImpersonationConfigs.Save": [Role.SetSecurityProfile],
        "ImpersonationConfigs.Patch": [Role.SetSecurityProfile],
        "ImpersonationConfigs.Delete": [Role.SetSecurityProfile],
    },
    seller_only=True,  # who may act as whom is the marketplace owner's decision alone
)
