"""The list contracts of ``/me/products`` and its specs and variants: the admin lists' fields and sorts
(resources/products/listing.py, resources/specs/listing.py) with the Me routes' own parameters."""

import dataclasses

from mercato.listing import ListSpec
from mercato.resources.products.listing import FIELDS, VARIANT_SPEC, p
from mercato.resources.specs.listing import SPEC as SPECS_SPEC

SPEC = ListSpec(
    fields=FIELDS,
    tiebreak=p.id,
    default_sort=("Name",),
    xp=p.xp,
    parameters=frozenset({"catalogID", "categoryID", "depth", "sellerID"}),
)
MY_SPECS_SPEC = dataclasses.replace(SPECS_SPEC, parameters=frozenset({"catalogID"}))
MY_VARIANTS_SPEC = VARIANT_SPEC
