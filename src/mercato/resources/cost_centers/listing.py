from mercato.db.tables import cost_center_assignments, cost_centers
from mercato.listing import Field, ListSpec

c = cost_centers.c
a = cost_center_assignments.c

# MODELS.md: ID (search p1, sort p2), Name (search p2, sort p1), Description (search p3, not sortable).
SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "Name": Field(c.name, search=True, sort=True, nullable=False),
        "Description": Field(c.description, search=True),
    },
    tiebreak=c.id,
    default_sort=("Name",),
    xp=c.xp,
)

ASSIGNMENT_PARAMETERS = frozenset({"costCenterID", "userGroupID", "level"})

# ListAssignments takes only these parameters and page/pageSize: without fields, the engine refuses any filter or
# sortBy (the service refuses search). The service orders by cost center; the engine appends the tiebreak.
ASSIGNMENT_SPEC = ListSpec(fields={}, tiebreak=a.user_group_id, parameters=ASSIGNMENT_PARAMETERS)
