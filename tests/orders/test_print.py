"""The inventory-list printout: A4, Chinese text, masked buyer data, barcodes that decode."""

from __future__ import annotations

import io
import subprocess

import pypdf
import pytest
import zxingcpp
from PIL import Image

from app.documents.registry import produce
from app.errors import Rejected
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.customs.test_receipts import declared
from tests.orders.helpers import ceb622, import_samples, receipts


def pdf_for(db, order_no: str) -> bytes:
    with UnitOfWork(db, actor("clerk")) as uow:
        pdf = produce(uow, "inventory-list", order_no, "pdf", target="test.pdf").payload
        uow.commit()
    return pdf


def test_inventory_list_printout_is_masked_and_its_barcodes_decode(warehouse, tmp_path):
    cops = declared(warehouse, tmp_path)
    order = "TG20261121000001"  # buyer 310104199207123329, phone 13836778633, three lines
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "r.xml").write_bytes(ceb622(cops[order], "800", "20261126103015123", pre_no="B20261121000001",
                                          invt_no="29212026I000000001", info="放行"))
    receipts(warehouse, folder)
    pdf = pdf_for(warehouse, order)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4
    text = "".join(p.extract_text() for p in reader.pages)
    assert "310104********3329" in text and "138****8633" in text
    assert "310104199207123329" not in text and "13836778633" not in text
    for expected in ("29212026I000000001", "B20261121000001", cops[order], "SF395965144161", "T2921W000123",
                     "1210", "GDS0001", "GDS0004", "GDS0005", "a2至初婴儿配方奶粉3段900克", "800 released",
                     "2026-11-26 10:30", "99.48"):
        assert expected in text, expected
    png = tmp_path / "page"
    with open(f"{png}.png", "wb") as out:
        subprocess.run(["pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", "-"], input=pdf, check=True, stdout=out)
    decoded = {r.text for r in zxingcpp.read_barcodes(Image.open(f"{png}.png"))}
    assert {"29212026I000000001", "SF395965144161"} <= decoded


def test_an_undeclared_order_has_no_list_to_print(warehouse):
    import_samples(warehouse)
    with pytest.raises(Rejected) as info:
        pdf_for(warehouse, "TG20261121000000")
    assert info.value.code == "not_declared"
