"""Customs tests run on the orders fixtures: the sample warehouse with released bonded stock to declare against."""

from tests.orders.conftest import bare_warehouse, home, warehouse

__all__ = ["bare_warehouse", "home", "warehouse"]
