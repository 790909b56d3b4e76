"""The special-area (金二) messages this warehouse writes: the exit checklist (INV101, 核注清单) and the gate pass
(SAS121, 核放单). Plain values in, UTF-8 XML bytes out; namespace http://www.chinaport.gov.cn/sas, fields in the
order of resources/schemas/INV101.xsd and SAS121.xsd (DOMAIN.md §2.7, §2.8)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from app.formats.customs.messages import plain

NS = "http://www.chinaport.gov.cn/sas"
BONDED_IMPORT = "1210"


@dataclass(frozen=True)
class Enterprise:
    """The warehouse as the special-area system knows it."""

    account_book: str
    area_code: str
    area_name: str
    agent_code: str
    agent_name: str
    customs_code: str
    port_code: str


@dataclass(frozen=True)
class ChecklistLine:
    seq: int
    item_no: str
    hs_code: str
    name: str
    unit: str
    quantity: int
    list_nos: Sequence[str]


def _elements(fields: Sequence[tuple[str, str]], indent: str) -> str:
    return "".join(f"{indent}<sas:{tag}>{escape(value)}</sas:{tag}>\n" for tag, value in fields)


def _message(root: str, guid: str, body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sas:{root} guid={quoteattr(guid)} version="1.0" '
            f'xmlns:sas="{NS}">\n{body}</sas:{root}>\n').encode()


def inv101(ent: Enterprise, checklist_no: str, guid: str, made: date, remark: str,
           lines: Sequence[ChecklistLine], list_count: int) -> bytes:
    """The exit checklist: list type 8 (bonded e-commerce), E exit, one InvtList per account-book item."""
    head = _elements([
        ("EtpsInnerInvtNo", checklist_no), ("PutrecNo", ent.account_book), ("BizopEtpsno", ent.area_code),
        ("BizopEtpsNm", ent.area_name), ("DclEtpsno", ent.agent_code), ("DclEtpsNm", ent.agent_name),
        ("ImpexpMarkcd", "E"), ("MtpckEndprdMarkcd", "I"), ("SupvModecd", BONDED_IMPORT), ("DclcusFlag", "2"),
        ("DclTypecd", "1"), ("InvtType", "8"), ("ImpexpPortcd", ent.port_code), ("DclPlcCuscd", ent.customs_code),
        ("InputTime", f"{made:%Y%m%d}"), ("RltInvtCount", str(list_count)), ("Rmk", remark[:255]),
    ], "    ")
    body = f"  <sas:InvtHead>\n{head}  </sas:InvtHead>\n"
    for line in lines:
        fields = [("GdsSeqno", str(line.seq)), ("GdsMtno", line.item_no), ("Gdecd", line.hs_code),
                  ("GdsNm", line.name), ("DclUnitcd", line.unit), ("DclQty", plain(Decimal(line.quantity)))]
        fields += [("RltInvtNo", no) for no in line.list_nos]
        body += f"  <sas:InvtList>\n{_elements(fields, '    ')}  </sas:InvtList>\n"
    return _message("INV101Message", guid, body)


@dataclass(frozen=True)
class PassLine:
    seq: int
    item_no: str
    hs_code: str
    name: str
    unit: str
    quantity: int
    gross_kg: Decimal
    net_kg: Decimal


@dataclass(frozen=True)
class Vehicle:
    """One vehicle at the gate: plate, IC card ('' none), tare and gross from the weighbridge (None: not weighed)."""

    plate: str
    ic_card: str
    tare_kg: Decimal | None
    gross_kg: Decimal | None


def _kg(value: Decimal) -> str:
    return plain(value.quantize(Decimal("0.001")))


def sas121(ent: Enterprise, pass_no: str, guid: str, vehicle: Vehicle, goods_gross: Decimal, goods_net: Decimal,
           lines: Sequence[PassLine], lists: Sequence[str], checklists: Sequence[str] = (), remark: str = "") -> bytes:
    """The exit gate pass of one vehicle: type 3 (second line), its goods by item, the documents it binds."""
    head: list[tuple[str, str]] = [
        ("EtpsPreentNo", pass_no), ("DclTypecd", "1"), ("IoTypecd", "E"), ("PassportTypecd", "3"),
        ("BindTypecd", "2" if len(lists) + len(checklists) == 1 else "1"), ("MasterCuscd", ent.customs_code),
        ("AreainOriactNo", ent.account_book), ("AreainEtpsno", ent.area_code), ("AreainEtpsNm", ent.area_name),
        ("DclEtpsno", ent.agent_code), ("DclEtpsNm", ent.agent_name), ("VehicleNo", vehicle.plate),
        ("VehicleIcNo", vehicle.ic_card)]
    if vehicle.tare_kg is not None:
        head.append(("VehicleWt", _kg(vehicle.tare_kg)))
    head += [("TotalGrossWt", _kg(goods_gross)), ("TotalNetWt", _kg(goods_net))]
    if vehicle.gross_kg is not None:
        head.append(("TotalWt", _kg(vehicle.gross_kg)))
    head.append(("Rmk", remark[:255]))
    body = f"  <sas:PassportHead>\n{_elements(head, '    ')}  </sas:PassportHead>\n"
    for line in lines:
        fields = [("PassportSeqNo", str(line.seq)), ("GdsMtno", line.item_no), ("Gdecd", line.hs_code),
                  ("GdsNm", line.name), ("DclUnitcd", line.unit), ("DclQty", plain(Decimal(line.quantity))),
                  ("GrossWt", _kg(line.gross_kg)), ("NetWt", _kg(line.net_kg))]
        body += f"  <sas:PassportList>\n{_elements(fields, '    ')}  </sas:PassportList>\n"
    for kind, numbers in (("1", checklists), ("2", lists)):
        for no in numbers:
            body += f"  <sas:PassportAcmp>\n{_elements([('RtlBillTypecd', kind), ('RtlBillNo', no)], '    ')}" \
                    "  </sas:PassportAcmp>\n"
    return _message("SAS121Message", guid, body)
