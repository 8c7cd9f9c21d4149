from mercato.db.tables import credit_card_assignments, credit_cards
from mercato.listing import Field, Kind, ListSpec

c = credit_cards.c

# MODELS.md's search and sort priorities; ExpirationDate is sortable and filterable but not searched (search
# matches text, and a date is not text on PostgreSQL).
FIELDS = {
    "ID": Field(c.id, search=True, sort=True, nullable=False),
    "CardholderName": Field(c.cardholder_name, search=True, sort=True),
    "CardType": Field(c.card_type, search=True, sort=True),
    "ExpirationDate": Field(c.expiration_date, Kind.DATETIME, sort=True),
    "DateCreated": Field(c.date_created, Kind.DATETIME, sort=True, nullable=False),
    "PartialAccountNumber": Field(c.partial_account_number),
    "Token": Field(c.token),
}

SPEC = ListSpec(fields=FIELDS, tiebreak=c.id, default_sort=("ID",), xp=c.xp)

# ListAssignments takes only these parameters and page/pageSize (no fields: the engine refuses filters and
# sortBy; the service refuses search). Rows are ordered by card, group, then this tiebreak.
ASSIGNMENT_SPEC = ListSpec(
    fields={},
    tiebreak=credit_card_assignments.c.user_id,
    parameters=frozenset({"creditCardID", "userID", "userGroupID", "level"}),
)
