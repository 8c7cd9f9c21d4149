from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.ApprovalRuleAdmin, Role.ApprovalRuleReader]
WRITE = [Role.ApprovalRuleAdmin]

ACCESS = Access(
    {
        "ApprovalRules.List": READ,
        "ApprovalRules.Create": WRITE,
        "ApprovalRules.Get": READ,
        "ApprovalRules.Save": WRITE,
        "ApprovalRules.Delete": WRITE,
        "ApprovalRules.Patch": WRITE,
    },
    buyer_scoped=True,
)
