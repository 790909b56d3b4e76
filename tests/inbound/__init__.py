"""Receiving overseas goods: GS1 decoding, declaration import, tally, release, put-away, ledger, documents."""
