"""Screenshots of the outbound screens in English and Chinese (`python tests/outbound/gui/make_screenshots.py`).

Builds a scratch warehouse the way the tests do (the sample container received, released and put away; the
sample orders released by customs), then walks the outbound flow in the real main window — allocation,
a pick in progress, a packed parcel with its label, the pull screen, a manifest, the gate, the trace — and
saves docs/screenshots/outbound_<screen>_<language>.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication

from app.admin import auth
from app.inbound import receiving
from app.persistence import migrate
from app.persistence.db import open_database
from app.persistence.uow import UnitOfWork, UnitsOfWork
from tests.conftest import PASSWORD, ROLES
from tests.outbound import conftest as outbound
from tests.outbound.helpers import all_waves, pack_order, pick_scans
from ui import i18n
from ui.customs.trace_screen import KEY_ROLE
from ui.main import Shell, make_application
from ui.station_settings import StationSettings


def wait(condition, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not condition():
        QCoreApplication.processEvents()
        if time.monotonic() > end:
            raise TimeoutError("the screen did not get there")
        time.sleep(0.01)


def settle(shell: Shell, ms: int = 400) -> None:
    wait(lambda: not shell.ctx.executor.busy)
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def warehouse(folder: Path) -> str:
    """The sample container in stock, the sample orders released, one wave picked, three SF parcels packed."""
    os.environ["BWMS_HOME"] = str(folder / "home")
    receiving.local_today = lambda uow: outbound.TODAY
    url = f"sqlite:///{folder / 'outbound.sqlite3'}"
    db = open_database(url)
    migrate.upgrade(db)
    with UnitOfWork(db) as uow:  # the users in the tests' order (the helpers act by their ids)
        for role in ROLES:
            auth.create_user_unchecked(uow, role, role, PASSWORD)
        uow.commit()
    outbound.receive_container(db)
    outbound.declare_and_release(db, folder)
    from app.outbound.allocation import allocate
    from app.outbound.pick_station import PickStation
    from tests.conftest import actor

    outbound.run(db, "supervisor", allocate, today=outbound.TODAY)
    for wave in all_waves(db, "open"):
        if wave["carrier"] == "SF":
            station = PickStation(UnitsOfWork(db, actor("clerk")), wave["wave"])
            for raw in pick_scans(wave):
                station.scan(raw)
    sf = [o for o in all_waves(db) if o["carrier"] == "SF" and o["status"] == "picked"]
    orders = sorted({t["order_no"] for w in sf for t in w["tasks"]})
    for order_no in orders[:4]:
        pack_order(db, order_no)
    late = outbound.write_receipts(folder / "late.csv", {orders[5]: "500"}, time="20261127090000000")
    from app.customs.receipts import apply_receipts

    outbound.run(db, "supervisor", apply_receipts, late)
    db.dispose()
    return url, orders


def scan(shell: Shell, screen, text: str) -> None:
    screen.take(text, uuid.uuid4().hex)
    settle(shell, 200)


def grab(widget, name: str, language: str) -> None:
    path = OUT / f"outbound_{name}_{language}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT))


def main() -> int:
    assert i18n.compile_all() == 0
    app = make_application([])
    with tempfile.TemporaryDirectory() as tmp:
        url, orders = warehouse(Path(tmp))
        shell = Shell(app, url, "pack-1", StationSettings(Path(tmp) / "ws.ini"))
        login = shell.start()
        wait(lambda: shell.ctx.db is not None)
        shell.switch_language("en")
        login.username.setText("admin")
        login.password.setText(PASSWORD)
        login.sign_in()
        wait(lambda: shell.window is not None)
        window = shell.window
        window.resize(1366, 768)
        window.show()
        for language in ("en", "zh_CN"):
            shell.switch_language(language)
            shoot(shell, window, orders, language)
        shell.switch_language("en")
        window.close()
        shell.close()
    return 0


def shoot(shell: Shell, window, orders: list[str], language: str) -> None:
    """Every outbound screen in one language, each in a state that shows what it is for."""
    shoot_picking(shell, window, language)
    shoot_packing(shell, window, orders, language)
    shoot_shipping(shell, window, language)


def shoot_picking(shell: Shell, window, language: str) -> None:
    window.open_screen("picking.waves")
    settle(shell, 800)
    grab(window, "waves", language)
    pick = window.open_screen("picking.station")
    settle(shell)
    open_wave = next(w for w in all_waves(shell.ctx.db, "open"))
    if pick.station is None:
        pick.choose_wave(open_wave["wave"])
        settle(shell)
        scan(shell, pick, f"LOC:{pick.prompt['location']}")
    grab(window, "pick", language)


def shoot_packing(shell: Shell, window, orders: list[str], language: str) -> None:
    pack = window.open_screen("packing.station")
    settle(shell)
    # a fresh parcel in each language
    scan(shell, pack, orders[4] if language == "en" else orders[6])
    weight = pack.last_feedback.params["computed_weight"]
    for content in pack.order.contents:
        for _ in range(content.quantity):
            scan(shell, pack, content.gtin)
    pack.weight.setText(weight)
    pack.pack()
    settle(shell, 800)
    grab(window, "pack", language)
    scan(shell, pack, orders[5])
    wait(pack.pull_screen.isVisible)
    settle(shell)
    grab(pack.pull_screen, "pull", language)
    pack.pull_screen.reject()


def shoot_shipping(shell: Shell, window, language: str) -> None:
    manifests = window.open_screen("shipping.manifests")
    settle(shell)
    if not manifests.manifest_numbers():
        manifests.vehicle.setText("浙A12345")
        manifests.create_manifest()
        settle(shell, 800)
    grab(window, "manifests", language)
    gate = window.open_screen("shipping.gate")
    settle(shell)
    if gate.manifest is None:  # loading: the first parcel on the vehicle, a stranger refused
        scan(shell, gate, manifests.manifest_numbers()[0])
        first = gate.manifest["parcel_list"][0]["waybill"]
        scan(shell, gate, first)
        scan(shell, gate, "SF000000000000")
    grab(window, "gate", language)
    if language == "zh_CN":  # every parcel loaded, the weighbridge's weights typed: the vehicle may pass
        for waybill in list(gate.manifest["to_load"]):
            scan(shell, gate, waybill)
        gate.ic_card.setText("E3301A0042")
        gate.gross.setText("11326.4")
        gate.tare.setText("11320")
        for shown in ("zh_CN", "en"):
            shell.switch_language(shown)
            settle(shell)
            grab(window, "gate_loaded", shown)
        gate.parcels.selectRow(0)  # a supervisor takes the first parcel off again (F4, twice): the rest may pass
        gate.undo()
        settle(shell)
        gate.undo()
        settle(shell, 800)
        for shown in ("zh_CN", "en"):
            shell.switch_language(shown)
            settle(shell)
            grab(window, "gate_unloaded", shown)
        shell.switch_language(language)
        settle(shell)
    trace = window.open_screen("reports.trace")
    settle(shell)
    trace.code.setText(gate.manifest["parcel_list"][0]["waybill"])
    trace.trace()
    settle(shell, 800)
    trace.tabs.setCurrentIndex(0)
    grab(window, "trace", language)
    trace.open_batch_record(trace.tree.topLevelItem(0).child(0).data(0, KEY_ROLE))
    settle(shell, 800)
    grab(window, "batch_record", language)


if __name__ == "__main__":
    sys.exit(main())
