"""The outbound screens: allocation and waves, the pick, pack and gate stations, manifests, trace and batch record."""
