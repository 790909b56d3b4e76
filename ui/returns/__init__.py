"""Screens of returns and disposal: the returns list with its clocks and the request form, the return receiving
station, and the disposal screen (request, approve, execute, documents)."""
