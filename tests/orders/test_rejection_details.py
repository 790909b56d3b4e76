"""Every order rejection's detail reads in English and Chinese from its params (app.domain.vocabulary.REJECTION_DETAILS).

Two ways round, so that neither a new check nor a changed sentence slips by:
- every place in app/ that refuses an order (each `RecordProblem(…)` / `Violation(…)` call) names a form with both
  templates, and the values it passes are exactly the template's placeholders (read from the source);
- the checks driven for real — the sample bad orders (resources/demo/orders_invalid.jsonl, the same as the shared
  samples), crafted bad records and files through `import_orders`, the rules called alone — give params whose
  English template renders the very reason the check wrote, and whose Chinese template takes the same values.
Rejections keep their params in the database (order_rejection.params); the CLI's JSON keeps its keys.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select, update

from app.domain import customs_rules as rules
from app.domain import vocabulary
from app.domain.customs_rules import REJECTION_CODES, MessageField, Policy
from app.formats.order_table import COLUMNS
from app.orders.importing import import_orders
from app.persistence.models import Carrier, OrderRejection, PositiveListLine
from app.persistence.uow import UnitOfWork
from tests.conftest import DEMO, actor
from tests.domain.test_vocabulary import _calls, _literal
from tests.orders.helpers import order_record, run, valid_id
from tests.orders.test_import_rules import _csv_rows

SUB = ":"  # "form:param": the template of each item of a list param
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _placeholders(form: str) -> set[str]:
    en, zh = vocabulary.REJECTION_DETAILS[form]
    assert vocabulary.template_fields(en) == vocabulary.template_fields(zh), form
    return vocabulary.template_fields(en)


def _check_params(params: dict, reason: str) -> None:
    """Both templates of the params' form take exactly these values; the English one writes the reason."""
    form = params["form"]
    assert form in vocabulary.REJECTION_DETAILS, f"no templates for {form!r} ({reason})"
    values = {k: v for k, v in params.items() if k != "form"}
    assert _placeholders(form) == set(values), (form, sorted(values))
    for key, value in values.items():
        if isinstance(value, list):
            for item in value:
                assert _placeholders(f"{form}{SUB}{key}") == set(item), (form, key)
    assert vocabulary.rejection_detail(params, "en") == reason
    chinese = vocabulary.rejection_detail(params, "zh")
    assert chinese and re.search(r"[\u4e00-\u9fff]", chinese), (form, chinese)


# -- every site in the source -------------------------------------------------------------------------------------
def test_every_refusal_in_the_source_names_a_form_with_both_templates_and_its_placeholders():
    sites = [call for name in ("RecordProblem", "Violation") for call in _calls(name) if call.args]
    assert len(sites) > 40, "the refusals moved: follow them here"
    for call in sites:
        where = ast.unparse(call)[:100]
        code = _literal(call.args[0])
        assert code in REJECTION_CODES, where
        variant = _literal(call.args[2]) if len(call.args) > 2 else ""
        if variant is None:  # worked out at run time (the tax's, a text problem's kind): driven below
            continue
        form = vocabulary.detail_form(code, variant)
        assert form in vocabulary.REJECTION_DETAILS, f"{where}: no templates for {form!r}"
        given = {kw.arg for kw in call.keywords if kw.arg}
        if any(kw.arg is None for kw in call.keywords):  # **values: those named must be placeholders
            assert given <= _placeholders(form), (where, form)
        else:
            assert given == _placeholders(form), (where, form, sorted(given))


def test_every_rejection_code_has_its_templates_and_every_template_both_languages():
    forms = {form.split(SUB)[0].split(".")[0] for form in vocabulary.REJECTION_DETAILS}
    assert set(REJECTION_CODES) <= forms
    assert forms <= set(REJECTION_CODES)
    for form, (en, zh) in vocabulary.REJECTION_DETAILS.items():
        assert en.strip() and re.search(r"[\u4e00-\u9fff]", zh), form
        _placeholders(form)


