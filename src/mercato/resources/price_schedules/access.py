from mercato.auth.roles import Role
from mercato.web.access import Access

# Price schedules are the seller's: only the marketplace owner's users reach them, whatever roles a buyer or
# supplier user holds (docs/decisions/0016). Buyers see prices through /me/products.
ACCESS = Access(
    {
        "PriceSchedules.List": [Role.PriceScheduleAdmin, Role.PriceScheduleReader],
        "PriceSchedules.Create": [Role.PriceScheduleAdmin],
        "PriceSchedules.Get": [Role.PriceScheduleAdmin, Role.PriceScheduleReader],
        "PriceSchedules.Save": [Role.PriceScheduleAdmin],
        "PriceSchedules.Delete": [Role.PriceScheduleAdmin],
        "PriceSchedules.Patch": [Role.PriceScheduleAdmin],
        "PriceSchedules.SavePriceBreak": [Role.PriceScheduleAdmin],
        "PriceSchedules.DeletePriceBreak": [Role.PriceScheduleAdmin],
    },
    seller_only=True,
)
