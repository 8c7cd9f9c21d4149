from mercato.db.tables import credit_cards
from mercato.listing import Field, Kind, ListSpec
from mercato.resources.credit_cards.listing import FIELDS

c = credit_cards.c

PRIVATE = "me"
"""credit_cards.owner_type of a buyer user's own cards (company_id = the user's uid)."""

# The admin list's fields, and Editable (the caller's own cards). MODELS.md marks Editable searchable, but search
# matches text: it is a filter here (Editable=true).
SPEC = ListSpec(
    fields={**FIELDS, "Editable": Field(c.owner_type == PRIVATE, Kind.BOOLEAN, nullable=False)},
    tiebreak=c.id,
    default_sort=("ID",),
    xp=c.xp,
)
