from mercato.db.tables import incrementors
from mercato.listing import Field, Kind, ListSpec

c = incrementors.c

SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "Name": Field(c.name, search=True, sort=True),
        "LastNumber": Field(c.last_number, Kind.INTEGER, sort=True, nullable=False),
        "LeftPaddingCount": Field(c.left_padding_count, Kind.INTEGER, sort=True, nullable=False),
    },
    tiebreak=c.id,
    default_sort=("ID",),
)
