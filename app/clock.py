"""The product's one clock: the moment (UTC, as every stored time is kept) and the warehouse's date and time.

The warehouse keeps its own zone (its `time_zone`, Asia/Shanghai unless set; `app.admin.warehouse_zone` reads it),
whatever zone the workstation, the CI machine or the database server runs in: a UTC workstation after 16:00 is
already in Shanghai's tomorrow. So:
  - stored timestamps are UTC: `now()`;
  - business dates are the warehouse's: `warehouse_today(zone)`, `warehouse_now(zone)`, `local_date(moment, zone)`
    — the period books and checklists, a buyer's annual total (a calendar year there), the 30/45-day return
    clocks, shelf life, the sale lock and FEFO against today, numbers and files that carry a date, the "printed"
    line of every report.
Nothing else in app/ reads the machine's clock (`date.today()`, a naive `datetime.now()`, `time.localtime`), and
no query uses the database server's `now()`.

`frozen_at` sets the moment for a test (a time-injection seam: no sleeping, no real clock).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Asia/Shanghai"

_fixed: datetime | None = None


def now() -> datetime:
    """This moment, UTC-aware (what is stored)."""
    return _fixed if _fixed is not None else datetime.now(UTC)


def zone_named(name: str | None) -> ZoneInfo:
    """The zone a warehouse row names (Asia/Shanghai when it names none)."""
    return ZoneInfo(name or DEFAULT_ZONE)


def local_date(moment: datetime, zone: tzinfo | None) -> date:
    """The date of a stored (UTC-aware) moment in `zone`."""
    return moment.astimezone(zone).date()


def warehouse_now(zone: tzinfo | None) -> datetime:
    """This moment in the warehouse's zone (None: the machine's own zone, before the warehouse's is known)."""
    return now().astimezone(zone)


def warehouse_today(zone: tzinfo | None) -> date:
    """Today's date in the warehouse."""
    return local_date(now(), zone)


@contextmanager
def frozen_at(moment: datetime) -> Iterator[datetime]:
    """Within the block, `now()` is `moment` (aware; kept as UTC) for every thread: a test's clock."""
    global _fixed
    if moment.tzinfo is None:
        raise ValueError("frozen_at needs an aware moment: a naive time names no instant")
    before, _fixed = _fixed, moment.astimezone(UTC)
    try:
        yield _fixed
    finally:
        _fixed = before
