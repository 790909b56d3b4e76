"""Times on screen are in the warehouse's zone (its settings), as on its paper and in its customs messages.

A workstation whose own clock runs in another zone (a laptop set to UTC, a remote supervisor) still shows
warehouse time. The zone is set once the database is known (`set_zone`); until then the workstation's own
zone is used.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from app import clock

_zone: tzinfo | None = None


def set_zone(zone: tzinfo | None) -> None:
    global _zone
    _zone = zone


def zone() -> tzinfo | None:
    return _zone


def warehouse_today() -> date:
    """Today's date in the warehouse (a UTC workstation after 16:00 is already in Shanghai's tomorrow)."""
    return clock.warehouse_today(_zone)


def warehouse_now() -> datetime:
    """This moment in the warehouse's zone."""
    return clock.warehouse_now(_zone)


def warehouse_time(value: datetime | str | None, seconds: bool = True) -> str:
    """A stored time (UTC-aware, or an ISO string) as warehouse time; a naive time is shown as it is."""
    if not value:
        return ""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(_zone)
    return moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
