"""Decode one raw scan (GS1-128 carton label, plain GTIN, location, command) into a typed result, via biip."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

import biip

from app.domain.codes import gs1_check_digit

GS = "\x1d"  # the separator a scanner sends for FNC1 after a variable-length element
LOCATION_PREFIX = "LOC:"  # location labels carry "LOC:" + the location code (Code 128)
COMMAND_PREFIX = "CMD:"   # command sheet barcodes: CMD:DAMAGED, CMD:UNDO, CMD:CLOSE
GS1_SYMBOLOGIES = ("]C1", "]d2", "]Q3", "]e0", "]J1")  # GS1-128, GS1 DataMatrix/QR, DataBar, DotCode
GTIN_SYMBOLOGIES = ("]E0", "]E3", "]E4", "]I1")        # EAN-13/UPC-A, EAN-13+add-on, EAN-8, ITF-14
TEXT_SYMBOLOGIES = ("]C0", "]d1", "]Q1", "]A0", "]Z0")  # plain Code 128, DataMatrix, QR, Code 39
_LOCATION_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,31}")
_GTIN_LENGTHS = (8, 12, 13, 14)
MAX_COUNT = 99_999_999  # AI (30)/(37) hold at most 8 digits


class Command(StrEnum):
    DAMAGED = "DAMAGED"  # the next item scan is counted as damaged
    UNDO = "UNDO"        # reverse this station's last accepted count
    CLOSE = "CLOSE"      # close the tally


@dataclass(frozen=True)
class ItemScan:
    """Goods: a GTIN (14 digits) and how many units the scan stands for, with what the label says of them."""

    gtin: str
    count: int = 1
    batch: str = ""
    production_date: date | None = None
    expiry_date: date | None = None
    sscc: str = ""


@dataclass(frozen=True)
class HandlingUnitScan:
    """A pallet or carton label carrying only its SSCC (AI 00)."""

    sscc: str


@dataclass(frozen=True)
class LocationScan:
    code: str


@dataclass(frozen=True)
class CommandScan:
    command: Command


@dataclass(frozen=True)
class BadScan:
    """Not a usable barcode: `code` is stable (malformed, bad_check_digit, unknown_barcode…), `reason` is English."""

    code: str
    reason: str


Scan = ItemScan | HandlingUnitScan | LocationScan | CommandScan | BadScan


@lru_cache(maxsize=4096)  # a container's cartons repeat the same few labels; results are immutable
def decode(raw: str) -> Scan:
    """What one scan means. `raw` is the scanner's output, with its AIM prefix (e.g. "]C1") and GS bytes."""
    text = raw.rstrip("\r\n")
    if not text.strip():
        return BadScan("empty", "empty scan")
    symbology, data = (text[:3], text[3:]) if text.startswith("]") and len(text) >= 3 else ("", text)
    if data.startswith(COMMAND_PREFIX):
        return _command(data)
    if data.startswith(LOCATION_PREFIX):
        return _location(data)
    if symbology in GS1_SYMBOLOGIES:
        return _element_string(data)
    if symbology in GTIN_SYMBOLOGIES or (not symbology and data.isdigit() and len(data) in _GTIN_LENGTHS):
        return _plain_gtin(data)
    if not symbology and re.fullmatch(r"\d{2}[\x1d\x21-\x7e]+", data) and data[:2] in ("00", "01", "02"):
        return _element_string(data)  # a scanner that sends no AIM prefix
    shown = printable(text)
    return BadScan("unknown_barcode", f"unknown barcode {shown!r}: not a carton label, product, location or command")


def printable(text: str) -> str:
    """The scan as a person can read it: GS shown as <GS>, other control bytes as \\xNN."""
    return "".join("<GS>" if ch == GS else ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)


def _command(data: str) -> Scan:
    name = data[len(COMMAND_PREFIX):]
    try:
        return CommandScan(Command(name))
    except ValueError:
        known = ", ".join(COMMAND_PREFIX + c.value for c in Command)
        return BadScan("unknown_command", f"unknown command {data!r}: one of {known}")


def _location(data: str) -> Scan:
    code = data[len(LOCATION_PREFIX):]
    if not _LOCATION_CODE.fullmatch(code):
        return BadScan("malformed", f"location barcode {printable(data)!r} does not carry a location code")
    return LocationScan(code)


def _plain_gtin(data: str) -> Scan:
    if not data.isdigit() or len(data) not in _GTIN_LENGTHS:
        return BadScan("malformed", f"product barcode {printable(data)!r} is not 8, 12, 13 or 14 digits")
    if gs1_check_digit(data[:-1]) != int(data[-1]):
        return BadScan("bad_check_digit", f"GTIN {data} has a wrong check digit "
                                          f"(expected {gs1_check_digit(data[:-1])})")
    return ItemScan(gtin=data.zfill(14))


