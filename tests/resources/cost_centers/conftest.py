"""Fixtures of the cost center tests."""

from tests.resources.addresses.org import org

__all__ = ["org"]
