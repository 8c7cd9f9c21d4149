from mercato.db.tables import security_profile_assignments, security_profiles
from mercato.listing import Field, ListSpec

c = security_profiles.c
a = security_profile_assignments.c

SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "Name": Field(c.name, search=True, sort=True, nullable=False),
    },
    tiebreak=c.id,
    default_sort=("ID",),
)

ASSIGNMENT_PARAMETERS = frozenset(
    {"buyerID", "supplierID", "securityProfileID", "userID", "userGroupID", "commerceRole", "level"}
)

# ListAssignments takes only these parameters and page/pageSize: without fields, the engine refuses any filter or
# sortBy (the service refuses search). The service orders by the key; the engine appends the tiebreak after it.
ASSIGNMENT_SPEC = ListSpec(fields={}, tiebreak=a.user_id, parameters=ASSIGNMENT_PARAMETERS)
