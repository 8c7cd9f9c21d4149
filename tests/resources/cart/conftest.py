from tests.resources.orders.conftest import checkout

__all__ = ["checkout"]
