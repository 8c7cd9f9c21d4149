from mercato.db.tables import api_client_assignments, api_client_secrets, api_clients
from mercato.listing import Field, Kind, ListSpec

c = api_clients.c

# ClientSecret is deliberately absent: filtering on it would be an oracle for the secret.
# The role lists are JSON arrays and the counts are computed; neither is a filterable column.
SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "AppName": Field(c.app_name, search=True, sort=True, nullable=False),
        "Active": Field(c.active, Kind.BOOLEAN, nullable=False),
        "AccessTokenDuration": Field(c.access_token_duration, Kind.INTEGER, nullable=False),
        "RefreshTokenDuration": Field(c.refresh_token_duration, Kind.INTEGER, nullable=False),
        "AnonymousTokenDuration": Field(c.anonymous_token_duration, Kind.INTEGER),
        "DefaultContextUserName": Field(c.default_context_user_name),
        "AllowAnyBuyer": Field(c.allow_any_buyer, Kind.BOOLEAN, nullable=False),
        "AllowAnySupplier": Field(c.allow_any_supplier, Kind.BOOLEAN, nullable=False),
        "AllowSeller": Field(c.allow_seller, Kind.BOOLEAN, nullable=False),
        "IsAnonBuyer": Field(c.is_anon_buyer, Kind.BOOLEAN, nullable=False),
        "OrderCheckoutIntegrationEventID": Field(c.order_checkout_integration_event_id),
        "OrderReturnIntegrationEventID": Field(c.order_return_integration_event_id),
        "AddToCartIntegrationEventID": Field(c.add_to_cart_integration_event_id),
    },
    tiebreak=c.id,
    default_sort=("ID",),
    xp=c.xp,
)

s = api_client_secrets.c

SECRET_SPEC = ListSpec(
    fields={
        "ID": Field(s.id, search=True, sort=True, nullable=False),
        "Name": Field(s.name, search=True, sort=True, nullable=False),
        "Expiration": Field(s.expiration, Kind.DATETIME, sort=True),
        "DateCreated": Field(s.date_created, Kind.DATETIME, sort=True, nullable=False),
    },
    tiebreak=s.id,
    default_sort=("ID",),
)

a = api_client_assignments.c

# ListAssignments takes only apiClientID, buyerID and supplierID (exact matches, applied by the service) besides
# paging; MODELS.md makes BuyerID and SupplierID sortable. "" marks an unset party, so it sorts where null would.
ASSIGNMENT_SPEC = ListSpec(
    fields={
        "BuyerID": Field(a.buyer_id, filter=False, sort=True, nullable=False),
        "SupplierID": Field(a.supplier_id, filter=False, sort=True, nullable=False),
    },
    # One row per (client, buyer, supplier): the concatenation is unique, so every page order is stable.
    tiebreak=a.api_client_id + " " + a.buyer_id + " " + a.supplier_id,
    parameters=frozenset({"apiClientID", "buyerID", "supplierID"}),
)
