"""The customs XML messages this warehouse sends: CEB621 inventory list and CEB623 cancellation request.

Built from plain values (the warehouse identity, the order with its buyer data in clear, the lines with
their filing); namespace http://www.chinaport.gov.cn/ceb, field order as in DOMAIN.md §2.5.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr
from zoneinfo import ZoneInfo

from app.errors import Rejected

NS = "http://www.chinaport.gov.cn/ceb"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CNY = "142"           # customs currency code of the renminbi
BONDED_IMPORT = "1210"

# ISO 3166 alpha-2 → customs country code (JGS-20 style numeric table); confirm against the current table
CUSTOMS_COUNTRY = {
    "AF": "101", "BD": "103", "HK": "110", "IN": "111", "ID": "112", "IL": "115", "JP": "116", "MO": "121",
    "MY": "122", "PK": "127", "PH": "129", "SG": "132", "KR": "133", "LK": "134", "TH": "136", "TR": "137",
    "AE": "138", "VN": "141", "CN": "142", "TW": "143", "BE": "301", "DK": "302", "GB": "303", "DE": "304",
    "FR": "305", "IE": "306", "IT": "307", "LU": "308", "NL": "309", "GR": "310", "PT": "311", "ES": "312",
    "AT": "315", "FI": "318", "HU": "321", "IS": "322", "NO": "326", "PL": "327", "SE": "330", "CH": "331",
    "RU": "344", "CZ": "352", "AR": "402", "BR": "410", "CL": "412", "MX": "429", "CA": "501", "US": "502",
    "AU": "601", "NZ": "609", "ZA": "244",
}


# The reason of a cancellation request (CEB623 reason) from a code list, written in Chinese as customs reads it
CANCEL_REASONS = {
    "1": "消费者取消订单",    # the consumer cancelled the order
    "2": "商品缺货",          # goods out of stock
    "3": "申报信息有误",      # the declaration's data is wrong
    "4": "商品破损",          # goods damaged
    "5": "重复申报",          # declared twice
    "9": "其他原因",          # another reason
}


@dataclass(frozen=True)
class Identity:
    """The warehouse as customs knows it (from app.persistence.models.Warehouse)."""

    account_book: str
    area_code: str
    area_name: str
    customs_code: str
    port_code: str
    agent_code: str
    agent_name: str
    zone: ZoneInfo
    dxp_id: str = ""       # BaseTransfer/dxpId: the sending enterprise's data-exchange node (setting dxp_id)
    assure_code: str = ""  # the guarantee enterprise (setting assure_code); "" = each list's e-commerce enterprise
    traf_mode: str = "4"   # settings traf_mode, wrap_type
    wrap_type: str = "2"


@dataclass(frozen=True)
class ListLine:
    gnum: int
    item_record_no: str
    sku: str
    name: str            # itemName: the product's name on the platform
    hs_code: str
    gname: str           # the goods' name as filed in the account book
    model: str           # gmodel: the declaration elements (规范申报要素) filed for the HS code
    barcode: str
    origin: str
    unit: str
    qty: int
    unit1: str
    factor1: Decimal
    unit2: str | None
    factor2: Decimal | None
    price: Decimal


@dataclass(frozen=True)
class ListHead:
    """One order's declaration head; buyer fields in clear (customs must read them)."""

    guid: str
    app_type: str
    cop_no: str
    pre_no: str
    invt_no: str
    order_no: str
    ebp_code: str
    ebp_name: str
    ebc_code: str
    ebc_name: str
    waybill_no: str
    logistics_code: str  # the carrier's customs registration code and registered name
    logistics_name: str
    buyer_id_number: str
    buyer_name: str
    buyer_phone: str
    consignee_address: str
    freight: Decimal
    insurance: Decimal
    gross_weight: Decimal
    net_weight: Decimal


def plain(value: Decimal | int) -> str:
    """A number as customs files write it: no exponent, no trailing zeros (2.50 → 2.5, 10 → 10)."""
    d = Decimal(value).normalize()
    return format(d, "f")