def _element_string(data: str) -> Scan:
    """A GS1 element string: AIs 00 SSCC, 01/02 GTIN, 10 batch, 11 production, 17 expiry, 30/37 count."""
    try:
        result = biip.parse("]C1" + data)
    except biip.ParseError as exc:  # biip reports most problems in the result; this is the rest
        return BadScan("malformed", f"malformed GS1 label: {exc}")
    message = result.gs1_message
    if message is None:
        return BadScan("malformed", f"malformed GS1 label {printable(data)!r}: {result.gs1_message_error}")
    fields: dict[str, object] = {}
    for element in message.element_strings:
        error = element.gtin_error or element.sscc_error
        if error:
            code = "bad_check_digit" if "check digit" in error else "malformed"
            return BadScan(code, f"({element.ai.ai}) {error}")
        fields[element.ai.ai] = element.date if element.date is not None else element.value
    return _from_fields(fields, data)


def _from_fields(fields: dict[str, object], data: str) -> Scan:
    gtin = str(fields.get("01") or fields.get("02") or "")
    sscc = str(fields.get("00") or "")
    if not gtin:
        if sscc:
            return HandlingUnitScan(sscc)
        return BadScan("malformed", f"GS1 label {printable(data)!r} names neither a product (01/02) nor an SSCC (00)")
    count_text = str(fields.get("37") or fields.get("30") or "1")
    count = int(count_text)
    if count <= 0:
        return BadScan("malformed", f"GS1 label {printable(data)!r} counts {count} units")
    production, expiry = fields.get("11"), fields.get("17")
    return ItemScan(gtin=gtin, count=count, batch=str(fields.get("10") or ""), sscc=sscc,
                    production_date=production if isinstance(production, date) else None,
                    expiry_date=expiry if isinstance(expiry, date) else None)


def element_string(gtin: str, *, batch: str = "", production_date: date | None = None,
                   expiry_date: date | None = None, count: int | None = None, sscc: str = "",
                   separator: str = GS) -> str:
    """The element string a carton label encodes (fixed-length AIs first, GS after each variable one but the last).

    With separator="" and parentheses use `human_readable` instead; this one is what a scanner sends after "]C1".
    """
    fixed = []
    if sscc:
        fixed.append("00" + sscc)
    fixed.append("01" + gtin.zfill(14))
    if production_date:
        fixed.append("11" + production_date.strftime("%y%m%d"))
    if expiry_date:
        fixed.append("17" + expiry_date.strftime("%y%m%d"))
    variable = []
    if batch:
        variable.append("10" + batch)
    if count is not None:
        variable.append("37" + str(count))
    return "".join(fixed) + separator.join(variable)


def human_readable(element: str) -> str:
    """"(01)09300000010377(10)A2P43432" from an element string with GS separators (for printed labels)."""
    result = biip.parse("]C1" + element)
    if result.gs1_message is None:
        raise ValueError(f"not a GS1 element string: {printable(element)!r}")
    return "".join(f"({e.ai.ai}){e.value}" for e in result.gs1_message.element_strings)


def contents_data(gtin: str, count: int, *, batch: str = "", expiry_date: date | None = None) -> str:
    """What a pallet label's contents barcode holds, as label printing takes GS1 data: "(02)…(17)…(37)…(10)…"."""
    expiry = f"(17){expiry_date:%y%m%d}" if expiry_date else ""
    return f"(02){gtin.zfill(14)}{expiry}(37){count}" + (f"(10){batch}" if batch else "")


def sscc_data(sscc: str) -> str:
    return f"(00){sscc}"


def location_barcode(code: str) -> str:
    """What a location label encodes."""
    return LOCATION_PREFIX + code


def command_barcode(command: Command) -> str:
    return COMMAND_PREFIX + command.value


def make_sscc(company_prefix: str, serial: int, extension: int = 0) -> str:
    """An 18-digit SSCC: extension digit + GS1 company prefix + serial reference + check digit."""
    width = 16 - len(company_prefix)
    if not company_prefix.isdigit() or not 6 <= len(company_prefix) <= 12:
        raise ValueError(f"GS1 company prefix must be 6 to 12 digits, got {company_prefix!r}")
    if not 0 <= serial < 10**width or not 0 <= extension <= 9:
        raise ValueError(f"serial {serial} does not fit the {width} digits after prefix {company_prefix}")
    body = f"{extension}{company_prefix}{serial:0{width}d}"
    return body + str(gs1_check_digit(body))
