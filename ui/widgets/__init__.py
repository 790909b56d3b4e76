"""Reusable widgets: the station scan bar and feedback banner, error dialogs, small form helpers."""
