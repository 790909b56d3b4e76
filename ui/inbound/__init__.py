"""The inbound screens: declarations, the receive station, the put-away station and the customs ledger."""
