from mercato.db.tables import addresses
from mercato.listing import Field, Kind, ListSpec

c = addresses.c

# In the order of MODELS.md's search priorities; Country and Phone sort but are not searched.
SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "AddressName": Field(c.address_name, search=True, sort=True),
        "CompanyName": Field(c.company_name, search=True, sort=True),
        "City": Field(c.city, search=True, sort=True, nullable=False),
        "Street1": Field(c.street1, search=True, sort=True, nullable=False),
        "Street2": Field(c.street2, search=True, sort=True),
        "LastName": Field(c.last_name, search=True, sort=True),
        "FirstName": Field(c.first_name, search=True, sort=True),
        "State": Field(c.state, search=True, sort=True),
        "Zip": Field(c.zip, search=True, sort=True),
        "Country": Field(c.country, sort=True, nullable=False),
        "Phone": Field(c.phone, sort=True),
        "DateCreated": Field(c.date_created, Kind.DATETIME, sort=True, nullable=False),
    },
    tiebreak=c.id,
    default_sort=("AddressName", "ID"),
    xp=c.xp,
)
