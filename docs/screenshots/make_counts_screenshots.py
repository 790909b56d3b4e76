"""Screenshots of the stock counts at 1366×768, in English and Chinese (offscreen):
`python docs/screenshots/make_counts_screenshots.py` → docs/screenshots/counts_<screen>_<language>.png.

The warehouse is the demo's (`bwms init --demo`). Count 1 over the first locations free of open picks was counted
with one shortage and one surplus planted and closed (the counts screen shows its variances, shaded); count 2,
its recount, is open, and the count station shows a location being counted on it (blind: no book quantity).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from make_overview_screenshots import PASSWORD, demo_warehouse
from make_screenshots import settle, wait
from sqlalchemy import func, select

from app.counts import CountStation, close_count, create_count, recount
from app.domain.gs1 import element_string
from app.persistence.db import open_database
from app.persistence.models import Location, Lot, Product, Stock
from app.persistence.uow import SYSTEM, UnitOfWork, UnitsOfWork
from ui import i18n
from ui.main import Shell, make_application
from ui.station_settings import StationSettings


def _stock(uow: UnitOfWork, prefix: str) -> list[tuple[str, str, str, int]]:
    return [tuple(r) for r in uow.session.execute(
        select(Location.code, Product.gtin, Lot.batch_no, func.sum(Stock.quantity))
        .join(Location, Location.id == Stock.location_id).join(Lot, Lot.id == Stock.lot_id)
        .join(Product, Product.id == Stock.product_id).where(Location.code.startswith(prefix))
        .group_by(Location.code, Product.gtin, Lot.batch_no).order_by(Location.code))]


PREFIXES = ("B-01", "B-02", "B-03", "A-04", "A-03", "A-02", "C-0")


def _first_free(db, skip: str = "") -> tuple[str, int]:
    """The first prefix of PREFIXES (holding stock) that may be counted now (no open picks): (prefix, count)."""
    from app.errors import Rejected

    for prefix in PREFIXES:
        with UnitOfWork(db, SYSTEM) as uow:
            if prefix == skip or not _stock(uow, prefix):
                continue
            try:
                made = create_count(uow, location_prefix=prefix)
            except Rejected as exc:
                print(f"{prefix}: {exc.message}")
                continue
            uow.commit()
            return prefix, made.count
    raise SystemExit("no free location prefix to count")


def counts(url: str) -> tuple[int, str, list]:
    """Count 1 counted with a shortage and a surplus, closed; count 2 open: (its id, its prefix, its stock)."""
    db = open_database(url)
    prefix, first_id = _first_free(db)
    with UnitOfWork(db, SYSTEM) as uow:
        here = _stock(uow, prefix)
        everywhere = [r[0] for r in uow.session.execute(select(Location.code).where(
            Location.code.startswith(prefix)).order_by(Location.code))]

    class first:  # noqa: N801 - the count made above
        count = first_id
    station = CountStation(UnitsOfWork(db, SYSTEM), first.count)
    visited = set()
    for n, (loc, gtin, batch, qty) in enumerate(here):
        if loc not in visited:
            station.scan(f"LOC:{loc}")
            visited.add(loc)
        station.scan("]C1" + element_string(gtin, batch=batch, count=qty + (-3 if n == 0 else 2 if n == 1 else 0)))
    for loc in everywhere:
        if loc not in visited:
            station.scan(f"LOC:{loc}")
    with UnitOfWork(db, SYSTEM) as uow:
        close_count(uow, first.count)
        second = recount(uow, first.count).count  # the varying locations again
        stock = _stock(uow, prefix)
        uow.commit()
    db.dispose()
    return second, prefix, stock


def counts_screen(window, second) -> None:
    screen = window.open_screen("inventory.counts")
    screen.refresh()
    settle()
    screen.view.selectRow(1)  # count 1, recounted: its variances


def station_screen(window, second) -> None:
    count_id, _prefix, stock = second
    screen = window.open_screen("inventory.count_station")
    if screen.station is None:
        screen.refresh()
        settle()
        screen.start(count_id)
        loc, gtin, batch, qty = stock[0]
        for raw in (f"LOC:{loc}", "]C1" + element_string(gtin, batch=batch, count=max(qty // 2, 1)), gtin):
            screen.take(raw, f"shot-{raw}")
            settle(400)


SCREENS = [("list", counts_screen), ("station", station_screen)]


def main() -> int:
    assert i18n.compile_all() == 0
    app = make_application([])
    with tempfile.TemporaryDirectory() as tmp:
        url = demo_warehouse(Path(tmp))
        second = counts(url)
        shell = Shell(app, url, "office-1", StationSettings(Path(tmp) / "supervisor.ini"))
        login = shell.start()
        wait(lambda: shell.ctx.db is not None)
        shell.switch_language("en")
        login.username.setText("supervisor")
        login.password.setText(PASSWORD)
        login.sign_in()
        wait(lambda: shell.window is not None)
        window = shell.window
        window.resize(1366, 768)
        window.show()
        for language in ("en", "zh_CN"):
            shell.switch_language(language)
            for name, show in SCREENS:
                show(window, second)
                wait(lambda: not shell.ctx.executor.busy)
                settle()
                window.grab().save(str(OUT / f"counts_{name}_{language}.png"))
        shell.switch_language("en")
        window.close()
        shell.close()
    for found in sorted(OUT.glob("counts_*.png")):
        print(found.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
