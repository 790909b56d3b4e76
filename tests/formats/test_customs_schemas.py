"""The schema check of our own customs messages: resources/schemas/<type>.xsd, every break named with its rule."""

from __future__ import annotations

import pytest

from app.errors import Rejected
from app.formats.customs.schemas import SchemaViolation, schemas_dir, validate

HEAD = {
    "guid": "1F24DF03-05EB-8165-6118-446184B7D15B", "appType": "1", "appTime": "20261202101500", "appStatus": "2",
    "orderNo": "TG20261121000000", "ebpCode": "3301964J31", "ebpName": "示例国际", "ebcCode": "3301960J22",
    "ebcName": "示例海外旗舰店", "logisticsNo": "75133211976259", "logisticsCode": "3122480063",
    "logisticsName": "中通快递股份有限公司", "copNo": "BWI000000000001", "preNo": "", "assureCode": "3301960J22",
    "emsNo": "T2921W000123", "invtNo": "", "ieFlag": "I", "declTime": "20261202", "customsCode": "2921",
    "portCode": "2921", "ieDate": "20261202", "buyerIdType": "1", "buyerIdNumber": "330106199408148190",
    "buyerName": "李娜", "buyerTelephone": "15821605483", "consigneeAddress": "浙江省杭州市余杭区文一西路534号",
    "agentCode": "3301960A01", "agentName": "杭州示例保税物流有限公司", "areaCode": "3301960A01",
    "areaName": "杭州示例保税物流有限公司", "tradeMode": "1210", "trafMode": "4", "trafNo": "", "voyageNo": "",
    "billNo": "", "loctNo": "", "licenseNo": "", "country": "142", "freight": "15", "insuredFee": "0",
    "currency": "142", "wrapType": "2", "packNo": "1", "grossWeight": "0.75", "netWeight": "0.5", "note": "",
}
LINE = {
    "gnum": "1", "itemRecordNo": "GDS0005", "itemNo": "MGO-263", "itemName": "麦卢卡蜂蜜 500克", "gcode": "0409000000",
    "gname": "麦卢卡蜂蜜", "gmodel": "4|3|天然蜂蜜|500克/瓶|Manuka Health", "barCode": "9400000011852", "country": "609",
    "currency": "142", "qty": "1", "unit": "142", "qty1": "0.5", "unit1": "035", "price": "269", "totalPrice": "269",
    "note": "",
}
BASE = {"copCode": "3301960A01", "copName": "杭州示例保税物流有限公司", "dxpMode": "DXP", "dxpId": "DXPENT0000458763",
        "note": ""}


def _block(tag: str, fields: dict[str, str]) -> str:
    return f"<ceb:{tag}>" + "".join(f"<ceb:{k}>{v}</ceb:{k}>" for k, v in fields.items()) + f"</ceb:{tag}>"


def ceb621(head=HEAD, lines=(LINE,), base=BASE) -> bytes:
    body = _block("InventoryHead", head) + "".join(_block("InventoryList", line) for line in lines)
    return (f'<?xml version="1.0" encoding="UTF-8"?><ceb:CEB621Message guid="{HEAD["guid"]}" version="1.0" '
            f'xmlns:ceb="http://www.chinaport.gov.cn/ceb"><ceb:Inventory>{body}</ceb:Inventory>'
            f'{_block("BaseTransfer", base)}</ceb:CEB621Message>').encode()


def test_a_list_within_every_rule_passes():
    validate("CEB621", ceb621())
    second = {k: v for k, v in LINE.items() if k not in ("price", "totalPrice", "note")}
    validate("CEB621", ceb621(lines=[LINE, {**second, "gnum": "2", "qty2": "1", "unit2": "142", "price": "0",
                                            "totalPrice": "0", "note": "赠品"}]))


@pytest.mark.parametrize(("change", "element", "rule"), [
    ({"consigneeAddress": "浙" * 201}, "Inventory/InventoryHead/consigneeAddress", "maxLength 200"),
    ({"logisticsCode": "ZTO"}, "Inventory/InventoryHead/logisticsCode", "pattern [0-9A-Z]{10}"),
    ({"appTime": "2026-12-02"}, "Inventory/InventoryHead/appTime", "pattern \\d{14}"),
    ({"currency": "502"}, "Inventory/InventoryHead/currency", "enumeration 142"),
    ({"packNo": "2"}, "Inventory/InventoryHead/packNo", "maxInclusive 1"),
    ({"freight": "1.123456"}, "Inventory/InventoryHead/freight", "fractionDigits 5"),
    ({"trafNo": "X1"}, "Inventory/InventoryHead/trafNo", "maxLength 0"),
])
def test_each_head_rule_is_named(change, element, rule):
    with pytest.raises(SchemaViolation) as info:
        validate("CEB621", ceb621(head={**HEAD, **change}))
    assert (info.value.params["element"], info.value.params["rule"]) == (element, rule)
    assert info.value.code == "schema_invalid" and element in info.value.message and "CEB621.xsd" in info.value.message


