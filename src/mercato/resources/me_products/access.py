from mercato.auth.roles import Role
from mercato.web.access import Access

ACCESS = Access(
    {
        "Me.ListProducts": [Role.Shopper],
        "Me.GetProduct": [Role.Shopper],
        "Me.ListSpecs": [Role.Shopper],
        "Me.GetSpec": [Role.Shopper],
        "Me.ListVariants": [Role.Shopper],
        "Me.GetVariant": [Role.Shopper],
    }
)
