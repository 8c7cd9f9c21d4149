from mercato.auth.roles import Role
from mercato.web.access import Access

ACCESS = Access(
    {
        "Incrementors.List": [Role.IncrementorAdmin, Role.IncrementorReader],
        "Incrementors.Get": [Role.IncrementorAdmin, Role.IncrementorReader],
        "Incrementors.Create": [Role.IncrementorAdmin],
        "Incrementors.Save": [Role.IncrementorAdmin],
        "Incrementors.Patch": [Role.IncrementorAdmin],
        "Incrementors.Delete": [Role.IncrementorAdmin],
    },
    seller_only=["Incrementors.Create", "Incrementors.Save", "Incrementors.Patch", "Incrementors.Delete"],
)