# -- driven for real ------------------------------------------------------------------------------------------------
def _bad_records() -> list:
    """(record or raw line): one bad order of every kind the import can meet in a JSON Lines file."""
    def bad(no: str, change) -> dict:
        record = order_record(no, "MGO-263", 1, "269.00", buyer_id=valid_id(f"3301061990{len(no):03d}{sum(map(ord, no)) % 10000:04d}"))
        change(record)
        return record

    def set_path(path: str, value):
        def change(record):
            node = record
            *parents, leaf = path.split(".")
            for part in parents:
                node = node[part]
            node[leaf] = value
        return change

    def drop(path: str):
        def change(record):
            head, leaf = path.split(".")
            del record[head][leaf]
        return change

    def pay_more(record):
        record["payment"]["amount"] = str(Decimal(record["payment"]["amount"]) + 1)

    def goods_off(record):
        record["goods_value"] = str(Decimal(record["goods_value"]) + 1)
        pay_more(record)

    long_address = set_path("consignee.address", "文" * 195)
    records = [
        bad("M1", drop("payment.amount")), bad("M2", set_path("buyer.id_number", ["x"])),
        bad("M3", set_path("buyer.name", "=cmd")), bad("M4", set_path("buyer.name", "a\ud800")),
        bad("M5", set_path("consignee.address", "abc\u202etxt")), bad("M6", set_path("buyer.name", "a\u200bb")),
        bad("M7", set_path("buyer.name", "a\x01b")), bad("M8", set_path("buyer.name", "   ")),
        bad("M9", set_path("buyer.name", "x" * 61)), bad("M10", set_path("freight", True)),
        bad("M11", set_path("freight", "abc")), bad("M12", set_path("freight", 100000000)),
        bad("M13", set_path("freight", 1.234)), bad("M14", set_path("lines", [])),
        bad("M15", set_path("lines", [{"sku": "MGO-263", "qty": 1, "unit_price": "1.00"}] * 201)),
        bad("M16", set_path("lines", [1])), bad("M17", set_path("ordered_at", "yesterday")),
        bad("M18", set_path("ordered_at", "1999-01-01T00:00:00+08:00")),
        bad("Q1", lambda r: r["lines"][0].update(qty="x")), bad("Q2", lambda r: r["lines"][0].update(qty=-2)),
        bad("Q3", lambda r: r["lines"][0].update(qty=200000)),
        bad("R1", set_path("buyer.id_type", "2")), bad("R2", set_path("logistics.waybill_no", "")),
        bad("R3", set_path("buyer.id_number", "330106199001010010")),
        bad("R4", set_path("payment.payer_id_number", valid_id("11010119800101001"))),
        bad("R5", set_path("logistics.carrier_code", "NOPE")), bad("R6", set_path("logistics.waybill_no", "ABC")),
        bad("R7", pay_more), bad("R8", lambda r: r["lines"][0].update(sku="NOPE")), bad("R9", long_address),
        bad("R10", set_path("platform_code", "abc")), bad("R11", goods_off),
        order_record("R12", "DYS-HD15", 1, "2990.00"),
        order_record("D1", "MGO-263", 1, "269.00", waybill="7000000000001"),
        order_record("D1", "MGO-263", 1, "269.00", waybill="7000000000002"),
        order_record("D2", "MGO-263", 1, "269.00", waybill="7000000000001"),
        "{not json", "[1, 2]", "[" * 5000,  # the last nested too deeply for the parser
    ]
    for r in records:  # waybills of the ZTO pattern set below (R6 and R2 break it on purpose)
        if isinstance(r, dict) and r["order_no"] not in ("R2", "R6") and not r["order_no"].startswith("D"):
            r["logistics"]["waybill_no"] = f"7{abs(hash(r['order_no'])) % 10**12:012d}"
    return records


