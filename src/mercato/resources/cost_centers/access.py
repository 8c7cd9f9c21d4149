from mercato.auth.roles import Role
from mercato.web.access import Access

READ = [Role.CostCenterAdmin, Role.CostCenterReader]
WRITE = [Role.CostCenterAdmin]

# A buyer user may administer its own buyer's cost centers (SEMANTICS.md §1.8); the guard hides every other buyer.
ACCESS = Access(
    {
        "CostCenters.List": READ,
        "CostCenters.Create": WRITE,
        "CostCenters.Get": READ,
        "CostCenters.Save": WRITE,
        "CostCenters.Delete": WRITE,
        "CostCenters.Patch": WRITE,
        "CostCenters.DeleteAssignment": WRITE,
        "CostCenters.ListAssignments": READ,
        "CostCenters.SaveAssignment": WRITE,
    },
    buyer_scoped=True,
)
