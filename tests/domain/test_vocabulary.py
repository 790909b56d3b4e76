"""Every code the product stores or shows has an English and a Chinese name in app/domain/vocabulary/terms.py.

The codes are not listed here by hand: they are read from where the product defines them — every CHECK list of
every table (a new status column or a new status in one fails until it is named, and the column must say which
kind of name it takes), the status tuples and code lists of the areas, the customs units file, the settings
registry, and the audit operations and stock movement kinds written anywhere in app/ (read from the source).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.domain import vocabulary
from app.domain.order_flow import FLOW_STAGES
from app.domain.roles import Permission, Role

APP = Path(__file__).resolve().parents[2] / "app"
# CHECK lists whose values are not words anyone reads (none so far); add (table, column) with the reason
NOT_WORDS: dict[tuple[str, str], str] = {}


def _check_lists() -> dict[tuple[str, str], list[str]]:
    from app.persistence.models import Base

    found: dict[tuple[str, str], list[str]] = {}
    for table in Base.metadata.sorted_tables:
        for constraint in table.constraints:
            for column, values in re.findall(r"(\w+) IN \(([^)]*)\)", str(getattr(constraint, "sqltext", ""))):
                found[(table.name, column)] = re.findall(r"'([^']*)'", values)
    return found


def _calls(name: str) -> list[ast.Call]:
    out = []
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if called == name:
                    out.append(node)
    return out


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _audit_codes() -> tuple[set[str], set[str]]:
    """The actions and entities of every audit.record(uow, ACTION, ENTITY, …) / record_refusal(db, actor, ACTION…)."""
    actions, entities = set(), set()
    for call in _calls("record"):
        if len(call.args) >= 2 and (action := _literal(call.args[1])):
            actions.add(action)
        if len(call.args) >= 3 and (entity := _literal(call.args[2])):
            entities.add(entity)
    for call in _calls("record_refusal"):
        if len(call.args) >= 3 and (action := _literal(call.args[2])):
            actions.add(action)
    for call in _calls("_reset"):  # the password resets name their action
        if len(call.args) >= 4 and (action := _literal(call.args[3])):
            actions.add(action)
    for call in _calls("_audited"):  # the return station's refused scans name their action
        if len(call.args) >= 2 and (action := _literal(call.args[1])):
            actions.add(action)
    return actions, entities


def _detail_keys() -> set[str]:
    return {kw.arg for name in ("record", "record_refusal") for call in _calls(name) for kw in call.keywords
            if kw.arg and kw.arg != "outcome"}


def _movement_kinds() -> set[str]:
    return {kind for call in _calls("move") for kw in call.keywords
            if kw.arg == "kind" and (kind := _literal(kw.value))}


def _missing(kind: str, codes: object) -> list[str]:
    return sorted(str(c) for c in codes if not vocabulary.known(kind, str(c)))  # type: ignore[attr-defined]


def test_every_table_check_list_is_named():
    unmapped = sorted(set(_check_lists()) - set(vocabulary.COLUMNS) - set(NOT_WORDS))
    assert not unmapped, f"say in vocabulary.COLUMNS which kind names these columns' values: {unmapped}"
    missing = {col: _missing(vocabulary.COLUMNS[col], values) for col, values in _check_lists().items()
               if col in vocabulary.COLUMNS}
    assert not {c: m for c, m in missing.items() if m}, "name these codes in app/domain/vocabulary/terms.py"


def test_every_status_and_kind_tuple_of_the_models_is_named():
    """Any `…_STATUSES`, `…_STATES`, `…_KINDS` or `…_TYPES` tuple a model module declares (a status column without a CHECK list
    still declares its values there): each value has a name of some kind."""
    import importlib
    import pkgutil

    import app.persistence.models as models

    found = {}
    for info in pkgutil.iter_modules(models.__path__):
        module = importlib.import_module(f"{models.__name__}.{info.name}")
        for name, value in vars(module).items():
            if re.fullmatch(r"[A-Z_]+_(STATUSES|STATES|KINDS|TYPES)", name) and isinstance(value, (tuple, list, dict)):
                found[f"{info.name}.{name}"] = list(value)
    assert "outbound.PARCEL_STATUSES" in found
    every = {code for kind in vocabulary.kinds() for code in vocabulary.table(kind)}
    missing = {name: [v for v in values if str(v) not in every] for name, values in found.items()}
    assert not {k: v for k, v in missing.items() if v}, "name these codes in app/domain/vocabulary/terms.py"


def test_order_statuses_stages_and_customs_codes_are_named():
    from app.customs.receipts import CUSTOMS_STATUS
    from app.persistence.models.orders import ORDER_STATUSES
    from app.persistence.models.outbound import ORDER_OUTBOUND_STATUSES

    assert not _missing("order_status", [*ORDER_STATUSES, *ORDER_OUTBOUND_STATUSES])
    assert not _missing("flow_stage", FLOW_STAGES)
    assert not _missing("customs_status", CUSTOMS_STATUS.values())
    assert not _missing("receipt", CUSTOMS_STATUS)


def test_reasons_roles_permissions_units_settings_are_named():
    from app.formats.customs.messages import CANCEL_REASONS
    from app.settings import REGISTRY

    assert not _missing("role", [r.value for r in Role])
    assert not _missing("permission", [p.value for p in Permission])
    assert not _missing("cancel_reason", CANCEL_REASONS)
    assert not _missing("setting", REGISTRY)
    units = vocabulary.table("unit")
    assert len(units) > 100 and all(en and zh for en, zh in units.values())
    assert [vocabulary.name("unit", c, "zh") for c in ("122", "142", "001")] == ["罐", "瓶", "台"]
    assert vocabulary.name("unit", "035", "en") == "kilogram"


def test_every_setting_means_something_in_chinese():
    """A setting either has its meaning written on the settings screen (translated there) or here."""
    from app.settings import REGISTRY
    from ui.admin.warehouse import SETTING_TEXTS

    assert not sorted(set(REGISTRY) - set(SETTING_TEXTS) - set(vocabulary.SETTING_MEANINGS_ZH))


def test_every_rejection_code_is_named():
    """The order checks' codes: every RecordProblem / Problem code literal in the orders import and rules."""
    codes = set()
    for name in ("RecordProblem", "Violation"):
        for call in _calls(name):
            if call.args and (code := _literal(call.args[0])) and re.fullmatch(r"[a-z_]+", code):
                codes.add(code)
    assert {"malformed", "unknown_sku", "over_annual_limit"} <= codes, "the code sources moved: follow them here"
    assert not _missing("rejection", codes)


