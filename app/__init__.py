"""Bonded WMS: the product without a screen (domain rules, persistence, services, devices, CLI)."""

__version__ = "0.1.0"