def _write(path: Path, records: list) -> Path:
    with open(path, "wb") as fh:
        for r in records:
            if isinstance(r, str):
                fh.write(r.encode() + b"\n")
            else:  # ASCII escapes: a lone surrogate travels as \ud800, as a platform would send it
                fh.write(json.dumps(r, default=str).encode() + b"\n")
        fh.write(b"\xff\xfe not utf-8\n")
        fh.write(b'{"order_no": "BIG", "pad": "' + b"x" * (300 * 1024) + b'"}\n')
    return path


def _stricter(db) -> None:
    with UnitOfWork(db, actor("admin")) as uow:  # a carrier with a waybill pattern, HS 85163100 off the list
        uow.session.execute(update(Carrier).where(Carrier.code == "ZTO").values(waybill_pattern=r"7\d{12}"))
        uow.session.execute(PositiveListLine.__table__.delete().where(PositiveListLine.hs8 == "85163100"))
        uow.commit()


def test_the_checks_driven_for_real_give_params_both_templates_take(warehouse, tmp_path):
    reports = [run(warehouse, "supervisor", import_orders, DEMO / "orders_invalid.jsonl")]
    _stricter(warehouse)
    reports.append(run(warehouse, "supervisor", import_orders, _write(tmp_path / "bad.jsonl", _bad_records())))
    rows = _csv_rows([order_record("T1", [("MGO-263", 2, "269.00"), ("A2P-900", 1, "238.00")]),
                      order_record("T2", "MER-L54", 1, "118.00")])
    rows[1]["tax"] = "0.01"
    rows[2]["order_no"] = ""
    path = tmp_path / "orders.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    reports.append(run(warehouse, "supervisor", import_orders, path))
    rejected = [r for report in reports for r in report.rejected]
    for r in rejected:
        _check_params(r["params"], r["reason"])
    forms = {r["params"]["form"] for r in rejected}
    every_kind_of_text = {"malformed.formula", "malformed.surrogate", "malformed.bidi", "malformed.invisible",
                          "malformed.control"}
    assert every_kind_of_text | {"malformed.json", "malformed.json_at", "malformed.not_object", "malformed.missing", "malformed.not_text",
                                 "malformed.empty", "field_too_long", "malformed.not_amount", "malformed.amount_form",
                                 "malformed.amount_range", "malformed.decimals", "malformed.no_lines",
                                 "malformed.too_many_lines", "malformed.line_not_object", "malformed.bad_time",
                                 "malformed.time_range", "malformed.line_too_long", "malformed.not_utf8",
                                 "malformed.no_order_no", "malformed.row_differs", "bad_quantity",
                                 "bad_quantity.not_positive", "bad_quantity.absurd", "bad_id_type", "duplicate_order",
                                 "missing_waybill", "duplicate_waybill", "id_checksum", "payer_not_buyer",
                                 "unknown_carrier", "waybill_pattern", "payment_mismatch", "unknown_sku",
                                 "field_too_long.list", "field_pattern", "not_on_positive_list",
                                 "goods_value_mismatch", "over_order_limit", "tax_mismatch"} <= forms
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:  # stored beside the code
        stored = uow.session.execute(select(OrderRejection.code, OrderRejection.reason, OrderRejection.params)).all()
    assert len(stored) == len(rejected)
    for code, reason, params in stored:
        assert params["form"].split(".")[0] == code
        _check_params(params, reason)