def test_every_audit_operation_and_record_kind_is_named():
    actions, entities = _audit_codes()
    assert {"gate_out", "print_enqueue", "declaration_release"} <= actions
    assert not _missing("audit_action", actions | {"print"})
    assert not _missing("audit_entity", entities)
    assert not _missing("movement", _movement_kinds())
    assert not _missing("detail", _detail_keys())


def test_every_name_exists_in_both_languages_and_reads_as_words():
    snake = re.compile(r"\b[a-z]+_[a-z_]+\b")
    for kind in vocabulary.kinds():
        for code, (en, zh) in vocabulary.table(kind).items():
            assert en.strip() and zh.strip(), (kind, code)
            assert not snake.search(en) and not snake.search(zh), (kind, code, en, zh)
            assert re.search(r"[\u4e00-\u9fff]", zh) or kind == "unit", (kind, code, zh)


@pytest.mark.parametrize(("kind", "code", "en", "zh"), [
    ("order_status", "shipped", "shipped", "已出区"), ("declaration_status", "put_away", "put away", "已上架"),
    ("unit", "122", "", ""), ("field", "buyer.id_type", "buyer's ID type", "订购人证件类型"),
    ("setting", "gs1_company_prefix", "GS1 company prefix", "GS1 厂商识别代码"),
])
def test_names_in_each_language(kind, code, en, zh):
    names = vocabulary.term(kind, code)
    assert names is not None
    if en:
        assert vocabulary.name(kind, code, "en") == en and vocabulary.name(kind, code, "zh_CN") == names[1]
    assert vocabulary.both(kind, code) == f"{names[1]} {names[0]}"


def test_counted_audit_keys_are_named():
    """The keys of the audit entries that count things ("3 orders") name what they count."""
    nouns = {m for call in _calls("record") if len(call.args) >= 4 and isinstance(call.args[3], ast.JoinedStr)
             for m in re.findall(r"\} ([a-z]+)$", ast.unparse(call.args[3]).strip("f'\""))}
    assert {"orders", "lists"} <= nouns
    assert not _missing("count", nouns)
    assert not _missing("count_one", nouns)  # one of each is singular: "1 file"


@pytest.mark.parametrize(("n", "noun", "en", "zh"), [
    (1, "files", "1 file", "1 个文件"), (3, "files", "3 files", "3 个文件"), (1, "orders", "1 order", "1 个订单"),
    (0, "lists", "0 inventory lists", "0 份清单"), (1, "lists", "1 inventory list", "1 份清单"),
])
def test_a_count_of_one_reads_singular(n, noun, en, zh):
    assert vocabulary.how_many(n, noun, "en") == en
    assert vocabulary.how_many(n, noun, "zh") == zh


def test_unknown_codes_stay_visible_and_field_paths_are_named():
    assert vocabulary.name("order_status", "brand_new") == "brand_new"
    assert vocabulary.name("order_status", "") == "" and vocabulary.both("order_status", None) == ""
    assert vocabulary.field_names("field buyer.id_type is missing", "zh") == "field 订购人证件类型 is missing"


def test_every_checklist_receipt_code_is_named():
    from app.customs.checklist import PENDING_CODES, POSTED_CODES, REJECTED_CODE

    assert not _missing("checklist_receipt", [*PENDING_CODES, *POSTED_CODES, REJECTED_CODE])


@pytest.mark.parametrize(("scope", "en", "zh"), [
    ("prefix B-01", "locations starting B-01", "以 B-01 开头的库位"),
    ("sku A2P-900, SWS-VC60", "locations holding A2P-900, SWS-VC60", "存放 A2P-900, SWS-VC60 的库位"),
    ("recount of count 1", "recount of count 1", "复盘盘点单 1"), ("anything else", "anything else", "anything else"),
])
def test_a_counts_scope_reads_as_words(scope, en, zh):
    """The count sheet and report printed the stored form ('prefix B-01')."""
    assert vocabulary.count_scope(scope, "en") == en and vocabulary.count_scope(scope, "zh") == zh
    assert vocabulary.count_scope(scope, "both") == (f"{zh} {en}" if zh != en else scope)
