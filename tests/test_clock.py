"""One clock: app/, ui/ and printing/ never read the machine's own date or time; the warehouse's date turns at
midnight in its zone (Asia/Shanghai), not at the workstation's; a test sets the moment with `clock.frozen_at`."""

from __future__ import annotations

import ast
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app import clock

ROOT = Path(__file__).resolve().parents[1]
SHANGHAI = ZoneInfo("Asia/Shanghai")

# Calls that read the machine's clock (or its zone): the moment comes from app.clock.now() alone
MACHINE_CLOCK = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"),
                 ("time", "localtime"), ("time", "strftime"), ("time", "ctime"), ("QDate", "currentDate"),
                 ("QDateTime", "currentDateTime"), ("QDateTime", "currentDateTimeUtc"), ("QTime", "currentTime")}


def machine_clock_calls(source: str, zoned_now: bool = False) -> list[tuple[int, str]]:
    """The calls that read the machine's clock; with `zoned_now`, `datetime.now(zone)` is allowed (tests may take
    the real moment in a named zone, never the machine's date)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and (node.func.value.id, node.func.attr) in MACHINE_CLOCK:
            if zoned_now and (node.func.value.id, node.func.attr) == ("datetime", "now") and node.args:
                continue
            found.append((node.lineno, f"{node.func.value.id}.{node.func.attr}()"))
    return found


def test_nothing_but_the_clock_reads_the_machines_date_or_time():
    offenders = []
    for folder in ("app", "ui", "printing"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == ROOT / "app" / "clock.py":
                continue
            offenders += [f"{path.relative_to(ROOT)}:{line}: {call}"
                          for line, call in machine_clock_calls(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_no_test_builds_its_data_from_the_machines_date():
    """date.today() or a naive datetime.now() in a test is the workstation's date, a day behind the warehouse's
    between 16:00 and 24:00 UTC: tests take the warehouse's (`clock.warehouse_today(zone)`) or a fixed day."""
    offenders = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path == Path(__file__):
            continue
        offenders += [f"{path.relative_to(ROOT)}:{line}: {call}"
                      for line, call in machine_clock_calls(path.read_text(encoding="utf-8"), zoned_now=True)]
    assert offenders == []


def test_the_checker_catches_each_way_of_reading_the_machines_clock():
    source = ("d = date.today()\nn = datetime.now(zone)\nt = time.strftime('%Y')\nq = QDate.currentDate()\n"
              "fine = clock.now()\nalso_fine = datetime.fromisoformat('2026-01-01')\n")
    assert machine_clock_calls(source) == [(1, "date.today()"), (2, "datetime.now()"), (3, "time.strftime()"),
                                           (4, "QDate.currentDate()")]
    assert machine_clock_calls(source, zoned_now=True) == [(1, "date.today()"), (3, "time.strftime()"),
                                                           (4, "QDate.currentDate()")]
    assert machine_clock_calls("n = datetime.now()\n", zoned_now=True) == [(1, "datetime.now()")]


@pytest.mark.parametrize(("utc", "warehouse_day"), [
    (datetime(2026, 12, 31, 15, 59, 30, tzinfo=UTC), date(2026, 12, 31)),  # 23:59:30 in Shanghai
    (datetime(2026, 12, 31, 16, 0, 30, tzinfo=UTC), date(2027, 1, 1)),     # 00:00:30: a new year there, not in UTC
    (datetime(2026, 11, 30, 16, 0, 30, tzinfo=UTC), date(2026, 12, 1)),    # a new month
    (datetime(2028, 2, 28, 16, 0, 30, tzinfo=UTC), date(2028, 2, 29)),     # a leap day
    (datetime(2028, 2, 29, 16, 0, 30, tzinfo=UTC), date(2028, 3, 1)),
])
def test_the_warehouses_date_turns_at_its_own_midnight(utc, warehouse_day):
    with clock.frozen_at(utc):
        assert clock.now() == utc and clock.now().tzinfo == UTC
        assert clock.warehouse_today(SHANGHAI) == warehouse_day and clock.local_date(utc, SHANGHAI) == warehouse_day
        assert clock.warehouse_now(SHANGHAI).date() == warehouse_day
        assert clock.warehouse_today(ZoneInfo("UTC")) == utc.date()


def test_a_frozen_moment_holds_for_every_thread_and_ends_with_its_block():
    moment = datetime(2026, 12, 31, 16, 0, 30, tzinfo=SHANGHAI)
    seen = []
    with clock.frozen_at(moment) as frozen:
        worker = threading.Thread(target=lambda: seen.append(clock.now()))  # the GUI's DB thread sees it too
        worker.start()
        worker.join()
        assert frozen == seen[0] == moment and seen[0].tzinfo == UTC
    assert clock.now() != moment  # the machine's clock again
    with pytest.raises(ValueError, match="aware"):
        with clock.frozen_at(datetime(2026, 12, 31, 16, 0, 30)):
            pass


def test_stored_times_come_from_the_clock():
    from app.devices.scanner import utcnow as scan_time
    from app.persistence.types import utcnow

    moment = datetime(2028, 2, 29, 15, 59, 30, tzinfo=UTC)
    with clock.frozen_at(moment):
        assert utcnow() == scan_time() == moment


def test_the_return_clocks_count_days_in_the_warehouse():
    """Released at 00:00:30 on 1 December in Shanghai (16:00:30 UTC on 30 November): day 0 is 1 December, a request
    is due by 31 December 23:59:59 there and the parcel back by 15 January, whatever the UTC date says."""
    from app.domain.returns import clocks

    released = datetime(2026, 11, 30, 16, 0, 30, tzinfo=UTC)
    c = clocks(released, SHANGHAI)
    assert (c.released_on, c.apply_by, c.arrive_by) == (date(2026, 12, 1), date(2026, 12, 31), date(2027, 1, 15))
    last_minute, too_late = datetime(2026, 12, 31, 15, 59, 30, tzinfo=UTC), datetime(2026, 12, 31, 16, 0, 30, tzinfo=UTC)
    assert c.may_apply(clock.local_date(last_minute, SHANGHAI)) and not c.may_apply(clock.local_date(too_late, SHANGHAI))
    assert c.days_left(clock.local_date(too_late, SHANGHAI)) == (-1, 14)
