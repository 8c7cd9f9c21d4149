"""Fixtures of the address tests."""

from tests.resources.addresses.org import org

__all__ = ["org"]
