from mercato.auth.roles import Role
from mercato.web.access import Access

ACCESS = Access(
    {
        "Me.Get": [],
        "Me.Save": [Role.MeAdmin],
        "Me.Patch": [Role.MeAdmin],
        "Me.ResetPasswordByToken": [Role.PasswordReset],
        # Newer than the shared spec (no roles published): any caller may revoke their own tokens.
        "Me.RevokeTokens": [],
        "Me.ListUserGroups": [],
        "Me.Register": [Role.Shopper],
    }
)
