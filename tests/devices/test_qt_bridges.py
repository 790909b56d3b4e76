"""Qt bridges: device-thread callbacks arrive as signals on the GUI thread; unplug/replug; the status line."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QThread

from app.devices.printer import TcpPrinter
from app.devices.scale import CONTINUOUS
from app.domain import vocabulary
from ui.devices.bridges import PrinterBridge, ScaleBridge, ScannerBridge
from ui.devices.device_settings import StationDevices
from ui.devices.hub import DeviceHub
from ui.devices.status import DeviceStatus
from ui.i18n import Translations

GS1 = b"]C1010950110153000310ABC123\x1d21SER42"


def test_scans_arrive_on_the_gui_thread_and_survive_an_unplug(qtbot, qt_app, scanner_device) -> None:
    bridge = ScannerBridge(scanner_device.port, reconnect_s=0.05)
    threads: list[bool] = []
    bridge.sig_scanned.connect(lambda scan: threads.append(QThread.currentThread() is qt_app.thread()))
    with qtbot.waitSignal(bridge.sig_connected, timeout=30_000):
        bridge.start()
    try:
        with qtbot.waitSignal(bridge.sig_scanned, timeout=30_000) as blocker:
            scanner_device.send(GS1 + b"\r\n")
        assert blocker.args[0].raw == GS1.decode() and threads == [True]
        with qtbot.waitSignal(bridge.sig_disconnected, timeout=30_000) as lost:
            scanner_device.unplug()
        assert lost.args[0].form == "disconnected" and not bridge.connected
        with qtbot.waitSignal(bridge.sig_connected, timeout=30_000):
            scanner_device.replug()
        with qtbot.waitSignal(bridge.sig_scanned, timeout=30_000) as blocker:
            scanner_device.send(b"LOC-A-01\r")
        assert blocker.args[0].raw == "LOC-A-01" and bridge.connected
        with qtbot.waitSignal(bridge.sig_bad_read, timeout=30_000) as bad:
            scanner_device.send(b"\xff\xfe\r")
        assert "unreadable" in bad.args[0].reason
    finally:
        assert bridge.stop()


def test_scale_bridge_weighs_off_the_gui_thread(qtbot, qt_app, scale_emulator) -> None:
    bridge = ScaleBridge(scale_emulator.port, CONTINUOUS, reconnect_s=0.05)
    with qtbot.waitSignal(bridge.sig_stable, timeout=30_000) as settled:
        bridge.start()
    try:
        assert settled.args == [Decimal("1.234")]
        with qtbot.waitSignal(bridge.sig_weighed, timeout=30_000) as weighed:
            bridge.weigh()
        assert weighed.args == [Decimal("1.234")]
    finally:
        assert bridge.stop()
    with qtbot.waitSignal(bridge.sig_weigh_failed, timeout=30_000) as failed:
        bridge.weigh(timeout_s=0.2)
    assert failed.args[0].code == "scale_offline" and "not connected" in failed.args[0].message


def test_printer_bridge_reports_paper_out_in_words(qtbot, qt_app, printer_emulator) -> None:
    bridge = PrinterBridge(TcpPrinter(printer_emulator.host, printer_emulator.port, timeout_s=2))
    with qtbot.waitSignal(bridge.sig_status, timeout=30_000) as status:
        bridge.check()
    assert status.args == [True, "ready"]
    printer_emulator.set_flag("paper_out", True)
    with qtbot.waitSignal(bridge.sig_status, timeout=30_000) as status:
        bridge.check()
    assert status.args == [False, "paper out"]
    with qtbot.waitSignal(bridge.sig_delivered, timeout=30_000) as delivered:
        bridge.deliver(b"^XA^FDx^FS^XZ")
    assert delivered.args[0] is False and delivered.args[1].form == "printer_not_ready"
    assert str(delivered.args[1]) == f"printer {printer_emulator.address}: paper out"


def test_status_line_says_what_each_device_is_doing(qtbot, qt_app, station_ctx, scanner_device, scale_emulator,
                                                   printer_emulator) -> None:
    ctx = station_ctx()
    devices = StationDevices(scanner_url=scanner_device.port, scale_url=scale_emulator.port,
                             label_printer=printer_emulator.address)
    hub = DeviceHub(ctx, devices)
    status = DeviceStatus(hub)
    qtbot.addWidget(status)
    qtbot.waitUntil(lambda: status.texts()["scanner"] == "Scanner: connected"
                    and status.texts()["scale"] == "Scale: connected"
                    and status.texts()["printer"] == "Label printer: ready", timeout=5000)
    scanner_device.unplug()
    qtbot.waitUntil(lambda: status.texts()["scanner"] == "Scanner: not connected", timeout=30_000)
    assert "disconnected" in status.labels["scanner"].toolTip()
    printer_emulator.set_flag("paper_out", True)
    hub.check_printer()
    qtbot.waitUntil(lambda: status.texts()["printer"] == "Label printer: paper out", timeout=30_000)
    # the printer's problem is a code the status line names in the screen's language (it showed the English words)
    from ui.devices import status as status_module

    assert hub.printer.problems == ("paper_out",) and not hub.printer.offline
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(status_module, "language", lambda: "zh")
        patch.setattr(status_module, "term", lambda kind, code: vocabulary.name(kind, code, "zh"))
        status.refresh()
        assert status.texts()["printer"].endswith(": 缺纸")
    status.refresh()
    printer_emulator.stop()
    hub.check_printer()
    qtbot.waitUntil(lambda: status.texts()["printer"] == "Label printer: offline", timeout=10000)
    assert status.labels["printer"].toolTip() == f"printer {printer_emulator.address} is not reachable: connection refused"
    # why a device is down, in Chinese on a Chinese screen (the tooltips showed the system's English words)
    translations = Translations(qt_app)
    assert translations.switch("zh_CN")
    try:
        assert status.texts()["printer"] == "标签打印机：离线"
        assert status.labels["printer"].toolTip() == f"无法连接打印机 {printer_emulator.address}：连接被拒绝"
        assert status.labels["scanner"].toolTip() in (f"{scanner_device.port} 已断开：{words}" for words in (
            "设备停止发送数据（是否已拔出？）", "输入/输出错误（是否已拔出？）"))
    finally:
        translations.release()
    status.show()
    status.grab().save(str(scale_emulator.device.link.parent / "status.png"))
    hub.stop()


def test_station_delivers_its_labels_once_someone_signs_in(qtbot, qt_app, station_ctx, db, printer_emulator) -> None:
    from app.documents import queue as print_queue
    from app.persistence.uow import UnitOfWork
    from tests.conftest import actor
    from ui.devices.device_settings import save, settings_file
    from ui.devices.hub import devices_of

    with UnitOfWork(db, actor("clerk")) as uow:  # queued at this station ("test-station") earlier
        print_queue.enqueue(uow, "parcel label SP1", print_queue.LABEL_PRINTER, b"^XA^FDSP1^FS^XZ")
        uow.commit()
    ctx = station_ctx(db=db)
    save(settings_file(ctx.settings.path), StationDevices(label_printer=printer_emulator.address))
    hub = devices_of(ctx)
    assert hub.queue is None and devices_of(ctx) is hub
    with qtbot.waitSignal(hub.sig_queue_report, timeout=10000) as delivered:
        ctx.act_as(actor("clerk"))
    assert len(delivered.args[0].sent) == 1 and printer_emulator.wait_for_jobs(1) and printer_emulator.jobs == [b"^XA^FDSP1^FS^XZ"]
    ctx.sign_out()
    assert hub.queue is None
