from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.BuyerUserAdmin, Role.BuyerUserReader]
WRITE = [Role.BuyerUserAdmin]

ACCESS = Access(
    {
        "Users.List": READ,
        "Users.Get": READ,
        "Users.Create": WRITE,
        "Users.Save": WRITE,
        "Users.Patch": WRITE,
        "Users.Delete": WRITE,
        "Users.Move": WRITE,
        # Newer than the shared spec (no published roles): the resource's own (docs/decisions/0010-users.md).
        "Users.RevokeUserTokens": WRITE,
        "Users.UnlockUserAccount": WRITE,
    },
    buyer_scoped=True,
)

ACROSS = Access({"Users.ListAcrossBuyers": READ}, seller_only=True)

# Not buyer-scoped: a config may let a user act as users of other buyers (SEMANTICS.md §1.7).
IMPERSONATION = Access({"Users.GetAccessToken": [Role.BuyerImpersonation]})
