"""The outbound papers: every waybill label decodes to its waybill (PDF and ZPL renders), personal data is
masked, and the pick list, packing list, manifest, gate pass and batch record carry what they should."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from app.customs.batch_record import batch_record
from app.outbound.allocation import allocate
from app.outbound.documents import gate_pass_data, manifest_data
from app.outbound.shipping import create_manifest, gate_out
from app.outbound.waves import pick_list
from app.persistence.models import PrintJob
from app.persistence.uow import UnitOfWork
from printing.batch_record import batch_record_pdf
from printing.pick_list import pick_list_pdf
from printing.shipping_docs import gate_pass_pdf, manifest_pdf
from tests.conftest import DEMO, actor
from tests.outbound.conftest import CONTAINER, TODAY, run
from tests.outbound.helpers import all_waves, pack_order, pick_everything

needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
ORDERS = [json.loads(line) for line in (DEMO / "orders.jsonl").read_text(encoding="utf-8").splitlines()]
SF = [o for o in ORDERS if o["logistics"]["carrier_code"] == "SF"][:4]


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def barcodes_in_pdf(pdf: bytes, tmp_path: Path, dpi: int = 200) -> list[str]:
    (tmp_path / "doc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(tmp_path / "doc.pdf"), str(tmp_path / "page")], check=True)
    found = []
    for png in sorted(tmp_path.glob("page*.png")):
        found += [r.text for r in zxingcpp.read_barcodes(Image.open(png), text_mode=zxingcpp.TextMode.Plain)]
        png.unlink()
    return found


def barcodes_in_zpl(zpl: bytes) -> list[str]:
    from app.devices.printer_emulator import render_png

    png = render_png(zpl)
    assert png is not None, "zplkit renders the label"
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)), text_mode=zxingcpp.TextMode.Plain)]


@pytest.fixture
def shipped(released, tmp_path):
    """Four SF parcels packed (labels written to tmp_path/labels), on one manifest, gated out."""
    run(released, "supervisor", allocate, today=TODAY)
    pick_everything(released)
    for order in SF:
        assert pack_order(released, order["order_no"], label_out=tmp_path / "labels").code == "packed"
    report = run(released, "supervisor", create_manifest, "SF", "浙A88888")
    run(released, "supervisor", gate_out, report.manifest)
    return released, report


@needs_poppler
def test_every_label_decodes_to_its_waybill_and_masks_the_consignee(shipped, tmp_path):
    db, _ = shipped
    for order in SF:
        waybill, phone = order["logistics"]["waybill_no"], order["consignee"]["phone"]
        pdf = (tmp_path / "labels" / f"{waybill}.pdf").read_bytes()
        zpl = (tmp_path / "labels" / f"{waybill}.zpl").read_bytes()
        assert barcodes_in_pdf(pdf, tmp_path) == [waybill, waybill]  # the main barcode and the customer stub
        assert set(barcodes_in_zpl(zpl)) == {waybill}
        text = text_of(pdf)
        assert f"{phone[:3]}****{phone[-4:]}" in text and phone not in text and phone.encode() not in zpl
        assert order["order_no"] in text and "杭州综保区一号仓" in text
        assert order["consignee"]["name"] not in text  # the name is masked too (family name only)
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        jobs = uow.session.execute(select(PrintJob.document, PrintJob.target, PrintJob.content_type)).all()
    waybills = {o["logistics"]["waybill_no"] for o in SF}
    assert {(f"waybill {w}", "label", "zpl") for w in waybills} <= set(jobs)
    assert {(f"packing list {w}", "documents", "pdf") for w in waybills} <= set(jobs)


def test_packing_list_in_the_queue_is_masked(shipped):
    db, _ = shipped
    order = SF[0]
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        payload = uow.session.execute(select(PrintJob.payload).where(
            PrintJob.document == f"packing list {order['logistics']['waybill_no']}")).scalar_one()
    text = text_of(payload)
    assert order["order_no"] in text and order["lines"][0]["sku"] in text
    assert order["consignee"]["phone"] not in text and order["consignee"]["phone"][-4:] in text


@needs_poppler
def test_manifest_and_gate_pass(shipped, tmp_path):
    db, report = shipped
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        manifest = manifest_pdf(manifest_data(uow, report.manifest))
        gate = gate_pass_pdf(gate_pass_data(uow, report.gate_pass))
    waybills = {o["logistics"]["waybill_no"] for o in SF}
    text = text_of(manifest)
    assert report.manifest in text and report.gate_pass in text and "浙A88888" in text
    assert set(barcodes_in_pdf(manifest, tmp_path)) == waybills | {report.manifest}
    text = text_of(gate)
    assert report.gate_pass in text and "二线进出区" in text and "T2921W000123" in text
    assert re.search(r"GDS000\d", text)
    assert barcodes_in_pdf(gate, tmp_path) == [report.gate_pass]


def test_pick_list_is_in_walk_order(released):
    run(released, "supervisor", allocate, today=TODAY)
    wave = max(all_waves(released), key=lambda w: len(w["tasks"]))
    with UnitOfWork(released, actor("clerk"), write=False) as uow:
        data = pick_list(uow, wave["wave"])
    text = text_of(pick_list_pdf(data))
    assert wave["wave"] in text and "拣货单" in text
    found = re.findall(r"\b[ABC]-\d\d-\d\d\b", text)
    sequence = {f"{a}-{r:02d}-{c:02d}": (ord(a), r, c) for a in "ABC" for r in range(1, 5) for c in (1, 2)}
    assert found and found == sorted(found, key=sequence.__getitem__)
    assert len(found) == len(data["lines"])


def test_batch_record_reaches_every_parcel_and_balances(shipped):
    db, _ = shipped
    order = SF[0]
    sku = order["lines"][0]["sku"]
    with UnitOfWork(db, actor("customs"), write=False) as uow:
        from app.customs.trace import trace

        batch = next(lot["batch"] for lot in trace(uow, order["order_no"])["lots"] if lot["sku"] == sku)
        data = batch_record(uow, batch)
    assert data["declaration"]["container"] == CONTAINER
    assert order["logistics"]["waybill_no"] in {p["waybill"] for p in data["parcels"]}
    bal = data["balance"]
    assert bal["entered"] - bal["shipped"] - bal["left_otherwise"] == bal["on_hand"]
    assert data["chronology"][-1]["balance"] == bal["on_hand"]
    assert data["putaway"] and data["allocations"]
    text = text_of(batch_record_pdf(data))
    assert batch in text and CONTAINER in text and order["logistics"]["waybill_no"] in text
