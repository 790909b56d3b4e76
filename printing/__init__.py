"""Documents (reportlab → PDF) and labels (one layout → ZPL, PDF or preview). Plain data in, bytes out."""
