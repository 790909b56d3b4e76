"""Qt Linguist sources (.ts) and their compiled .qm files (git-ignored)."""