def test_the_rules_alone_give_params_both_templates_take():
    policy = Policy()
    found = [
        rules.tax_violation(Decimal("12.30"), Decimal("20.00"), Decimal("0.05")),
        rules.tax_violation(Decimal("12.30"), Decimal("20.00"), Decimal("0.05"), per_order=Decimal("19.99")),
        rules.tax_violation(Decimal("12.30"), Decimal("20.00"), Decimal("0.05"), full=True),
        rules.tax_violation(Decimal("12.30"), Decimal("20.00"), Decimal("0.05"), full=True, per_order=Decimal("19.9")),
        rules.balance_violation({"GDS0001": 3, "GDS0002": 1, "GDS0003": 1}, {"GDS0001": 2, "GDS0003": 5}),
        rules.annual_violation(Decimal("25110.00"), Decimal("2790.00"), 2026, policy),
        rules.limit_decision(Decimal("5560.00"), [2], policy)[1],
        rules.identity_violation("330106199001010010", "330106199001010010"),
        rules.message_field_violation([MessageField("seller_code", "ebcCode", "abc", 18, rules.ENTERPRISE_CODE,
                                                    "enterprise_code")]),
    ]
    assert [f.params["form"] for f in found if f] == [
        "tax_mismatch", "tax_mismatch.per_order", "tax_mismatch.full", "tax_mismatch.full_per_order",
        "bonded_balance_short", "over_annual_limit", "over_order_limit", "id_checksum", "field_pattern"]
    for f in found:
        _check_params(f.params, f.reason)


def test_the_detail_in_chinese_names_fields_and_lists_each_short_item():
    short = rules.balance_violation({"GDS0001": 3, "GDS0002": 1}, {"GDS0001": 2})
    assert vocabulary.rejection_detail(short.params, "zh") == "账册料号保税余量不足：GDS0001：可用 2，需要 3；GDS0002：可用 0，需要 1"
    assert vocabulary.rejection_detail({"form": "malformed.missing", "field": "buyer.id_type"}, "zh") == \
        "缺少字段“订购人证件类型”"
    assert vocabulary.rejection_detail({"form": "bad_quantity", "field": "lines[2].qty", "value": "'x'"}, "zh") == \
        "“第 2 行数量”必须是整数，实际为 'x'"
    tax = rules.tax_violation(Decimal("12.30"), Decimal("12.31"), Decimal("0"))
    assert vocabulary.rejection_detail(tax.params, "zh") == "申报税款 12.30 与计算的跨境电商综合税 12.31 相差超过 0"
    # a rejection stored before its params were kept, or of another version: the stored text is shown
    assert vocabulary.rejection_detail(None, "zh") is None
    assert vocabulary.rejection_detail({"form": "tax_mismatch", "declared": "1"}, "zh") is None
    assert not SNAKE.search(vocabulary.rejection_detail(short.params, "zh"))


BROKEN_JSON = ['', '{"a" 1}', '{"a":1 "b":2}', '{a:1}', '{}x', '{"a":"abc', '{"a":"a\x01"}', '{"a":"\\q"}',
               '{"a":"\\u12"}', '[1 2]', "[" * 5000]


def test_the_json_parsers_words_are_said_in_chinese():
    """A record the JSON parser cannot read: its reason in Chinese says the parser's problem in Chinese (old code: the
    parser's English sentence inside the Chinese reason); the character it stopped at stays a number."""
    from app.formats.order_records import RecordProblem, parse_json_line

    for text in BROKEN_JSON:
        try:
            parse_json_line(text)
        except RecordProblem as problem:
            _check_params(problem.params, problem.reason)
            chinese = vocabulary.rejection_detail(problem.params, "zh")
            assert chinese and not re.search(r"[A-Za-z]{2,}", chinese.replace("JSON", "")), (text, chinese)
            assert vocabulary.known("json_error", problem.params["error"]), problem.params
        else:
            raise AssertionError(f"{text!r} was read")
    # words the vocabulary does not know (another Python's parser): a syntax error, not an English sentence
    unknown = {"form": "malformed.json_at", "error": "Some new parser words", "position": 7}
    assert vocabulary.rejection_detail(unknown, "zh") == "不是有效的 JSON（第 7 个字符）：语法错误"
    assert vocabulary.rejection_detail(unknown, "en") == "not valid JSON: Some new parser words: character 7"
