"""Every outbound document printed from its own screen is audited with the document and its key: the pick list
(waves, F6), the waybill label and packing list (the pack station queues them), the handover manifest and gate
pass (shipping, F8/Shift+F8; a reprint of what the manifest queued), the pull list (shipping, Ctrl+F8) and the batch record
(trace → batch record, Ctrl+P). The print dialog is stood in for (`deliver`), the audit log is the real one."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.persistence.models import AuditEntry, ConsumerOrder
from tests.conftest import DEMO
from tests.gui.helpers import press_key, wait_idle
from tests.outbound.gui.helpers import Delivered, scan, shown
from tests.outbound.helpers import pack_scans, pick_everything
from ui.customs.trace_screen import TraceScreen
from ui.outbound.pack_screen import PackScreen
from ui.outbound.shipping_screen import ShippingScreen
from ui.outbound.waves_screen import WavesScreen
from ui.widgets import document_preview
from ui.widgets.tables import selected_key

ORDERS = [json.loads(line) for line in (DEMO / "orders.jsonl").read_text(encoding="utf-8").splitlines()]


def _prints(db, document: str, key: str) -> list[dict]:
    with db.sessions() as s:
        return [json.loads(d) for d in s.scalars(select(AuditEntry.detail).where(
            AuditEntry.action == "print", AuditEntry.entity == document, AuditEntry.entity_key == key)
            .order_by(AuditEntry.id))]


def _printed(qtbot, db, document: str, key: str, count: int = 1) -> list[dict]:
    qtbot.waitUntil(lambda: len(_prints(db, document, key)) == count, timeout=30_000)
    return _prints(db, document, key)


def test_each_outbound_document_printed_from_its_screen_is_audited(make_ctx, qtbot, allocated, silent, monkeypatch):
    delivered = Delivered()
    monkeypatch.setattr(document_preview, "deliver", delivered)
    supervisor = make_ctx("supervisor")

    waves = shown(qtbot, WavesScreen(supervisor))  # pick list
    qtbot.waitUntil(lambda: len(waves.wave_numbers()) > 0, timeout=20_000)
    waves.waves.selectRow(0)
    wave = selected_key(waves.waves)
    press_key(qtbot, waves.waves, Qt.Key.Key_F8)
    assert _printed(qtbot, allocated, "pick-list", wave) == [{"target": f"printed Pick list {wave}", "reprint": False}]
    assert delivered.documents[-1][0] == f"Pick list {wave}"
    wait_idle(qtbot, supervisor)

    pick_everything(allocated)  # waybill label and packing list: queued by the pack station
    with allocated.sessions() as s:
        sf = s.scalar(select(ConsumerOrder.order_no).where(ConsumerOrder.carrier_code == "SF")
                      .order_by(ConsumerOrder.id).limit(1))
    packer = make_ctx("clerk")
    pack = shown(qtbot, PackScreen(packer, sounds=silent))
    opened = scan(qtbot, pack, sf)
    for raw in pack_scans(opened.params)[1:]:
        scan(qtbot, pack, raw)
    qtbot.keyClick(pack.scan_bar, Qt.Key.Key_F7)
    qtbot.keyClicks(pack.weight, opened.params["computed_weight"])
    with qtbot.waitSignal(pack.sig_feedback, timeout=20_000) as packed:
        qtbot.keyClick(pack.weight, Qt.Key.Key_Return)
    assert packed.args[0].code == "packed"
    waybill, jobs = packed.args[0].params["waybill"], packed.args[0].params["print_jobs"]
    assert _printed(qtbot, allocated, "waybill", waybill) == [{"target": f"print job {jobs[0]}", "reprint": False}]
    assert _printed(qtbot, allocated, "packing-list", waybill) == [{"target": f"print job {jobs[1]}",
                                                                   "reprint": False}]
    wait_idle(qtbot, packer)

    shipping = shown(qtbot, ShippingScreen(supervisor))  # manifest, gate pass, pull list
    qtbot.keyClicks(shipping.vehicle, "ZA12345")
    with qtbot.waitSignal(supervisor.sig_changes_applied, timeout=20_000):
        qtbot.keyClick(shipping.vehicle, Qt.Key.Key_F9)
    wait_idle(qtbot, supervisor)
    manifest = shipping.report.manifest
    assert [p["reprint"] for p in _prints(allocated, "manifest", manifest)] == [False]  # queued with the manifest
    qtbot.waitUntil(lambda: shipping.manifest_numbers() == [manifest], timeout=10_000)
    shipping.manifests.selectRow(0)
    press_key(qtbot, shipping.manifests, Qt.Key.Key_F8)
    assert _printed(qtbot, allocated, "manifest", manifest, 2)[-1] == {
        "target": f"printed Handover manifest {manifest}", "reprint": True}
    press_key(qtbot, shipping.manifests, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert _printed(qtbot, allocated, "gate-pass", manifest, 2)[-1] == {
        "target": f"printed Gate pass {manifest}", "reprint": True}
    press_key(qtbot, shipping.manifests, Qt.Key.Key_F8, Qt.KeyboardModifier.ControlModifier)
    assert _printed(qtbot, allocated, "pull-list", "-") == [{"target": "printed Pull list -", "reprint": False}]
    wait_idle(qtbot, supervisor)

    trace = shown(qtbot, TraceScreen(make_ctx("customs")))  # batch record
    qtbot.keyClicks(trace.code, waybill)
    qtbot.keyClick(trace.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: trace.tree.topLevelItemCount() > 0, timeout=20_000)
    trace.tree.setCurrentItem(trace.tree.topLevelItem(0).child(0))
    qtbot.keyClick(trace.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: trace.batch.record is not None, timeout=20_000)
    lot = trace.batch.record["lot"]["lot"]
    press_key(qtbot, trace.batch.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert _printed(qtbot, allocated, "batch-record", lot) == [{"target": f"printed Batch record {lot}",
                                                               "reprint": False}]
    qtbot.waitUntil(lambda: trace.batch.message.text() == f"printed Batch record {lot}", timeout=10_000)
    wait_idle(qtbot, trace.ctx)
    assert [title for title, _ in delivered.documents] == [
        f"Pick list {wave}", f"Handover manifest {manifest}", f"Gate pass {manifest}", "Pull list -",
        f"Batch record {lot}"]
