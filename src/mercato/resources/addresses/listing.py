from mercato.db.tables import address_assignments
from mercato.listing import ListSpec
from mercato.resources.admin_addresses.listing import SPEC as ADDRESS_SPEC

a = address_assignments.c

SPEC = ADDRESS_SPEC
"""Buyer addresses list exactly like admin addresses: the same table, fields and default order."""

ASSIGNMENT_PARAMETERS = frozenset({"addressID", "userID", "userGroupID", "level", "isShipping", "isBilling"})

# ListAssignments takes only these parameters and page/pageSize: without fields, the engine refuses any filter or
# sortBy (the service refuses search). The service orders by address and user; the engine appends the tiebreak.
ASSIGNMENT_SPEC = ListSpec(fields={}, tiebreak=a.user_group_id, parameters=ASSIGNMENT_PARAMETERS)
