from mercato.db.tables import impersonation_configs
from mercato.listing import Field, ListSpec

c = impersonation_configs.c

SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "ImpersonationBuyerID": Field(c.impersonation_buyer_id),
        "ImpersonationGroupID": Field(c.impersonation_group_id),
        "ImpersonationUserID": Field(c.impersonation_user_id),
        "BuyerID": Field(c.buyer_id),
        "GroupID": Field(c.group_id),
        "UserID": Field(c.user_id),
        "SecurityProfileID": Field(c.security_profile_id, search=True, sort=True, nullable=False),
        "ClientID": Field(c.client_id, search=True, sort=True, nullable=False),
    },
    tiebreak=c.id,
    default_sort=("ID",),
)
