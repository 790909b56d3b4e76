"""Label engine: the same layout as ZPL (rendered offline by zplkit), PDF and PNG; every barcode decodes back."""

from __future__ import annotations

import base64
import binascii
import io
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
import zplkit
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from printing import zpl
from printing.label import Barcode, Box, Label, Line, Text, dots, to_pdf, to_png, to_zpl

GS1 = "(01)09501101530003(10)ABC123(21)SER42"
GS1_DECODED = "010950110153000310ABC123\x1d21SER42"
QR_DATA = "https://example.invalid/t/MS-2024-000123?收货人=深圳"


def shipping_label(i: int = 1) -> Label:
    return Label(100, 150, [
        Box(2, 2, 96, 146, 0.6),
        Text(5, 5, "BONDED WAREHOUSE SZ-01", 5, bold=True),
        Text(5, 12, "收货人: 深圳市南山区 保税仓 张三", 4.5, max_width_mm=88),
        Text(5, 19, f"MS-2024-{i:06d}  Pcs 1/3  12.5 kg", 3.5),
        Line(2, 25, 98, 25, 0.4),
        Barcode(8, 30, "code128", f"WH-2024-{i:06d}", 15),
        Barcode(5, 55, "gs1-128", GS1, 18, module_mm=0.25),
        Barcode(5, 85, "qr", QR_DATA, 30),
        Barcode(55, 85, "gs1-datamatrix", GS1, 25),
        Barcode(55, 118, "datamatrix", "LOT ABC123 批次", 20),
    ])


EXPECTED = {
    ("Code 128", "]C0", "WH-2024-000001"),
    ("Code 128", "]C1", GS1_DECODED),
    ("QR Code", "]Q1", QR_DATA),
    ("Data Matrix", "]d2", GS1_DECODED),
    ("Data Matrix", "]d1", "LOT ABC123 批次"),
}


def render_zpl(data: bytes, width: int = 800, height: int = 1200) -> Image.Image:
    """zplkit renders offline; it refuses ^PQ, so the quantity command is stripped first."""
    doc = zplkit.render(re.sub(rb"\^PQ\d+", b"", data),
                        zplkit.Options(profile="specification", width=width, height=height, dpi=203))
    return Image.open(io.BytesIO(doc.labels[0].png()))


def decoded(img: Image.Image) -> dict[tuple[str, str, str], tuple[int, int]]:
    """Every barcode found: (format, AIM id, text) → top-left corner of its position."""
    found = {}
    for r in zxingcpp.read_barcodes(img, text_mode=zxingcpp.TextMode.Plain):
        corners = [r.position.top_left, r.position.top_right, r.position.bottom_left, r.position.bottom_right]
        found[(str(r.format), r.symbology_identifier, r.text)] = (min(p.x for p in corners),
                                                                  min(p.y for p in corners))
    return found


def test_zpl_renders_and_every_barcode_decodes() -> None:
    data = to_zpl(shipping_label())
    assert data.startswith(b"^XA^CI28^PW799^LL1199^LH0,0") and data.rstrip().endswith(b"^XZ")
    assert set(decoded(render_zpl(data))) == EXPECTED


def test_chinese_goes_as_a_z64_graphic_field_with_a_good_crc() -> None:
    data = to_zpl(Label(100, 30, [Text(5, 5, "深圳市南山区 保税仓", 5)])).decode("utf-8")
    assert "深" not in data and "^A0" not in data
    m = re.search(r"\^GFA,(\d+),(\d+),(\d+),:Z64:([A-Za-z0-9+/=]+):([0-9A-F]{4})", data)
    assert m, data
    total, row_bytes, b64, crc = int(m.group(1)), int(m.group(3)), m.group(4), m.group(5)
    assert int(crc, 16) == binascii.crc_hqx(b64.encode(), 0)
    bitmap = zlib.decompress(base64.b64decode(b64))
    assert len(bitmap) == total and total % row_bytes == 0 and any(bitmap)
    ink = sum(1 for p in render_zpl(data.encode(), 800, 240).convert("L").get_flattened_data() if p < 128)
    assert ink > 1000  # the renderer drew the bitmap (it verifies the CRC itself)


def test_ascii_text_uses_the_resident_font_and_escapes_control_characters() -> None:
    data = to_zpl(Label(100, 20, [Text(2, 2, "a^b~c_d", 4), Barcode(2, 8, "code128", "A>B^C", 8, hri=False)]))
    assert b"^A0N,32,32^FH_^FDa_5Eb_7Ec_5Fd^FS" in data
    found = decoded(render_zpl(data, 800, 160))
    assert ("Code 128", "]C0", "A>B^C") in found