def consignee_address(province: str, city: str, district: str, address: str) -> str:
    """consigneeAddress as the list writes it: province + city + district + address (CEB621 allows 200)."""
    return "".join([province, city, district, address])


def country_code(origin: str) -> str:
    try:
        return CUSTOMS_COUNTRY[origin]
    except KeyError:
        raise Rejected(f"no customs country code for origin {origin!r}: add it to CUSTOMS_COUNTRY",
                       code="unknown_country", origin=origin) from None


def _text(value: str) -> str:
    return escape(value) if "&" in value or "<" in value or ">" in value else value


def _elements(fields: list[tuple[str, str]], indent: str) -> str:
    return "".join([f"{indent}<ceb:{tag}>{_text(value)}</ceb:{tag}>\n" for tag, value in fields])


def _message(message: str, guid: str, body: str, ident: Identity) -> bytes:
    """The whole file: declaration, root with the ceb namespace, the body, the BaseTransfer block."""
    base = _elements([("copCode", ident.agent_code), ("copName", ident.agent_name), ("dxpMode", "DXP"),
                      ("dxpId", ident.dxp_id), ("note", "")], "    ")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<ceb:{message} guid={quoteattr(guid)} version="1.0" '
            f'xmlns:ceb="{NS}" xmlns:xsi="{XSI}">\n{body}  <ceb:BaseTransfer>\n{base}  </ceb:BaseTransfer>\n'
            f"</ceb:{message}>\n").encode()


def ceb621(ident: Identity, head: ListHead, lines: list[ListLine], at: datetime) -> bytes:
    """The inventory list of one order (bonded import 1210), as the bytes of the XML file."""
    local = at.astimezone(ident.zone)
    fields = [
        ("guid", head.guid), ("appType", head.app_type), ("appTime", local.strftime("%Y%m%d%H%M%S")),
        ("appStatus", "2"), ("orderNo", head.order_no), ("ebpCode", head.ebp_code), ("ebpName", head.ebp_name),
        ("ebcCode", head.ebc_code), ("ebcName", head.ebc_name), ("logisticsNo", head.waybill_no),
        ("logisticsCode", head.logistics_code), ("logisticsName", head.logistics_name),
        ("copNo", head.cop_no), ("preNo", head.pre_no), ("assureCode", ident.assure_code or head.ebc_code),
        ("emsNo", ident.account_book), ("invtNo", head.invt_no), ("ieFlag", "I"),
        ("declTime", local.strftime("%Y%m%d")), ("customsCode", ident.customs_code), ("portCode", ident.port_code),
        ("ieDate", local.strftime("%Y%m%d")), ("buyerIdType", "1"), ("buyerIdNumber", head.buyer_id_number),
        ("buyerName", head.buyer_name), ("buyerTelephone", head.buyer_phone),
        ("consigneeAddress", head.consignee_address), ("agentCode", ident.agent_code),
        ("agentName", ident.agent_name), ("areaCode", ident.area_code), ("areaName", ident.area_name),
        ("tradeMode", BONDED_IMPORT), ("trafMode", ident.traf_mode), ("trafNo", ""), ("voyageNo", ""),
        ("billNo", ""), ("loctNo", ""), ("licenseNo", ""), ("country", CNY), ("freight", plain(head.freight)),
        ("insuredFee", plain(head.insurance)), ("currency", CNY), ("wrapType", ident.wrap_type), ("packNo", "1"),
        ("grossWeight", plain(head.gross_weight)), ("netWeight", plain(head.net_weight)), ("note", ""),
    ]
    body = ["  <ceb:Inventory>\n    <ceb:InventoryHead>\n", _elements(fields, "      "), "    </ceb:InventoryHead>\n"]
    for line in lines:
        body += ["    <ceb:InventoryList>\n", _elements(_line_fields(line), "      "), "    </ceb:InventoryList>\n"]
    body.append("  </ceb:Inventory>\n")
    return _message("CEB621Message", head.guid, "".join(body), ident)