def test_line_rules_name_the_line_and_every_break_is_listed():
    bad = {**LINE, "gnum": "2", "itemNo": "S" * 31, "gmodel": ""}
    with pytest.raises(SchemaViolation) as info:
        validate("CEB621", ceb621(lines=[LINE, bad], base={**BASE, "dxpId": ""}))
    found = [(p["element"], p["rule"]) for p in info.value.params["problems"]]
    assert found == [("Inventory/InventoryList[2]/itemNo", "maxLength 30"),
                     ("Inventory/InventoryList[2]/gmodel", "minLength 1"),
                     ("BaseTransfer/dxpId", "pattern DXP[0-9A-Z]{13}")]
    assert "'SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS' (31 characters)" in info.value.message


def test_missing_and_misordered_elements_break_the_content_model():
    head = {k: v for k, v in HEAD.items() if k != "logisticsName"}
    with pytest.raises(SchemaViolation) as info:
        validate("CEB621", ceb621(head=head))
    assert info.value.params["element"] == "Inventory/InventoryHead" and info.value.params["rule"] == "content"
    assert "logisticsName" in info.value.message


def test_not_xml_and_unknown_types_are_refused_clearly():
    with pytest.raises(SchemaViolation, match="not XML"):
        validate("CEB621", b"<ceb:CEB621Message")
    with pytest.raises(SchemaViolation, match="root element"):
        validate("CEB621", b"<CEB999Message/>")
    with pytest.raises(Rejected, match="no schema for CEB999"):
        validate("CEB999", b"<a/>")
    with pytest.raises(Rejected, match="not a message type"):
        validate("../CEB621", b"<a/>")


def test_one_schema_per_message_type_sits_in_resources_schemas():
    names = {p.stem for p in schemas_dir().glob("*.xsd")}
    assert {"CEB621", "CEB623", "ceb_types"} <= names


CANCEL = {
    "guid": "2B91DA66-77A7-409D-AC5C-982B441E5585", "appType": "1", "appTime": "20261202101500", "appStatus": "2",
    "customsCode": "2921", "orderNo": "TG20261121000000", "ebpCode": "3301964J31", "ebpName": "示例国际",
    "ebcCode": "3301960J22", "ebcName": "示例海外旗舰店", "logisticsNo": "75133211976259",
    "logisticsCode": "3122480063", "logisticsName": "中通快递股份有限公司", "copNo": "BWI000000000001",
    "preNo": "B2026112100000001", "invtNo": "29212026I000000001", "buyerIdType": "1",
    "buyerIdNumber": "330106199408148190", "buyerName": "李娜", "buyerTelephone": "15821605483",
    "agentCode": "3301960A01", "agentName": "杭州示例保税物流有限公司", "reason": "消费者取消订单", "note": "",
}


def ceb623(fields=CANCEL) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><ceb:CEB623Message guid="{CANCEL["guid"]}" version="1.0" '
            f'xmlns:ceb="http://www.chinaport.gov.cn/ceb">{_block("InvtCancel", fields)}'
            f'{_block("BaseTransfer", BASE)}</ceb:CEB623Message>').encode()


def test_cancellation_needs_the_carrier_name_and_the_customs_list_number():
    validate("CEB623", ceb623())
    with pytest.raises(SchemaViolation, match="logisticsName"):
        validate("CEB623", ceb623({k: v for k, v in CANCEL.items() if k != "logisticsName"}))
    with pytest.raises(SchemaViolation) as info:
        validate("CEB623", ceb623({**CANCEL, "invtNo": ""}))
    assert (info.value.params["element"], info.value.params["rule"]) == ("InvtCancel/invtNo", "pattern [0-9A-Z]{1,18}")


BAD_VALUES = ("", " ", "x" * 1001, "-1", "0", "1.123456", "9" * 20, "ABCDEFGHIJ", "中", "DXPENT00004587630")


def _mutations(xml: bytes):
    """Every leaf given each bad value, every element left out, every element doubled."""
    import copy
    import xml.etree.ElementTree as ET

    root = ET.fromstring(xml)
    order = list(root.iter())
    parents = [(p, i) for p in order for i in range(len(p))]
    for parent, i in parents:
        child = parent[i]
        if len(child) == 0:
            for value in BAD_VALUES:
                tree = copy.deepcopy(root)
                list(tree.iter())[order.index(parent)][i].text = value
                yield ET.tostring(tree)
        for how in ("drop", "double"):
            tree = copy.deepcopy(root)
            twin = list(tree.iter())[order.index(parent)]
            if how == "drop":
                twin.remove(twin[i])
            else:
                twin.insert(i, copy.deepcopy(twin[i]))
            yield ET.tostring(tree)


@pytest.mark.parametrize(("message_type", "xml"), [("CEB621", ceb621()), ("CEB623", ceb623())])
def test_the_compiled_checks_never_pass_what_xmlschema_refuses(message_type, xml):
    from xml.etree.ElementTree import fromstring

    from app.formats.customs.schemas import compiled, schema

    fast, full = compiled(message_type), schema(message_type)
    assert fast is not None and fast.accepts(fromstring(xml))
    refused = 0
    for mutated in _mutations(xml):
        root = fromstring(mutated)
        if fast.accepts(root):
            assert full.is_valid(root), mutated
        else:
            refused += 1
    assert refused > 200  # the mutations do break rules, and the compiled checks see them
