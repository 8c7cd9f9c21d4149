"""Fixtures of the catalog, category and Me catalog tests."""

from tests.resources.catalogs.shop import shop

__all__ = ["shop"]
