"""The pack station by keyboard: order, every unit on the checklist, a typed weight, the label preview and the
print queue; a scale's stable weight; an order under inspection (500) stops the bench with the red pull screen."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.persistence.models import ConsumerOrder, InspectionPull, Parcel, PrintJob
from tests.conftest import DEMO
from tests.gui.helpers import wait_idle
from tests.outbound.conftest import run, write_receipts
from tests.outbound.gui.helpers import scan, shown
from tests.outbound.helpers import pack_scans
from ui.outbound.pack_screen import PackScreen
from ui.outbound.pull_screen import RED

ORDERS = [json.loads(line) for line in (DEMO / "orders.jsonl").read_text(encoding="utf-8").splitlines()]
MULTI = next(o for o in ORDERS if len(o["lines"]) > 1)
SINGLE = [o for o in ORDERS if len(o["lines"]) == 1 and o["lines"][0]["qty"] == 1]


def test_pack_an_order_with_a_typed_weight(make_ctx, qtbot, picked, silent):
    screen = shown(qtbot, PackScreen(make_ctx("clerk"), sounds=silent))
    assert screen.scale_label.text() == "Scale: none at this workstation — type the weight"
    assert screen.last_feedback.code == "scan_order"  # the banner says what to do first (it was blank)
    assert "Scan the order or waybill, then every unit" in screen.banner.message.text()
    opened = scan(qtbot, screen, MULTI["logistics"]["waybill_no"])  # the waybill opens the order too
    assert opened.code == "order" and screen.banner.tone == "prompt"
    assert screen.order_line.text().startswith(f"Order {MULTI['order_no']} · waybill")
    expected = {sku: qty for sku, qty, _ in screen.checklist()}
    assert sum(int(q) for q in expected.values()) == opened.params["units"]
    units = pack_scans(opened.params)[1:]
    assert scan(qtbot, screen, units[0]).code in ("unit", "checked")
    assert scan(qtbot, screen, "CMD:UNDO").code == "undone"
    for raw in units[:-1]:
        assert scan(qtbot, screen, raw).code == "unit" and screen.banner.tone == "ok"
    done = scan(qtbot, screen, units[-1])
    assert done.code == "checked" and screen.banner.message.text() == f"All {len(units)} units checked: weigh the parcel"
    assert all(qty == checked for _, qty, checked in screen.checklist())
    qtbot.keyClick(screen.scan_bar, Qt.Key.Key_F7)
    assert screen.weight.hasFocus()
    qtbot.keyClicks(screen.weight, "25")
    with qtbot.waitSignal(screen.sig_feedback, timeout=20_000) as off:
        qtbot.keyClick(screen.weight, Qt.Key.Key_Return)
    assert off.args[0].code == "weight_off" and screen.banner.tone == "error"
    screen.weight.clear()
    qtbot.keyClicks(screen.weight, opened.params["computed_weight"])
    with qtbot.waitSignal(screen.sig_feedback, timeout=20_000) as packed:
        qtbot.keyClick(screen.weight, Qt.Key.Key_Return)
    fb = packed.args[0]
    assert fb.code == "packed" and screen.banner.tone == "ok" and fb.params["waybill"] in screen.banner.message.text()
    qtbot.waitUntil(lambda: screen.preview.pixmap() is not None and not screen.preview.pixmap().isNull(), timeout=20_000)
    # with its label shown the station still fits 1366×768 under the menu and status bars (~60 px): it held the
    # window at 863 px when the preview was the label at full width
    assert screen.minimumSizeHint().height() <= 768 - 60
    assert screen.order_line.text() == f"Packed {fb.params['waybill']} — scan the next order"
    assert screen.weight.text() == "" and screen.scan_bar.hasFocus()
    with picked.sessions() as s:
        parcel = s.execute(select(Parcel).where(Parcel.waybill_no == fb.params["waybill"])).scalar_one()
        assert parcel.weight_kg == Decimal(opened.params["computed_weight"]) and parcel.status == "packed"
        jobs = s.scalars(select(PrintJob.document).where(PrintJob.id.in_(fb.params["print_jobs"]))).all()
        assert s.scalar(select(ConsumerOrder.status).where(ConsumerOrder.order_no == MULTI["order_no"])) == "packed"
    assert sorted(jobs) == sorted([f"waybill {parcel.waybill_no}", f"packing list {parcel.waybill_no}"])
    with qtbot.waitSignal(screen.ctx.sig_changes_applied, timeout=10_000):
        qtbot.keyClick(screen.scan_bar, Qt.Key.Key_F8)  # reprint the label
    wait_idle(qtbot, screen.ctx)
    with picked.sessions() as s:
        assert s.scalar(select(func.count()).select_from(PrintJob).where(PrintJob.reprint_of.is_not(None))) == 1


@pytest.fixture
def bench_devices(make_ctx, tmp_path):
    from app.devices.emulators import PtyDevice, ScaleEmulator
    from ui.devices.device_settings import StationDevices, save, settings_file

    scanner, scale = PtyDevice(tmp_path / "scanner0"), ScaleEmulator("0.000", interval_s=0.02, link=tmp_path / "scale0")
    scale.start()
    ctx = make_ctx("clerk")
    save(settings_file(ctx.settings.path), StationDevices(scanner_url=scanner.port, scale_url=scale.port))
    yield ctx, scanner, scale
    from ui.devices.hub import devices_of

    devices_of(ctx).stop()
    scale.stop()
    scanner.close()


def test_serial_scans_and_the_scales_stable_weight_pack_a_parcel(qtbot, picked, silent, bench_devices):
    ctx, scanner, scale = bench_devices
    order, other = SINGLE[0], next(o for o in SINGLE if o["lines"][0]["sku"] != SINGLE[0]["lines"][0]["sku"])
    screen = shown(qtbot, PackScreen(ctx, sounds=silent))
    qtbot.waitUntil(lambda: screen.hub.scanner.connected and screen.hub.scale.connected, timeout=10_000)
    assert screen.scale_label.text() == "Scale (stable weight):"

    def serial(text: str):
        with qtbot.waitSignal(screen.sig_feedback, timeout=20_000) as blocker:
            scanner.send(text.encode() + b"\r\n")
        return blocker.args[0]

    opened = serial(order["order_no"])
    assert opened.code == "order" and screen.order.order_no == order["order_no"]
    foreign = next(c for c in _gtins() if c != opened.params["contents"][0]["gtin"])
    assert serial(foreign).code == "wrong_unit" and screen.banner.tone == "error"
    assert serial(other["order_no"]).code == "parcel_open"
    assert screen.banner.message.text().startswith(f"Order {order['order_no']} is being packed")
    assert serial(opened.params["contents"][0]["gtin"]).code == "checked"
    weight = Decimal(opened.params["computed_weight"])
    scale.set_weight(weight)  # the parcel goes onto the scale and settles
    qtbot.waitUntil(lambda: screen.scale_value.text() == f"{weight:.3f} kg", timeout=10_000)
    with qtbot.waitSignal(screen.sig_feedback, timeout=20_000) as packed:
        qtbot.keyClick(screen.scan_bar, Qt.Key.Key_F9)
    assert packed.args[0].code == "packed" and packed.args[0].params["weight"] == f"{weight:.3f}"
    assert screen.scale_value.text() == "— kg"  # the next parcel waits for its own weight
    with picked.sessions() as s:
        assert s.scalar(select(Parcel.weight_kg).where(Parcel.waybill_no == packed.args[0].params["waybill"])) == weight


def test_why_the_scale_gave_no_weight_is_said_by_its_code(qtbot, picked, silent, bench_devices, gui_app):
    """A scale that refuses (overloaded, not settled, …) is said as such, in the screen's language; it was one "no
    weight" line whatever the scale said, its reason in English only in the feedback's text."""
    from app.devices.scale import ScaleError
    from ui.i18n import Translations

    ctx, _, _ = bench_devices
    screen = shown(qtbot, PackScreen(ctx, sounds=silent))
    scale = screen.hub.scale

    def answered(why: object) -> str:
        """The scale's answer to a weigh() (as its thread gives it), and what the banner says of it."""
        screen.listen_to_scale()
        scale.sig_weigh_failed.emit(why)
        assert screen.banner.tone == "error" and not screen._listening  # one answer, then let go
        return screen.banner.message.text()

    overloaded = ScaleError("the scale reports overload: take the parcel off and weigh again",
                            code="scale_overload", url="/dev/ttyUSB1")
    assert answered(overloaded) == "The scale is overloaded: take the parcel off and weigh again"
    assert screen.last_feedback.code == "scale_overload"
    translations = Translations(gui_app)
    assert translations.switch("zh_CN")
    try:
        assert answered(overloaded) == "电子秤超载：请取下包裹后重新称重"
        assert answered(ScaleError("the scale on /dev/ttyUSB1 did not settle within 5 s", code="scale_not_stable")) \
            == "电子秤读数不稳定：请放稳包裹后重新称重，或手工输入重量 (F7)"
        answered("no such thing")  # anything else: there is no weight
        assert screen.last_feedback.code == "no_weight"
    finally:
        translations.release()


