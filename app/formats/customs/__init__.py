"""The customs e-port's files, pure: the messages we send (CEB621/623/625, INV101, SAS121 builders), the receipts
we read (CEB622/624/626/900 XML and the receipt CSVs), and the schema check of everything we send."""
