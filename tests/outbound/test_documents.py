"""The outbound papers: every waybill label decodes to its waybill (PDF and ZPL renders), personal data is
masked, and the pick list, packing list, manifest, gate pass and batch record carry what they should."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from app import clock
from app.customs.batch_record import batch_record
from app.customs.receipts import apply_receipts
from app.errors import NotFound
from app.outbound.allocation import allocate
from app.outbound.documents import gate_pass_data, manifest_data, pull_list_data
from app.outbound.pack_station import PackStation
from app.outbound.shipping import create_manifest, gate_out
from app.outbound.waves import pick_list
from app.persistence.models import Manifest, PrintJob
from app.persistence.uow import UnitOfWork, UnitsOfWork
from printing.batch_record import batch_record_pdf
from printing.pick_list import pick_list_pdf
from printing.shipping_docs import gate_pass_pdf, manifest_pdf, pull_list_pdf
from tests.conftest import DEMO, actor, built_once
from tests.outbound.conftest import CONTAINER, TODAY, run, today_source, write_receipts
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
def shipped(request, released, home, tmp_path):
    """Four SF parcels packed (labels written to tmp_path/labels), on one manifest, gated out."""
    def build() -> None:
        run(released, "supervisor", allocate, today=TODAY)
        pick_everything(released)
        for order in SF:
            assert pack_order(released, order["order_no"], label_out=tmp_path / "labels").code == "packed"
        report = run(released, "supervisor", create_manifest, "SF", "浙A88888")
        run(released, "supervisor", gate_out, report.manifest)

    built_once(request, released, home, ("shipped", today_source()), build, keep=(tmp_path / "labels",))
    with released.sessions() as s:
        manifest, gate_pass = s.execute(select(Manifest.manifest_no, Manifest.gate_pass_no)).one()
    return released, SimpleNamespace(manifest=manifest, gate_pass=gate_pass)


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


def test_pick_list_is_grouped_by_location_in_walk_order(released):
    run(released, "supervisor", allocate, today=TODAY)
    wave = max(all_waves(released), key=lambda w: len(w["tasks"]))
    with UnitOfWork(released, actor("clerk"), write=False) as uow:
        data = pick_list(uow, wave["wave"])
    text = text_of(pick_list_pdf(data))
    assert wave["wave"] in text and "拣货单" in text
    sequence = {f"{a}-{r:02d}-{c:02d}": (ord(a), r, c) for a in "ABC" for r in range(1, 5) for c in (1, 2)}
    walked = list(dict.fromkeys(line["location"] for line in data["lines"]))
    # one stop per location, numbered in the walk order, each location named on its stop row only (a stop that
    # goes on over a page is named again there, "continued")
    stops = list(dict.fromkeys(re.findall(
        r"Stop (\d+)\s+库位 Location ([ABC]-\d\d-\d\d)\s+(\d+) 行 lines · (\d+) 件 units", text)))
    assert [(int(n), loc) for n, loc, _, _ in stops] == list(enumerate(walked, start=1))
    assert walked == sorted(walked, key=sequence.__getitem__)
    assert list(dict.fromkeys(re.findall(r"\b[ABC]-\d\d-\d\d\b", text))) == walked
    assert len(re.findall(r"\b[ABC]-\d\d-\d\d\b", text)) == len(walked) + text.count("continued")
    for _, loc, lines, units in stops:
        at = [line for line in data["lines"] if line["location"] == loc]
        assert (int(lines), int(units)) == (len(at), sum(line["qty"] for line in at))


def test_pick_list_repeats_the_stop_on_a_page_that_starts_inside_it():
    from printing.pick_list import page_rows

    lines = [{"location": loc, "qty": 1, "sku": "S"} for loc in ("A-01-01",) * 3 + ("A-01-02",) * 4]
    pages = page_rows(lines, 4)
    assert [[(kind, row.get("location"), row.get("continued", False), row.get("seq")) for kind, row in page]
            for page in pages] == [
        [("stop", "A-01-01", False, None), ("line", "A-01-01", False, 1), ("line", "A-01-01", False, 2),
         ("line", "A-01-01", False, 3)],
        [("stop", "A-01-02", False, None), ("line", "A-01-02", False, 4), ("line", "A-01-02", False, 5),
         ("line", "A-01-02", False, 6)],
        [("stop", "A-01-02", True, None), ("line", "A-01-02", False, 7)]]


def test_manifest_barcodes_fit_their_cells_with_the_number_under_each(shipped):
    from printing import pdf
    from printing.shipping_docs import manifest_story

    db, report = shipped
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        data = manifest_data(uow, report.manifest)
    page, story = manifest_story(data)
    codes = [cell for flow in story if isinstance(flow, pdf.GridTable)
             for row in flow._cellvalues for cell in row if isinstance(cell, pdf.CellBarcode)]
    out = pdf.render(page, story)  # (consumes the story)
    assert sorted(c.data for c in codes) == sorted(o["logistics"]["waybill_no"] for o in SF)
    for code in codes:  # the renderer's geometry: bars and number drawn inside the cell they belong to
        (x0, y0, x1, y1), (cx0, cy0, cx1, cy1) = code.drawn, code.cell
        assert cx0 <= x0 and x1 <= cx1 and cy0 <= y0 and y1 <= cy1, (code.data, code.drawn, code.cell)
    lines = text_of(out).splitlines()
    for o in SF:  # each number readable on a line of its own, not run into the next row's text
        assert o["logistics"]["waybill_no"] in [line.strip() for line in lines]


def test_pull_list_lists_every_parcel_under_inspection_and_uses_its_key(released, tmp_path):
    run(released, "supervisor", allocate, today=TODAY)
    pick_everything(released)
    first, second = SF[0]["order_no"], SF[1]["order_no"]
    for order_no in (first, second):  # customs inspects two released parcels; only one has reached packing
        path = write_receipts(tmp_path / f"{order_no}.csv", {order_no: "500"}, time="20261127090000000")
        run(released, "supervisor", apply_receipts, path)
    assert PackStation(UnitsOfWork(released, actor("clerk")), packing_location="PACK-02").scan(first).code \
        == "pull_for_inspection"
    with UnitOfWork(released, actor("customs"), write=False) as uow:
        everything = pull_list_data(uow, "-")
        one = pull_list_data(uow, SF[1]["logistics"]["waybill_no"])
    rows = {r["order_no"]: r for r in everything["rows"]}
    assert set(rows) == {first, second}
    assert (rows[first]["location"], rows[first]["pulled"], rows[first]["customs_status"]) == ("PACK-02", True, "500")
    assert (rows[second]["location"], rows[second]["pulled"]) == ("", False)
    assert [r["order_no"] for r in one["rows"]] == [second] and one["key"] == SF[1]["logistics"]["waybill_no"]
    text = text_of(pull_list_pdf(everything))
    assert first in text and second in text and "Parcels under inspection: 2" in text
    assert "查验 (500)" in text and "500\n" not in text
    with UnitOfWork(released, actor("customs"), write=False) as uow, pytest.raises(NotFound, match="under customs"):
        pull_list_data(uow, SF[2]["order_no"])


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


def test_a_manifest_made_after_midnight_in_the_warehouse_carries_the_warehouses_date(released):
    """At 16:00:30 UTC on 31 December it is 00:00:30 on 1 January in Shanghai: the manifest's number carries the
    warehouse's date and the gate pass its year (both were UTC's: MF20261231…, …2026E…)."""
    run(released, "supervisor", allocate, today=TODAY)
    pick_everything(released)
    assert pack_order(released, SF[0]["order_no"]).code == "packed"
    with clock.frozen_at(datetime(2026, 12, 31, 16, 0, 30, tzinfo=UTC)):
        report = run(released, "supervisor", create_manifest, "SF", "浙A88888")
    assert re.fullmatch(r"MF20270101\d{6}", report.manifest) and re.fullmatch(r"\w+2027E\d{8}", report.gate_pass)
