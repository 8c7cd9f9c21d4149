from mercato.auth.roles import Role
from mercato.web.access import Access

# The secret operations carry no roles in the catalog (†); they follow the client's own: Admin writes, Admin or
# Reader reads (docs/decisions/0008-api-clients.md).
READ = [Role.ApiClientAdmin, Role.ApiClientReader]
WRITE = [Role.ApiClientAdmin]

ACCESS = Access(
    {
        "ApiClients.List": READ,
        "ApiClients.Create": WRITE,
        "ApiClients.Get": READ,
        "ApiClients.Save": WRITE,
        "ApiClients.Delete": WRITE,
        "ApiClients.Patch": WRITE,
        "ApiClients.ListSecrets": READ,
        "ApiClients.CreateSecret": WRITE,
        "ApiClients.GetSecret": READ,
        "ApiClients.DeleteSecret": WRITE,
        "ApiClients.PatchSecret": WRITE,
        "ApiClients.ListAssignments": READ,
        "ApiClients.SaveAssignment": WRITE,
        "ApiClients.DeleteBuyerAssignment": WRITE,
        "ApiClients.DeleteSupplierAssignment": WRITE,
    },
    seller_only=True,  # else a buyer user with ApiClientAdmin could mint an AllowSeller client
)
