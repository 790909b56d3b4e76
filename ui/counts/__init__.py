"""Stock counts: the counts list (create, variances, recount, approve, confirm, documents) and the count station."""
