"""The overview: the day's figures (`bwms status`, the overview screen) and the alerts (`bwms alerts`), read-only.

It reads every area's tables for counts only, so it sits above the areas it counts and changes nothing.
"""

from app.overview.alerts import SOURCES as ALERT_SOURCES
from app.overview.alerts import Alert, AlertClock, alerts
from app.overview.figures import overview, status_report

__all__ = ["ALERT_SOURCES", "Alert", "AlertClock", "alerts", "overview", "status_report"]
