"""Use cases: plain functions over a unit of work that check the caller's role and change one transaction."""
