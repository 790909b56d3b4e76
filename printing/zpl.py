"""ZPL II building blocks in printer dots: escaped field data, ^A0 text, Z64 graphic fields, barcodes.

Plain values in, ZPL text out; `printing.label.to_zpl` walks a layout and calls these.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

_ESCAPED = re.compile(r"[\^~_]")
_AI = re.compile(r"\((\d{2,4})\)([^()]*)")
# GS1 General Specifications, "element strings with predefined length": no FNC1 needed after these AIs
_PREDEFINED_LENGTH = {"00", "01", "02", "03", "04", "11", "12", "13", "14", "15", "16", "17", "18", "19",
                      "20", "31", "32", "33", "34", "35", "36", "41"}
_DM_ESCAPE = "|"  # not in the GS1 character set, so it can never clash with GS1 data


def field(data: str, *, code128: bool = False) -> str:
    """`^FD…^FS` for `data`, with ^FH hex escapes for ^ ~ _ (and '>' as the ^BC invocation `>0`)."""
    if code128:
        data = data.replace(">", ">0")  # `><` would be code value 62, which subset B prints as '^'
    if _ESCAPED.search(data):
        return "^FH_^FD" + _ESCAPED.sub(lambda m: f"_{ord(m.group(0)):02X}", data) + "^FS"
    return f"^FD{data}^FS"


def origin(x: int, y: int) -> str:
    return f"^FO{max(0, x)},{max(0, y)}"


def text(x: int, y: int, value: str, height: int, width: int, *, bold: bool = False) -> str:
    """Resident scalable font 0 (ASCII only); bold is the usual double strike one dot or more apart."""
    one = f"^A0N,{height},{width}{field(value)}"
    out = origin(x, y) + one
    if bold:
        out += origin(x + max(1, height // 24), y) + one
    return out


def graphic_field(x: int, y: int, packed: bytes, row_bytes: int) -> str:
    """`^GFA` with Z64 data (base64 of zlib, CRC-16/XMODEM of the base64 text); bit 1 = black."""
    b64 = base64.b64encode(zlib.compress(packed, 6)).decode("ascii")
    crc = binascii.crc_hqx(b64.encode("ascii"), 0)
    total = len(packed)
    return f"{origin(x, y)}^GFA,{total},{total},{row_bytes},:Z64:{b64}:{crc:04X}^FS"


def box(x: int, y: int, w: int, h: int, thickness: int) -> str:
    """`^GB`: the border grows inwards from the outer edge, as on paper."""
    t = max(1, min(thickness, w, h))
    return f"{origin(x, y)}^GB{max(w, t)},{max(h, t)},{t},B,0^FS"


def code128(x: int, y: int, data: str, module: int, height: int) -> str:
    """Code 128 in automatic subset mode (the printer picks A/B/C like an optimising encoder)."""
    return f"{origin(x, y)}^BY{module},3,{height}^BCN,{height},N,N,N,A{field(data, code128=True)}"


def gs1_128(x: int, y: int, data: str, module: int, height: int) -> str:
    """GS1-128 in mode D: the printer puts FNC1 first and after every variable-length AI itself."""
    return f"{origin(x, y)}^BY{module},3,{height}^BCN,{height},N,N,N,D{field(data)}"


def qr(x: int, y: int, data: str, module: int) -> str:
    """QR model 2, error correction M, automatic data mode (UTF-8 bytes under ^CI28)."""
    return f"{origin(x, y)}^BQN,2,{min(max(module, 1), 10)}{field('MA,' + data)}"


def datamatrix(x: int, y: int, data: str, module: int, *, gs1: bool = False) -> str:
    """ECC 200; GS1 DataMatrix writes FNC1 as the escape sequence `|1` (first and as separators)."""
    if not gs1:
        return f"{origin(x, y)}^BXN,{module},200{field(data)}"
    return f"{origin(x, y)}^BXN,{module},200,,,,{_DM_ESCAPE}{field(gs1_fnc1_string(data, _DM_ESCAPE + '1'))}"


def gs1_elements(data: str) -> list[tuple[str, str]]:
    """'(01)0950…(10)ABC' → [('01', '0950…'), ('10', 'ABC')]; ValueError when it is not that form."""
    parts = [(m.group(1), m.group(2)) for m in _AI.finditer(data)]
    if not parts or "".join(f"({a}){v}" for a, v in parts) != data or any(not v for _, v in parts):
        raise ValueError(f"GS1 data must be written as (AI)value…, got {data!r}")
    return parts


def gs1_fnc1_string(data: str, fnc1: str) -> str:
    """The element string with `fnc1` first and after every element of variable length but the last."""
    out = fnc1
    elements = gs1_elements(data)
    for i, (ai, value) in enumerate(elements):
        out += ai + value
        if ai[:2] not in _PREDEFINED_LENGTH and i < len(elements) - 1:
            out += fnc1
    return out


def label(width: int, height: int, body: list[str], *, copies: int = 1) -> bytes:
    """One format: UTF-8 field data (^CI28), label size in dots, home at 0,0, `copies` prints."""
    head = f"^XA^CI28^PW{width}^LL{height}^LH0,0"
    return "\n".join([head, *body, f"^PQ{max(1, copies)}", "^XZ"]).encode("utf-8") + b"\n"