def _gtins() -> list[str]:
    import csv

    with open(DEMO / "products.csv", encoding="utf-8") as fh:
        return [r["gtin"] for r in csv.DictReader(fh)]


def test_an_order_under_inspection_stops_the_bench_full_screen(make_ctx, qtbot, picked, silent, tmp_path):
    order = SINGLE[3]
    run(picked, "supervisor", _apply, write_receipts(tmp_path / "late.csv", {order["order_no"]: "500"},
                                                   time="20261127090000000"))
    screen = shown(qtbot, PackScreen(make_ctx("clerk"), sounds=silent))
    fb = scan(qtbot, screen, order["order_no"])
    assert fb.code == "pull_for_inspection" and screen.banner.tone == "error"
    pull = screen.pull_screen
    qtbot.waitUntil(pull.isVisible, timeout=30_000)
    assert pull.isFullScreen() and RED in pull.styleSheet()
    assert pull.headline.text() == "PULL FOR INSPECTION"
    assert order["order_no"] in pull.order.text()
    assert screen.banner.message.text().startswith("PULL FOR INSPECTION")
    with picked.sessions() as s:
        assert s.scalar(select(func.count()).select_from(InspectionPull)) == 1
        assert s.scalar(select(func.count()).select_from(Parcel)) == 0
    qtbot.keyClicks(pull.scan_bar, SINGLE[4]["order_no"])  # another parcel: the stop stays
    qtbot.keyClick(pull.scan_bar, Qt.Key.Key_Return)
    assert pull.isVisible()
    with qtbot.waitSignal(pull.sig_acknowledged, timeout=30_000) as done:
        qtbot.keyClicks(pull.scan_bar, order["order_no"])
        qtbot.keyClick(pull.scan_bar, Qt.Key.Key_Return)
    assert done.args == [order["order_no"]] and not pull.isVisible()
    assert screen.order is None  # nothing was opened for packing


def _apply(uow, path):
    from app.customs.receipts import apply_receipts

    return apply_receipts(uow, path)
