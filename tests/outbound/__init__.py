"""Outbound: allocation, picking, packing, manifests, gate-out, trace and the batch record."""
