"""Reading customs receipts: CEB622 (inventory list), CEB624 (cancellation), CEB626 (return) XML, and the CSVs.

XML is parsed with defusedxml: a DTD with entities (billion laughs) or an external entity is refused with
a clear reason (a ReceiptFileProblem's form and values), never expanded or fetched. CSV columns:
order_no,status,time,info for lists (optionally a fifth column invt_no: the number customs gave the list, as a
CEB622 carries it), or return_no,status,time,info for returns (UTF-8 or GB18030).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError
from zoneinfo import ZoneInfo

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from app.errors import NotFound
from app.formats.tabular import decoded
from app.formats.text import printable

CSV_COLUMNS = ["order_no", "status", "time", "info"]
NUMBERED_CSV_COLUMNS = [*CSV_COLUMNS, "invt_no"]
_INVT_NO = re.compile(r"[0-9A-Za-z]{1,18}")  # customs' list number (CEB622 invtNo, 18 characters)
RETURN_CSV_COLUMNS = ["return_no", "status", "time", "info"]
CHECKLIST_CSV_COLUMNS = ["checklist_no", "status", "time", "info"]  # posting receipts of exit checklists (INV101)
_COMPACT_TIME = re.compile(r"(\d{14})(\d{0,3})")
_DECLARED_ENCODING = re.compile(rb"""(?:\xef\xbb\xbf)?\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w.-]{1,40})["']""")
MAX_RECEIPT_BYTES = 8 * 2**20  # one receipt file is a few kB; a CSV of receipts a few MB
class ReceiptFileProblem(Exception):
    """The whole file is unusable (malformed, hostile, wrong layout); nothing of it is applied. Its `form` and
    `values` say why: app.domain.vocabulary.receipt_problem words them in English or Chinese (a file format names
    no sentence)."""

    def __init__(self, form: str, **values: Any) -> None:
        self.form, self.values = form, values
        super().__init__(form, values)

    @property
    def params(self) -> dict[str, Any]:
        """The problem as the archive keeps it: {"form": …, values …}."""
        return {"form": self.form, **self.values}


@dataclass(frozen=True)
class ReceiptIn:
    """One answer from customs, keyed by the list's copNo (XML) or the order number (CSV)."""

    kind: str          # CEB622 | CEB624 | CEB900 | CSV | CEB626 (a return's answer, XML or CSV: cop_no is the
    #                    return_no) | INV101 (an exit checklist's posting receipt: cop_no is the checklist_no)
    cop_no: str
    order_no: str
    pre_no: str
    invt_no: str
    status: str
    return_at: datetime
    info: str
    guids: tuple[str, ...] = ()  # CEB900: the guids it carries, one of them our message's

    def fingerprint(self, cop_no: str = "") -> str:
        """Equal for the same answer about the same list, whether it came as XML or as a CSV row."""
        kind = self.kind if self.kind in ("CEB624", "CEB626", "CEB900", "INV101") else "LIST"
        key = "|".join([kind, cop_no or self.cop_no or "#" + self.order_no, *self.guids, self.status,
                        self.return_at.isoformat()])
        return hashlib.sha256(key.encode()).hexdigest()


