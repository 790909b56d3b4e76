"""The customs screens run on the orders screens' fixtures: a warehouse with an exchange folder pair."""

from tests.orders.conftest import home, warehouse
from tests.orders.gui.conftest import exchange

__all__ = ["exchange", "home", "warehouse"]
