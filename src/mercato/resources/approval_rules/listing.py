from mercato.db.tables import approval_rules
from mercato.listing import Field, ListSpec

c = approval_rules.c

# MODELS.md's search and sort priorities (Name sorts first, then ID); every field filters.
SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "Name": Field(c.name, search=True, sort=True),
        "Description": Field(c.description, search=True),
        "ApprovingGroupID": Field(c.approving_group_id, sort=True, nullable=False),
        "RuleExpression": Field(c.rule_expression, nullable=False),
    },
    tiebreak=c.id,
    default_sort=("Name",),
    xp=c.xp,
)
