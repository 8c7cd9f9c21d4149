"""The list of ``/me/addresses`` runs over ``my_addresses``: not a table but the name of the common table
expression the service builds per caller (the addresses the caller sees, with computed Shipping, Billing and
Editable columns). The list engine filters, searches, sorts and pages it like any table."""

from sqlalchemy import Boolean, column, table

from mercato.db.tables import addresses
from mercato.listing import Field, Kind, ListSpec

OWNER_COLUMNS = ("marketplace_id", "owner_type", "company_id")
ADDRESS_COLUMNS = tuple(c for c in addresses.c if c.name not in OWNER_COLUMNS)
FLAG_COLUMNS = ("shipping", "billing", "editable")

my_addresses = table(
    "my_addresses",
    *(column(c.name, c.type) for c in ADDRESS_COLUMNS),
    *(column(name, Boolean()) for name in FLAG_COLUMNS),
)

c = my_addresses.c

# Admin addresses' fields (MODELS.md's search priorities; Country and Phone sort but are not searched), plus the
# three flags as filters (sortBy does not offer them in openapi.json).
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
        "Shipping": Field(c.shipping, Kind.BOOLEAN, nullable=False),
        "Billing": Field(c.billing, Kind.BOOLEAN, nullable=False),
        "Editable": Field(c.editable, Kind.BOOLEAN, nullable=False),
    },
    tiebreak=c.id,
    default_sort=("AddressName", "ID"),
    xp=c.xp,
)