def receipt_files(path: Path) -> list[Path]:
    """The receipt files at `path`: the file itself, or a folder's *.xml and *.csv (not hidden, not partial)."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise NotFound(f"{path}: no such file or folder", path=str(path))
    return sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
                  and p.suffix.lower() in (".xml", ".csv"))


def parse_time(text: str, zone: ZoneInfo) -> datetime:
    """returnTime as customs writes it (YYYYMMDDhhmmss[fff], the zone's local time) or ISO 8601 → UTC."""
    text = text.strip()
    compact = _COMPACT_TIME.fullmatch(text)
    try:
        if compact:
            moment = datetime.strptime(compact.group(1), "%Y%m%d%H%M%S")
            moment = moment.replace(microsecond=int(compact.group(2).ljust(3, "0")) * 1000)
        else:
            moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ReceiptFileProblem("bad_values.time", value=repr(text)) from exc
    if not 2000 <= moment.year <= 2099:
        raise ReceiptFileProblem("bad_values.year", value=repr(text))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


def parse_file(name: str, data: bytes, zone: ZoneInfo) -> tuple[str, list[ReceiptIn]]:
    """(message type, receipts) of one file, or ReceiptFileProblem saying why it is refused."""
    if name.lower().endswith(".csv"):
        return "CSV", _csv_receipts(name, data, zone)
    return _xml_receipts(data, zone)


def _xml_receipts(data: bytes, zone: ZoneInfo) -> tuple[str, list[ReceiptIn]]:
    declared = _DECLARED_ENCODING.match(data)
    if declared and declared.group(1).decode("ascii", "replace").lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise ReceiptFileProblem("unsafe_xml.encoding", encoding=repr(declared.group(1).decode("ascii", "replace")))
    try:
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden as exc:
        if exc.sysid or exc.pubid:
            raise ReceiptFileProblem("unsafe_xml.external_entity") from exc
        raise ReceiptFileProblem("unsafe_xml.entities") from exc
    except ExternalReferenceForbidden as exc:
        raise ReceiptFileProblem("unsafe_xml.external_reference") from exc
    except (DTDForbidden, DefusedXmlException) as exc:
        raise ReceiptFileProblem("unsafe_xml.other", error=type(exc).__name__) from exc
    except ParseError as exc:
        line, column = exc.position
        raise ReceiptFileProblem("not_xml", error=str(exc), line=line, column=column) from exc
    except (ValueError, UnicodeError, RecursionError) as exc:
        raise ReceiptFileProblem("not_xml.unreadable", error=str(exc)) from exc
    kind = _local(root.tag).replace("Message", "")
    element = {"CEB622": "InventoryReturn", "CEB624": "InvtCancelReturn", "CEB626": "InvtRefundReturn",
               "CEB900": "MessageReturn"}.get(kind)
    if element is None:
        raise ReceiptFileProblem("not_receipt", root=repr(_local(root.tag)))
    found = [e for e in root.iter() if _local(e.tag) == element]
    if not found:
        raise ReceiptFileProblem("bad_values.no_element", message=kind, element=element)
    if kind == "CEB900":
        return kind, [_format_error(e, root.get("guid", ""), zone) for e in found]
    return kind, [_xml_receipt(kind, e, zone) for e in found]


def _format_error(element: Element, root_guid: str, zone: ZoneInfo) -> ReceiptIn:
    """A CEB900 (the e-port's format-check error): which of our messages it names, when, and its text."""
    values = {_local(child.tag): (child.text or "").strip() for child in element}
    guids = tuple(dict.fromkeys(g.upper()[:36] for g in (values.get("guid", ""), values.get("oriCopMsgId", ""),
                                                          root_guid) if g))
    if not guids:
        raise ReceiptFileProblem("bad_values.no_guid")
    if not values.get("returnTime"):
        raise ReceiptFileProblem("bad_values.missing", message="CEB900", element="returnTime")
    status = values.get("returnStatus", "") or "900"
    return ReceiptIn("CEB900", "", "", "", "", status[:4], parse_time(values["returnTime"], zone),
                     values.get("returnInfo", "")[:400], guids)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml_receipt(kind: str, element: Element, zone: ZoneInfo) -> ReceiptIn:
    values = {_local(child.tag): (child.text or "").strip() for child in element}
    for required in ("copNo", "returnStatus", "returnTime"):
        if not values.get(required):
            raise ReceiptFileProblem("bad_values.missing", message=kind, element=required)
    if not values["returnStatus"].isdigit() or len(values["returnStatus"]) > 4:
        raise ReceiptFileProblem("bad_values.status", value=repr(values["returnStatus"]))
    return ReceiptIn(kind, values["copNo"][:30], "", values.get("preNo", "")[:30], values.get("invtNo", "")[:30],
                     values["returnStatus"], parse_time(values["returnTime"], zone),
                     printable(values.get("returnInfo", ""))[:400])


def _csv_receipts(name: str, data: bytes, zone: ZoneInfo) -> list[ReceiptIn]:
    text = decoded(data)
    if isinstance(text, tuple):  # (line, bad byte)
        raise ReceiptFileProblem("bad_csv.encoding", file=name, line=text[0], byte=f"{text[1]:02X}")
    try:
        rows = [(n, r) for n, r in enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
                if any(cell.strip() for cell in r)]
    except csv.Error as exc:
        raise ReceiptFileProblem("bad_csv.not_csv", error=str(exc)) from exc
    header = [c.strip().lower() for c in rows[0][1]] if rows else []
    if header not in (CSV_COLUMNS, NUMBERED_CSV_COLUMNS, RETURN_CSV_COLUMNS, CHECKLIST_CSV_COLUMNS):
        raise ReceiptFileProblem("bad_csv.header", lists=",".join(CSV_COLUMNS), returns=",".join(RETURN_CSV_COLUMNS),
                                 checklists=",".join(CHECKLIST_CSV_COLUMNS))
    returns, checklists = header == RETURN_CSV_COLUMNS, header == CHECKLIST_CSV_COLUMNS
    out = []
    for number, row in rows[1:]:
        if len(row) != len(header) or not row[0].strip() or not row[1].strip().isdigit():
            raise ReceiptFileProblem("bad_csv.row", line=number, header=",".join(header))
        invt_no = row[4].strip() if len(header) == 5 else ""
        if invt_no and not _INVT_NO.fullmatch(invt_no):
            raise ReceiptFileProblem("bad_csv.invt_no", line=number, value=repr(invt_no[:40]))
        try:
            at = parse_time(row[2], zone)
        except ReceiptFileProblem as exc:  # bad_values.time → bad_csv.time: the same problem, on a line of a CSV
            raise ReceiptFileProblem("bad_csv." + exc.form.split(".", 1)[1], line=number, **exc.values) from exc
        if checklists:
            out.append(ReceiptIn("INV101", row[0].strip()[:30], "", "", "", row[1].strip()[:4], at,
                                 printable(row[3].strip())[:400]))
        elif returns:
            out.append(ReceiptIn("CEB626", row[0].strip()[:30], "", "", "", row[1].strip()[:4], at,
                                 printable(row[3].strip())[:400]))
        else:
            out.append(ReceiptIn("CSV", "", row[0].strip()[:60], "", invt_no, row[1].strip()[:4], at,
                                 printable(row[3].strip())[:400]))
    return out
