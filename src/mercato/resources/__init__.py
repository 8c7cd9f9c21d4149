"""One package per OrderCloud resource: schemas, access, listing, service, router (ARCHITECTURE.md, Layout)."""
