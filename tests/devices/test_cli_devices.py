"""`bwms emulate …`, `bwms printer …` and `bwms print-queue …` as a user runs them."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from app.devices.check_label import CHECK_CODE128
from app.devices.emulators import PrinterEmulator
from app.devices.scale import CONTINUOUS, SerialScale
from app.devices.scanner import SerialScanner
from app.documents import queue as print_queue
from app.persistence.db import open_database
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.devices.test_scanner import Events

ROOT = Path(__file__).resolve().parents[2]


def bwms(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "app", *args], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def run(capsys: pytest.CaptureFixture):
    """`bwms` in-process for commands that need no database: run(*args) → (exit code, stdout, stderr)."""
    from app.cli import main

    def call(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return call


def finish(proc: subprocess.Popen, stdin: str = "") -> tuple[int, str]:
    _, err = proc.communicate(stdin, timeout=20)
    return proc.returncode, err


def test_emulated_scanner_prints_its_port_and_plays_the_file(tmp_path: Path) -> None:
    scans = [b"]C1010950110153000310ABC123\x1d21SER42", b"LOC-A-01", b"]Q1\xe6\xb7\xb1\xe5\x9c\xb3"]
    (tmp_path / "scans.txt").write_bytes(b"\n".join(scans) + b"\n")
    link = tmp_path / "scanner0"  # private: a reconnect after the player ends finds nothing, not another pty
    proc = bwms("emulate", "scanner", "--scans", str(tmp_path / "scans.txt"), "--rate", "50", "--link", str(link))
    try:
        port = proc.stdout.readline().strip()
        assert port == str(link) and link.resolve().as_posix().startswith("/dev/pts/")
        events = Events()
        scanner = SerialScanner(port, on_scan=events.scan, reconnect_s=0.05)
        scanner.start()
        try:
            assert [events.next("scan").raw.encode() for _ in scans] == scans
        finally:
            assert scanner.stop()
        code, err = finish(proc)
        assert code == 0 and "sent 3 scans" in err
    finally:
        proc.kill()


def test_emulated_scale_streams_and_takes_new_weights(tmp_path: Path) -> None:
    proc = bwms("emulate", "scale", "--weight", "2.5", "--interval", "0.02", "--link", str(tmp_path / "scale0"))
    try:
        port = proc.stdout.readline().strip()
        scale = SerialScale(port, CONTINUOUS, reconnect_s=0.05)
        scale.start()
        try:
            assert scale.weigh(timeout_s=10) == Decimal("2.500")
        finally:
            assert scale.stop()
        code, err = finish(proc, "3.75\nnonsense\nquit\n")
        assert code == 0 and "weight 3.75 kg" in err and "not a weight in kg: 'nonsense'" in err
    finally:
        proc.kill()


def test_emulated_printer_stores_renders_and_reports_paper_out(tmp_path: Path, run) -> None:
    proc = bwms("emulate", "printer", "--port", "0", "--out", str(tmp_path))
    try:
        address = proc.stdout.readline().split()[-1]
        code, out, _ = run("printer", "status", address, "--json")
        assert code == 0 and json.loads(out)["status"] == "ready"
        code, out, _ = run("printer", "test", address)
        assert code == 0 and "test label sent" in out
        # "sent" means the bytes left; the emulator prints the job on its own thread. Ask it (its `status`
        # command) until it says the job printed, before the paper runs out: a job that arrives to a printer
        # without paper is held, not printed (what failed once under load: no PNG).
        printed = ""
        while "1 jobs printed" not in printed:
            proc.stdin.write("status\n")
            proc.stdin.flush()
            printed = proc.stderr.readline()
            assert printed, "the emulator ended"
        proc.stdin.write("paper-out on\n")
        proc.stdin.flush()
        assert proc.stderr.readline().endswith("not ready\n")  # it answers each command once it has applied it
        code, out, _ = run("printer", "status", address)
        assert code == 1 and "paper out" in out
        code, _ = finish(proc, "quit\n")
        assert code == 0
    finally:
        proc.kill()
    png = Image.open(io.BytesIO((tmp_path / "job-000001.png").read_bytes()))
    assert CHECK_CODE128 in {r.text for r in zxingcpp.read_barcodes(png)}


def test_print_queue_list_deliver_reprint_cancel(db_url: str, cli) -> None:
    db = open_database(db_url)
    with UnitOfWork(db, actor("clerk")) as uow:
        first = print_queue.enqueue(uow, "parcel label SP1", "label", b"^XA^FDone^FS^XZ").id
        second = print_queue.enqueue(uow, "parcel label SP2", "label", b"^XA^FDtwo^FS^XZ").id
        uow.commit()
    db.dispose()
    code, out, _ = cli("print-queue", "--json", user="clerk")
    assert code == 0 and [j["id"] for j in json.loads(out)] == [second, first]
    code, out, _ = cli("print-queue", "cancel", str(second), user="clerk")
    assert code == 0 and "cancelled" in out
    with PrinterEmulator() as emu:
        code, out, _ = cli("print-queue", "deliver", "--printer", f"label={emu.address}", user="clerk")
        assert code == 0 and "sent 1 jobs" in out and emu.wait_for_jobs(1) and emu.jobs == [b"^XA^FDone^FS^XZ"]
        code, out, _ = cli("print-queue", "reprint", str(first), user="supervisor")
        assert code == 0 and f"(reprint of {first})" in out
        code, out, _ = cli("print-queue", "deliver", "--printer", f"label={emu.address}", "--json")
        assert code == 0 and len(json.loads(out)["sent"]) == 1 and emu.wait_for_jobs(2) and len(emu.jobs) == 2
    code, _, err = cli("print-queue", "deliver", "--printer", "label")
    assert code == 1 and "NAME=ADDRESS" in err
    code, out, _ = cli("print-queue", "--status", "sent", "--json")
    assert [j["reprint_of"] for j in json.loads(out)] == [first, None]


def test_missing_scan_file_is_named(run) -> None:
    code, _, err = run("emulate", "scanner", "--scans", "/nonexistent/scans.txt")
    assert code == 1 and "/nonexistent/scans.txt" in err