def test_preview_png_decodes_and_has_the_label_size_in_dots() -> None:
    img = Image.open(io.BytesIO(to_png(shipping_label())))
    assert img.size == (dots(100, 203), dots(150, 203))
    assert set(decoded(img)) == EXPECTED
    assert Image.open(io.BytesIO(to_png(shipping_label(), dpi=300))).size == (dots(100, 300), dots(150, 300))


def test_preview_and_printer_put_every_barcode_in_the_same_place() -> None:
    label = shipping_label()
    printed, preview = decoded(render_zpl(to_zpl(label))), decoded(Image.open(io.BytesIO(to_png(label))))
    for key, (x, y) in printed.items():
        px, py = preview[key]
        assert abs(px - x) <= 4 and abs(py - y) <= 4, (key, (x, y), (px, py))


def test_text_is_squeezed_to_its_maximum_width() -> None:
    long_text = "深圳市南山区前海保税港区 跨境电商保税仓 三号库"
    img = Image.open(io.BytesIO(to_png(Label(100, 20, [Text(0, 0, long_text, 6, max_width_mm=40)]))))
    left, _, right, _ = img.point(lambda p: 255 - p).getbbox()
    assert right - left <= dots(40, 203) + 1
    free = Image.open(io.BytesIO(to_png(Label(200, 20, [Text(0, 0, long_text, 6)]))))
    assert free.point(lambda p: 255 - p).getbbox()[2] > dots(100, 203)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_pdf_has_one_page_per_label_chinese_text_and_decodable_barcodes(tmp_path: Path) -> None:
    pdf = to_pdf([shipping_label(1), shipping_label(2)])
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert round(float(box.width) * 25.4 / 72) == 100 and round(float(box.height) * 25.4 / 72) == 150
    text = reader.pages[0].extract_text()
    assert "收货人: 深圳市南山区 保税仓 张三" in text and "(01)09501101530003(10)ABC123(21)SER42" in text
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    assert any("WenQuanYi" in f["/BaseFont"] and "/FontFile2" in f["/FontDescriptor"].get_object()
               for f in fonts), "the CJK font must be embedded"
    (tmp_path / "l.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "300", "-f", "1", "-l", "1", str(tmp_path / "l.pdf"),
                    str(tmp_path / "page")], check=True)
    assert set(decoded(Image.open(next(tmp_path.glob("page*.png"))))) == EXPECTED


def test_bad_barcodes_are_refused_with_the_data_named() -> None:
    with pytest.raises(ValueError, match="unknown barcode kind"):
        Barcode(0, 0, "ean99", "1", 10)
    with pytest.raises(ValueError, match=r"\(AI\)value"):
        to_zpl(Label(elements=[Barcode(0, 0, "gs1-128", "0109501101530003", 10)]))
    with pytest.raises(ValueError, match="cannot encode '深圳' as code128"):
        to_png(Label(elements=[Barcode(0, 0, "code128", "深圳", 10)]))
    with pytest.raises(ValueError, match="horizontal or vertical"):
        Line(0, 0, 10, 10)


def test_gs1_fnc1_only_after_variable_length_elements() -> None:
    assert zpl.gs1_fnc1_string(GS1, "|1") == "|10109501101530003" "10ABC123|121SER42"
    assert zpl.gs1_fnc1_string("(00)095011015300000017", "|1") == "|100095011015300000017"
    assert zpl.gs1_fnc1_string("(10)AB(17)261231", "|1") == "|110AB|117261231"


def test_data_matrix_is_square_like_the_printer_draws_it() -> None:
    from printing.label import symbol

    for data in ("BWMS test-station", "LOT ABC123 批次"):
        sym = symbol("datamatrix", data)
        assert len(sym.rows) == sym.height == sym.columns
    assert symbol("gs1-datamatrix", "(01)09501101530003(10)AB(21)S").height == 18


def test_a_large_qr_keeps_the_printers_largest_magnification_everywhere() -> None:
    from printing.label import plan_barcode

    big = Barcode(5, 5, "qr", "SF0000000001", 60)
    assert plan_barcode(big, 203).module == 10
    data = to_zpl(Label(100, 80, [big]))
    assert b"^BQN,2,10" in data
    printed = decoded(render_zpl(data, 800, 640))
    preview = decoded(Image.open(io.BytesIO(to_png(Label(100, 80, [big])))))
    assert set(printed) == set(preview) == {("QR Code", "]Q1", "SF0000000001")}
