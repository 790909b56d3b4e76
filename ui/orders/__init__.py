"""The orders and customs screens: orders by status, order import, the rejection workbench, the customs exchange."""