def _line_fields(line: ListLine) -> list[tuple[str, str]]:
    fields = [
        ("gnum", str(line.gnum)), ("itemRecordNo", line.item_record_no), ("itemNo", line.sku),
        ("itemName", line.name), ("gcode", line.hs_code), ("gname", line.gname), ("gmodel", line.model),
        ("barCode", line.barcode), ("country", country_code(line.origin)), ("currency", CNY),
        ("qty", str(line.qty)), ("unit", line.unit), ("qty1", plain(line.factor1 * line.qty)), ("unit1", line.unit1),
    ]
    if line.unit2 and line.factor2 is not None:
        fields += [("qty2", plain(line.factor2 * line.qty)), ("unit2", line.unit2)]
    fields += [("price", plain(line.price)), ("totalPrice", plain(line.price * line.qty)), ("note", "")]
    return fields


def _request_head(ident: Identity, head: ListHead, cop_no: str, reason: str, guid: str,
                  at: datetime) -> list[tuple[str, str]]:
    """The fields, in schema order, that a request about a numbered list (CEB623 cancellation, CEB625 return)
    sends: copNo is the request's own number (the list's for a cancellation, the return's for a return)."""
    local = at.astimezone(ident.zone)
    return [
        ("guid", guid), ("appType", "1"), ("appTime", local.strftime("%Y%m%d%H%M%S")), ("appStatus", "2"),
        ("customsCode", ident.customs_code), ("orderNo", head.order_no), ("ebpCode", head.ebp_code),
        ("ebpName", head.ebp_name), ("ebcCode", head.ebc_code), ("ebcName", head.ebc_name),
        ("logisticsNo", head.waybill_no), ("logisticsCode", head.logistics_code),
        ("logisticsName", head.logistics_name), ("copNo", cop_no), ("preNo", head.pre_no),
        ("invtNo", head.invt_no), ("buyerIdType", "1"),
        ("buyerIdNumber", head.buyer_id_number), ("buyerName", head.buyer_name),
        ("buyerTelephone", head.buyer_phone), ("agentCode", ident.agent_code), ("agentName", ident.agent_name),
        ("reason", reason), ("note", ""),
    ]


def ceb623(ident: Identity, head: ListHead, reason: str, guid: str, at: datetime) -> bytes:
    """The cancellation request (撤销申请单) of a list customs has numbered (invtNo), fields in schema order."""
    fields = _request_head(ident, head, head.cop_no, reason, guid, at)
    body = "  <ceb:InvtCancel>\n" + _elements(fields, "    ") + "  </ceb:InvtCancel>\n"
    return _message("CEB623Message", guid, body, ident)


@dataclass(frozen=True)
class RefundLine:
    """One returned line of a CEB625: the list's gnum, HS code, name, quantity and unit."""

    gnum: int
    hs_code: str
    name: str
    qty: int
    unit: str


def ceb625(ident: Identity, head: ListHead, return_no: str, reason: str, lines: list[RefundLine], guid: str,
           at: datetime) -> bytes:
    """The return request (退货申请单) of a released, shipped inventory list: copNo is the return's own number,
    preNo and invtNo the list's; one InvtRefundList per returned line."""
    fields = _request_head(ident, head, return_no, reason, guid, at)
    body = ["  <ceb:InvtRefund>\n    <ceb:InvtRefundHead>\n", _elements(fields, "      "),
            "    </ceb:InvtRefundHead>\n"]
    for line in lines:
        body += ["    <ceb:InvtRefundList>\n", _elements([
            ("gnum", str(line.gnum)), ("gcode", line.hs_code), ("gname", line.name), ("qty", str(line.qty)),
            ("unit", line.unit), ("note", "")], "      "), "    </ceb:InvtRefundList>\n"]
    body.append("  </ceb:InvtRefund>\n")
    return _message("CEB625Message", guid, "".join(body), ident)
