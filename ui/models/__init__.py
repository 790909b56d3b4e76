"""Qt item models over service queries (lazy, paged on the DB thread; never the whole table in memory)."""
