from mercato.resources.cost_centers.listing import SPEC as COST_CENTER_SPEC

SPEC = COST_CENTER_SPEC
"""The caller's cost centers list like a buyer's: the same table, fields and default order."""
