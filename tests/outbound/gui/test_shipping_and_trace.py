"""A manifest with its documents, the gate station (refusals in red, each parcel loaded, the vehicle passes), and the trace of a waybill
back to its container with the lot's batch record and PDF — each screen driven by keyboard."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from sqlalchemy import func, select

from app.persistence.models import ConsumerOrder, Manifest, Movement, Parcel, VehiclePass
from tests.gui.helpers import wait_idle
from tests.outbound.conftest import CONTAINER, DECLARATION
from tests.outbound.gui.conftest import ORDERS, SF
from tests.outbound.gui.helpers import Delivered, pdf_text, press, scan, shown
from ui.customs.trace_screen import TraceScreen
from ui.outbound.gate_screen import GateScreen
from ui.outbound.shipping_screen import ShippingScreen
from ui.widgets import document_preview as documents
from ui.widgets.tables import RED


def _manifest(qtbot, ctx, monkeypatch):
    screen = shown(qtbot, ShippingScreen(ctx))
    assert screen.carriers() == ["SF"]
    qtbot.keyClicks(screen.vehicle, "ZA12345")
    with qtbot.waitSignal(ctx.sig_changes_applied, timeout=20_000):
        qtbot.keyClick(screen.vehicle, Qt.Key.Key_F9)
    wait_idle(qtbot, ctx)
    return screen


def test_manifest_then_loading_parcel_by_parcel_then_the_vehicle_passes(make_ctx, qtbot, sf_packed, silent, monkeypatch):
    delivered = Delivered()
    monkeypatch.setattr(documents, "deliver", delivered)
    screen = _manifest(qtbot, make_ctx("supervisor"), monkeypatch)
    report = screen.report
    assert report.parcels == 3 and screen.manifest_numbers() == [report.manifest]
    assert screen.result.text().startswith(f"Manifest {report.manifest} (gate pass {report.gate_pass}): 3 parcels")
    assert screen.carriers() == []  # nothing packed waits any more
    qtbot.keyClick(screen.manifests, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: len(delivered.documents) == 1, timeout=20_000)
    qtbot.keyClick(screen.manifests, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: len(delivered.documents) == 2, timeout=20_000)
    (t1, manifest_pdf), (t2, pass_pdf) = delivered.documents
    assert t1 == f"Handover manifest {report.manifest}" and t2 == f"Gate pass {report.manifest}"
    assert all(o["logistics"]["waybill_no"] in pdf_text(manifest_pdf) for o in SF)
    assert report.gate_pass in pdf_text(pass_pdf)

    gate = shown(qtbot, GateScreen(make_ctx("clerk"), sounds=silent))
    assert gate.exit_button.isVisibleTo(gate) and gate.gross.isVisibleTo(gate)  # a clerk passes a loaded vehicle
    assert scan(qtbot, gate, SF[0]["logistics"]["waybill_no"]).code == "manifest_first"
    assert scan(qtbot, gate, report.gate_pass).code == "manifest" and gate.banner.tone == "prompt"
    assert gate.count.text() == "0 of 3 parcels loaded, 0 out (loading)"
    stranger = next(o for o in ORDERS if o not in SF)["logistics"]["waybill_no"]
    refused = scan(qtbot, gate, stranger)
    assert refused.code == "not_on_manifest" and gate.banner.tone == "error"
    assert gate.refusals.count() == 2 and stranger in gate.refusals.item(0).text()  # newest first
    assert gate.refusals.item(0).foreground().color() == QColor(RED)
    first = SF[0]["logistics"]["waybill_no"]
    assert scan(qtbot, gate, first).code == "loaded"
    early = press(qtbot, gate, Qt.Key.Key_F9)  # a clerk's vehicle not fully loaded does not pass
    assert early.code == "not_loaded" and gate.banner.tone == "error"
    assert SF[1]["logistics"]["waybill_no"] in gate.banner.message.text()
    twice = scan(qtbot, gate, first)
    assert twice.code == "already_loaded" and "already on the vehicle" in gate.banner.message.text()
    for n, order in enumerate(SF[1:], start=2):
        fb = scan(qtbot, gate, order["logistics"]["waybill_no"])
        assert fb.code == "loaded" and gate.banner.tone == "ok", fb.text
        assert gate.count.text().startswith(f"{n} of 3 parcels loaded, 0 out")
    assert gate.banner.message.text().startswith("All 3 parcels loaded: pass the vehicle")
    assert set(gate.parcel_states().values()) == {"loaded on the vehicle"}
    with sf_packed.sessions() as s:  # nothing left yet: no stock moved, no order shipped
        assert s.scalar(select(func.count()).select_from(Movement).where(Movement.kind == "ship")) == 0
        assert set(s.scalars(select(Parcel.status))) == {"manifested"}
    qtbot.keyClicks(gate.gross, "12000")
    qtbot.keyClicks(gate.tare, "9800")
    armed = press(qtbot, gate, Qt.Key.Key_F9)
    assert armed.code == "vehicle_pass_armed" and gate.banner.tone == "warn"
    out = press(qtbot, gate, Qt.Key.Key_F9)
    assert out.code == "manifest_out" and out.params["parcels"] == 3 and out.params["vehicle_pass"], out.text
    assert gate.count.text() == "3 of 3 parcels loaded, 3 out (left the zone)"
    assert set(gate.parcel_states().values()) == {"shipped"}
    assert scan(qtbot, gate, first).code == "already_exited"
    with sf_packed.sessions() as s:
        assert s.scalar(select(Manifest.status)) == "exited"
        shipped = set(s.scalars(select(ConsumerOrder.status).where(
            ConsumerOrder.order_no.in_([o["order_no"] for o in SF]))))
        assert shipped == {"shipped"}
        assert set(s.scalars(select(Parcel.status))) == {"shipped"}
        vehicle = s.scalar(select(VehiclePass))
        assert (str(vehicle.gross_kg), str(vehicle.tare_kg), vehicle.passed_by) == ("12000.000", "9800.000", "clerk")


def test_a_supervisor_sends_the_whole_manifest_out_with_f9_twice(make_ctx, qtbot, sf_packed, silent, monkeypatch):
    monkeypatch.setattr(documents, "deliver", Delivered())
    report = _manifest(qtbot, make_ctx("supervisor"), monkeypatch).report
    clerks = GateScreen(make_ctx("clerk"), sounds=silent)
    qtbot.addWidget(clerks)
    gate = shown(qtbot, GateScreen(make_ctx("supervisor"), sounds=silent))
    scan(qtbot, gate, report.manifest)
    # the vehicle's pass: IC card and the weighbridge's weights typed beside the key (a clerk's too)
    assert gate.gross.isVisibleTo(gate) and clerks.gross.isVisibleTo(clerks)
    qtbot.keyClicks(gate.ic_card, "IC0042")
    qtbot.keyClicks(gate.gross, "12000")
    qtbot.keyClicks(gate.tare, "12000")  # a typing slip: tare not below gross is refused, nothing leaves
    assert press(qtbot, gate, Qt.Key.Key_F9).code == "manifest_exit_armed"
    slip = press(qtbot, gate, Qt.Key.Key_F9)
    assert slip.code == "bad_weights" and gate.banner.tone == "error"
    gate.tare.clear()
    qtbot.keyClicks(gate.tare, "9800.5")
    assert press(qtbot, gate, Qt.Key.Key_F9).code == "manifest_exit_armed" and gate.banner.tone == "warn"
    out = press(qtbot, gate, Qt.Key.Key_F9)
    assert out.code == "manifest_out" and out.params["parcels"] == 3 and out.params["vehicle_pass"]
    with sf_packed.sessions() as s:
        vehicle = s.scalar(select(VehiclePass))
        assert (vehicle.ic_card, str(vehicle.gross_kg), str(vehicle.tare_kg)) == ("IC0042", "12000.000", "9800.500")
    assert gate.count.text() == "3 of 3 parcels loaded, 3 out (left the zone)"
    again = press(qtbot, gate, Qt.Key.Key_F9)
    assert again.code == "manifest_exited" and gate.banner.tone == "warn"
    with sf_packed.sessions() as s:
        assert s.scalar(select(Manifest.status)) == "exited"
        assert set(s.scalars(select(Parcel.status))) == {"shipped"}
        left = s.scalar(select(func.sum(Movement.quantity)).where(Movement.kind == "ship"))
    assert left == sum(line["qty"] for o in SF for line in o["lines"])


def test_trace_from_a_waybill_shows_the_container_and_the_batch_record(make_ctx, qtbot, sf_packed, monkeypatch):
    delivered = Delivered()
    monkeypatch.setattr(documents, "deliver", delivered)
    waybill = SF[0]["logistics"]["waybill_no"]
    screen = shown(qtbot, TraceScreen(make_ctx("customs")))
    qtbot.keyClicks(screen.code, waybill)
    qtbot.keyClick(screen.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.tree.topLevelItemCount() > 0, timeout=20_000)
    lines = screen.tree_lines()
    declaration = screen.tree.topLevelItem(0)
    assert (declaration.text(0), declaration.text(1)) == ("Container / declaration", DECLARATION)
    assert f"container {CONTAINER}" in declaration.text(2)
    assert [what for depth, what, _ in lines[:4]] == ["Container / declaration", "Lot (batch)", "Parcel", "Order"]
    assert (3, "Order", SF[0]["order_no"]) in lines and (2, "Parcel", waybill) in lines
    current = screen.tree.currentItem()
    assert current.text(1) == waybill and current.font(0).bold()  # the searched parcel is marked and chosen
    assert screen.matched.text().startswith(f"{waybill} is a waybill: 1 parcel, 1 order, ")  # was "1 parcels"
    counted = [screen.matched.text()] + [item.text(2) for item in screen.tree.findItems("", Qt.MatchFlag.MatchContains
                                                                                         | Qt.MatchFlag.MatchRecursive)]
    assert not [t for t in counted if re.search(r"(?<![\d.])1 (parcels|orders|lots|declarations|units)\b", t)]
    assert re.search(r" · \d+ units? of this lot · ", current.text(2))
    lot = declaration.child(0)
    screen.tree.setCurrentItem(lot)
    qtbot.keyClick(screen.tree, Qt.Key.Key_Return)
    batch = screen.batch
    qtbot.waitUntil(lambda: batch.record is not None, timeout=20_000)
    assert screen.tabs.currentWidget() is batch
    text = batch.view.toPlainText()
    assert batch.record["lot"]["lot"] == f"{DECLARATION}/{lot.text(1)}"
    assert CONTAINER in text and waybill in text and "Allocations (the batch split)" in text
    # each movement's document named by its kind in the screen's language (the old view split the record's
    # bilingual "核注清单 entry" at its first space)
    assert {c["kind"] for c in batch.record["chronology"]} >= {"receive"} and "核注清单" not in text
    assert "entry" in text.split()
    qtbot.keyClick(batch.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(delivered.documents) == 1, timeout=20_000)
    title, pdf = delivered.documents[0]
    assert title == f"Batch record {DECLARATION}/{lot.text(1)}" and waybill in pdf_text(pdf)
    qtbot.keyClick(batch.view, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: batch.preview is not None and batch.preview.page_count > 0,
                    timeout=20_000)
    assert batch.preview.isVisible()
    batch.preview.close()


def test_an_unknown_code_is_said_in_words(make_ctx, qtbot, db):
    from PySide6.QtWidgets import QApplication, QMessageBox

    screen = shown(qtbot, TraceScreen(make_ctx("customs")))
    qtbot.keyClicks(screen.code, "NO-SUCH-CODE")
    qtbot.keyClick(screen.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()),
                    timeout=10_000)
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert box.text().startswith("Nothing is known by NO-SUCH-CODE")
    box.close()
    assert screen.tree.topLevelItemCount() == 0


def test_the_gate_refusals_are_worded_again_in_the_language_chosen(make_ctx, qtbot, db, silent, gui_app):
    from ui.i18n import Translations

    gate = shown(qtbot, GateScreen(make_ctx("clerk"), sounds=silent))
    assert scan(qtbot, gate, "SF1234567890").code == "manifest_first"
    assert gate.refusals.item(0).text() == "Scan the manifest or gate pass first"
    translations = Translations(gui_app)
    try:
        assert translations.switch("zh_CN")
        qtbot.waitUntil(lambda: gate.title.text() == "卡口站")
        # the refusal shown in English is now said in Chinese (old code: kept its English words)
        assert gate.refusals.item(0).text() == gate.refusals.item(0).toolTip() == "请先扫描交接单或核放单"
    finally:
        translations.switch("en")
    qtbot.waitUntil(lambda: gate.title.text() == "Gate station")
    assert gate.refusals.item(0).text() == "Scan the manifest or gate pass first"
