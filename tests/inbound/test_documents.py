"""The inbound documents: Chinese text is in every PDF with an embedded font, and every barcode decodes."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import zplkit
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from app.domain import gs1
from app.domain.gs1 import CommandScan, LocationScan
from app.inbound import documents as docs
from app.inbound.release import release
from app.persistence.uow import UnitOfWork
from printing import inbound_docs as inbound
from tests.conftest import DEMO, actor
from tests.inbound.conftest import DECLARATION, sample_scans
from tests.inbound.helpers import expected_tally, feed, station

needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")


def names() -> dict[str, str]:
    with open(DEMO / "products.csv", encoding="utf-8") as fh:
        return {p["sku"]: p["name_cn"] for p in csv.DictReader(fh)}


def tally_data(lines: list[dict] | None = None) -> dict:
    lines = lines if lines is not None else expected_tally()
    cn = names()
    return {"warehouse": "杭州综保区一号仓", "account_book": "T2921W000123", "declaration_no": DECLARATION,
            "entry_no": "", "bill_of_lading": "MAEU631969374", "container_no": "MSKU8541208", "seal_no": "SL595185",
            "arrival_date": "2026-11-20", "status": "tallied", "tally_started": "2026-11-26 09:00",
            "tally_closed": "2026-11-26 11:30", "tally_clerk": "clerk", "staging": "HOLD-01",
            "printed_at": "2026-11-26 11:31",
            "lines": [{**r, "name": cn[r["sku"]], "account_book_item": "GDS0001", "unit": "142",
                       "production_date": "2026-10-06", "expiry_date": "2028-10-05", "unexpected": False}
                      for r in lines]}


def pages(pdf: bytes, tmp_path: Path, dpi: int = 200) -> list[Image.Image]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "doc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(tmp_path / "doc.pdf"), str(tmp_path / "page")],
                   check=True)
    return [Image.open(p) for p in sorted(tmp_path.glob("page*.png"))]


def barcodes(img: Image.Image) -> set[tuple[str, str]]:
    """(AIM symbology id, text) of every barcode on the image, as a scanner would send it."""
    return {(r.symbology_identifier, r.text) for r in zxingcpp.read_barcodes(img, text_mode=zxingcpp.TextMode.Plain)}


def embedded_cjk_font(reader: PdfReader) -> bool:
    fonts = [f.get_object() for page in reader.pages for f in page["/Resources"]["/Font"].values()]
    return any("WenQuanYi" in f["/BaseFont"] and "/FontFile2" in f["/FontDescriptor"].get_object()
               for f in fonts if "/FontDescriptor" in f)


@needs_poppler
def test_tally_report(tmp_path):
    rows = expected_tally()
    rows[3] = {**rows[3], "received": 30, "damaged": 6, "short": 0}
    data = tally_data(rows)
    data["lines"].append({**data["lines"][1], "batch": "SWSX0001", "expected": 0, "received": 12, "short": 0,
                          "over": 12, "unexpected": True})
    pdf = inbound.tally_report_pdf(data)
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    for needle in ("入库理货单", "a2至初婴儿配方奶粉3段900克", "海蓝之谜精华面霜60毫升", DECLARATION, "MSKU8541208",
                   "SL595185", "理货员 Tally clerk", "非申报批次", "page 1 of 1"):
        assert needle in text, needle
    assert embedded_cjk_font(reader)
    assert ("]C0", DECLARATION) in barcodes(pages(pdf, tmp_path)[0])


@needs_poppler
def test_long_tally_report_numbers_its_pages(tmp_path):
    row = expected_tally()[0]
    pdf = inbound.tally_report_pdf(tally_data([{**row, "line_no": i} for i in range(1, 301)]))
    reader = PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    assert total >= 5
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"page {number} of {total}" in text and "入库理货单" in text and "Expected" in text  # header repeats
    assert ("]C0", DECLARATION) in barcodes(pages(pdf, tmp_path)[-1])


@needs_poppler
def test_command_sheet_barcodes_are_the_station_commands(tmp_path):
    pdf = inbound.command_sheet_pdf()
    assert "结束理货" in "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    found = set().union(*(barcodes(page) for page in pages(pdf, tmp_path)))
    assert found == {("]C0", "CMD:DAMAGED"), ("]C0", "CMD:UNDO"), ("]C0", "CMD:CLOSE"), ("]C0", "CMD:SHORT")}
    receiving = {(aim, text) for aim, text in found if text != "CMD:SHORT"}  # CMD:SHORT is the pick station's
    assert {gs1.decode(aim + text).command.value for aim, text in receiving} == {"DAMAGED", "UNDO", "CLOSE"}
    assert all(isinstance(gs1.decode(aim + text), CommandScan) for aim, text in receiving)


def test_command_sheet_lists_the_one_key_map_and_every_stations_commands():
    from app.domain.station_keys import STATION_COMMANDS, STATION_KEYS, STATIONS

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(inbound.command_sheet_pdf())).pages)
                    .split())
    for k in STATION_KEYS:
        assert f"{k.key} {k.name_zh} {k.name}" in text, k.key
    assert "F4 撤销 Undo" in text and "F5 重发 Send again" in text and "F1 帮助 Help" in text
    for c in STATION_COMMANDS:
        assert f"{c.name_zh} {c.name}" in text
    for zh, en in STATIONS.values():  # every station is named on the sheet, not only receive
        assert zh in text and en in text


def render_zpl(label: bytes) -> Image.Image:
    doc = zplkit.render(re.sub(rb"\^PQ\d+", b"", label),
                        zplkit.Options(profile="specification", width=800, height=1200, dpi=203))
    return Image.open(io.BytesIO(doc.labels[0].png()))


@pytest.fixture
def released_db(declared):
    st = station(declared)
    feed(st, *sample_scans(), "CMD:CLOSE")
    with UnitOfWork(declared, actor("customs")) as uow:
        release(uow, DECLARATION)
        uow.commit()
    return declared


@needs_poppler
def test_documents_from_the_received_container(released_db, tmp_path):
    with UnitOfWork(released_db, actor("clerk"), write=False) as uow:
        report = docs.tally_report(uow, DECLARATION)
        listing = docs.putaway_list(uow, DECLARATION)
        cartons = docs.carton_labels(uow, DECLARATION)
    assert [r["received"] for r in report["lines"]] == [r["received"] for r in expected_tally()]
    assert report["staging"] == "HOLD-01" and report["tally_clerk"] == "clerk" and report["status"] == "released"
    assert [(r["from"], r["to"]) for r in listing["rows"]][:2] == [("HOLD-01", "A-01-01"), ("HOLD-01", "A-01-02")]
    assert len(cartons) == 11 and cartons[0]["status"] == "available" and cartons[0]["name"] == names()["A2P-900"]
    assert (cartons[0]["location"], cartons[0]["suggested"]) == ("HOLD-01", "A-01-01")

    listing_pdf = inbound.putaway_list_pdf(listing)
    text = PdfReader(io.BytesIO(listing_pdf)).pages[0].extract_text()
    assert "上架单" in text and names()["MGO-263"] in text and cartons[5]["sscc"] in text
    assert ("]C0", DECLARATION) in barcodes(pages(listing_pdf, tmp_path / "list")[0])

    first = cartons[0]
    sscc_scan = ("]C1", "00" + first["sscc"])
    contents = ("]C1", "02093000000103771728100537120\x1d10A2P43432")
    assert {sscc_scan, contents} <= barcodes(render_zpl(inbound.labels_zpl([inbound.carton_label(first)])))
    labels_pdf = inbound.labels_pdf([inbound.carton_label(c) for c in cartons])
    reader = PdfReader(io.BytesIO(labels_pdf))
    assert len(reader.pages) == 11 and embedded_cjk_font(reader)
    first_page = reader.pages[0].extract_text()
    assert names()["A2P-900"] in first_page and "可用 available" in first_page
    # it says what it labels (the generated SSCC of loose units is a pallet's) and the quantity RECEIVED on it
    assert first["kind"] == "pallet" and "托盘标签 PALLET LABEL" in first_page and "CARTON" not in first_page
    received = {(r["sku"], r["batch"]): r["received"] for r in report["lines"]}
    assert [c["quantity"] for c in cartons] == [received[(c["sku"], c["batch"])] for c in cartons]
    assert f"收货数量 Received qty\n{first['quantity']} 罐" in first_page or f"{first['quantity']} 罐" in first_page
    assert {sscc_scan, contents} <= barcodes(pages(labels_pdf, tmp_path / "labels", 300)[0])
    decoded = gs1.decode("".join(sscc_scan))
    assert decoded.sscc == first["sscc"]


@needs_poppler
def test_location_labels(released_db, tmp_path):
    with UnitOfWork(released_db, actor("clerk"), write=False) as uow:
        labels = docs.location_labels(uow, "A-0")
    assert [label["code"] for label in labels][:2] == ["A-01-01", "A-01-02"] and len(labels) == 8
    label = inbound.location_label(labels[0])
    assert ("]C0", "LOC:A-01-01") in barcodes(render_zpl(inbound.labels_zpl([label])))
    pdf = inbound.labels_pdf([inbound.location_label(x) for x in labels])
    assert "保税存储区 bonded storage" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    found = barcodes(pages(pdf, tmp_path, 300)[0])
    assert found == {("]C0", "LOC:A-01-01")} and gs1.decode("]C0LOC:A-01-01") == LocationScan("A-01-01")
