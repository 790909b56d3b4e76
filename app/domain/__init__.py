"""Pure warehouse and customs rules on plain values: no database, no I/O, no Qt."""
