"""The gate station's F4 for a supervisor (issue 13, part 5): the loaded parcel selected in the list (or typed into
the scan field) comes off the vehicle and its manifest after a confirmation (F4 again), and the rest of the vehicle
passes; a clerk sees no button and F4 is refused. In English and Chinese."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.persistence.models import Parcel
from tests.gui.helpers import wait_idle
from tests.outbound.gui.helpers import Delivered, press, scan, shown
from tests.outbound.gui.test_shipping_and_trace import _manifest
from ui.outbound.gate_screen import GateScreen
from ui.widgets import document_preview as documents


def _loaded_gate(qtbot, ctx, manifest: str, silent) -> GateScreen:
    gate = shown(qtbot, GateScreen(ctx, sounds=silent))
    scan(qtbot, gate, manifest)
    for waybill in list(gate.manifest["to_load"]):
        assert scan(qtbot, gate, waybill).code == "loaded"
    return gate


def test_a_supervisor_takes_the_selected_parcel_off_with_f4_twice(make_ctx, qtbot, sf_packed, silent, monkeypatch):
    monkeypatch.setattr(documents, "deliver", Delivered())
    report = _manifest(qtbot, make_ctx("supervisor"), monkeypatch).report
    clerk = _loaded_gate(qtbot, make_ctx("clerk"), report.manifest, silent)
    assert not clerk.unload_button.isVisibleTo(clerk)  # a supervisor's key
    refused = press(qtbot, clerk, Qt.Key.Key_F4)
    assert refused.code == "permission_denied" and clerk.banner.tone == "error"
    gate = shown(qtbot, GateScreen(make_ctx("supervisor"), sounds=silent))
    scan(qtbot, gate, report.manifest)
    assert gate.unload_button.isVisibleTo(gate) and gate.unload_button.text() == "Take the parcel off, press twice (F4)"
    which = press(qtbot, gate, Qt.Key.Key_F4)  # nothing selected, nothing typed
    assert which.code == "unload_which" and gate.banner.tone == "error"
    waybills = [p["waybill"] for p in gate.manifest["parcel_list"]]
    gate.parcels.selectRow(1)
    armed = press(qtbot, gate, Qt.Key.Key_F4)
    assert armed.code == "unload_armed" and gate.banner.tone == "warn" and waybills[1] in gate.banner.message.text()
    with qtbot.waitSignal(gate.ctx.sig_changes_applied, timeout=20_000):
        done = press(qtbot, gate, Qt.Key.Key_F4)
    wait_idle(qtbot, gate.ctx)
    assert done.code == "unloaded" and gate.banner.tone == "warn", done.text
    assert gate.banner.message.text().startswith(f"TAKE PARCEL {waybills[1]} OFF VEHICLE ")
    assert [p["waybill"] for p in gate.manifest["parcel_list"]] == [waybills[0], waybills[2]]
    assert gate.count.text() == "2 of 2 parcels loaded, 0 out (loading)"
    qtbot.keyClicks(gate.scan_bar, waybills[1])  # typed: the same parcel again is refused with its reason
    assert press(qtbot, gate, Qt.Key.Key_F4).code == "unload_armed"
    again = press(qtbot, gate, Qt.Key.Key_F4)
    assert again.code == "not_on_vehicle" and gate.banner.tone == "error"
    assert press(qtbot, gate, Qt.Key.Key_F9).code == "vehicle_pass_armed"  # the rest of the vehicle passes
    out = press(qtbot, gate, Qt.Key.Key_F9)
    assert out.code == "manifest_out" and out.params["parcels"] == 2, out.text
    with sf_packed.sessions() as s:
        assert s.scalar(select(Parcel.status).where(Parcel.waybill_no == waybills[1])) == "packed"


def test_the_unloading_words_in_chinese(make_ctx, qtbot, sf_packed, silent, monkeypatch, gui_app):
    from ui.i18n import Translations

    monkeypatch.setattr(documents, "deliver", Delivered())
    report = _manifest(qtbot, make_ctx("supervisor"), monkeypatch).report
    translations = Translations(gui_app)
    assert translations.switch("zh_CN")
    try:
        gate = _loaded_gate(qtbot, make_ctx("supervisor"), report.manifest, silent)
        gate.retranslate_ui()
        assert gate.unload_button.text() == "从车上卸下包裹（按两次） (F4)"
        gate.parcels.selectRow(0)
        assert press(qtbot, gate, Qt.Key.Key_F4).code == "unload_armed"
        assert "再按 F4" in gate.banner.message.text()
        done = press(qtbot, gate, Qt.Key.Key_F4)
        assert done.code == "unloaded" and "卸下" in gate.banner.message.text()
    finally:
        translations.switch("en")
