"""The warehouse's one vocabulary: the English and Chinese name of every code it stores or shows.

Statuses, customs receipt codes and units, reasons, roles, audit operations, record fields and settings are
stored as codes (`put_away`, `500`, `142`, `buyer.id_type`); nobody should read one. Screens ask
`ui.vocabulary.term(kind, code)` for the name in the screen's language; documents ask `name(kind, code, lang)`
or `both(kind, code)` ("已放行 released") for their bilingual lines. A code the vocabulary does not know is shown
as it is (never lost), and tests/domain/test_vocabulary.py fails on it: every code source of the product (the
tables' CHECK lists, the status tuples, the customs code lists, the audit calls) must have both names here.

The names are in terms.py (one table per kind of code), the sentences of order rejections, waits, short-pick
outcomes and refused customs files in sentences.py (each a form and its values, given by the code that decides; no
screen reads an English sentence back); this module looks them up. Pure: no database, no GUI. Customs units come from
resources/customs_units.csv (both names per code).
"""

from __future__ import annotations

import csv
import re
import string
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from app.domain.vocabulary.sentences import (
    CHECK_PROBLEMS,
    DEVICE_PROBLEMS,
    INVARIANTS,
    RECEIPT_PROBLEMS,
    REJECTION_DETAILS,
    SHORT_PICK_OUTCOMES,
    WAIT_DETAILS,
)
from app.domain.vocabulary.terms import COLUMNS, SETTING_MEANINGS_ZH, VOCABULARY, Term

__all__ = ["CHECK_PROBLEMS", "COLUMNS", "DEVICE_PROBLEMS", "INVARIANTS", "LANGUAGES", "RECEIPT_PROBLEMS", "REJECTION_DETAILS", "SETTING_MEANINGS_ZH", "SHORT_PICK_OUTCOMES",
           "WAIT_DETAILS", "Term"]

_RESOURCES = Path(__file__).resolve().parents[3] / "resources"

LANGUAGES = ("en", "zh")


@cache
def _units() -> dict[str, Term]:
    with open(_RESOURCES / "customs_units.csv", encoding="utf-8") as fh:
        return {row["code"]: (row["name_en"], row["name_cn"]) for row in csv.DictReader(fh)}


def kinds() -> list[str]:
    return [*VOCABULARY, "unit"]


def table(kind: str) -> dict[str, Term]:
    """Every code of `kind` with its (English, Chinese) names."""
    return _units() if kind == "unit" else VOCABULARY[kind]


def known(kind: str, code: str) -> bool:
    return code in table(kind)


def term(kind: str, code: object) -> Term | None:
    """The (English, Chinese) names of `code`, or None when the vocabulary does not know it."""
    return table(kind).get(str(code)) if code is not None else None


def name(kind: str, code: object, lang: str = "en") -> str:
    """`code`'s name in `lang` ('en', or 'zh'/'zh_CN'); an unknown code as it is, an empty one empty."""
    if code is None or code == "":
        return ""
    found = term(kind, code)
    if found is None:
        return str(code)
    return found[1] if lang.startswith("zh") else found[0]


def both(kind: str, code: object) -> str:
    """The bilingual name a document prints: "已放行 released" (Chinese first, as on customs forms)."""
    found = term(kind, code)
    if found is None:
        return "" if code is None else str(code)
    return f"{found[1]} {found[0]}"


def how_many(n: int, noun: str, lang: str = "en") -> str:
    """A count in words: "1 file", "3 files" ("1 个文件" in Chinese); `noun` is the plural the audit key writes."""
    return f"{n} {name('count_one' if n == 1 else 'count', noun, lang)}"


# how a stock count's locations were chosen, as app.counts stores it ("prefix B-01", "sku A, B", "recount of count 1")
_COUNT_SCOPES: dict[str, Term] = {"prefix": ("locations starting {}", "以 {} 开头的库位"),
                                  "sku": ("locations holding {}", "存放 {} 的库位"),
                                  "recount of count": ("recount of count {}", "复盘盘点单 {}")}


def count_scope(scope: str, lang: str = "en") -> str:
    """A count's scope in words ('prefix B-01' → 'locations starting B-01'); lang 'both': Chinese, then English
    (as a document prints it). A scope of no known form as it is."""
    for head, (en, zh) in _COUNT_SCOPES.items():
        if scope.startswith(head + " "):
            rest = scope[len(head) + 1:]
            if lang == "both":
                return f"{zh.format(rest)} {en.format(rest)}"
            return (zh if lang.startswith("zh") else en).format(rest)
    return scope


def unit(code: object, lang: str = "en") -> str:
    """A customs unit: 142 → "个" in Chinese, "piece" in English."""
    return name("unit", code, lang)


_FIELD_PATH = re.compile(r"\b([a-z]+(?:\.[a-z_]+|_[a-z_]+)+)\b")


def field_names(text: str, lang: str = "en") -> str:
    """A reason written with field paths ("field buyer.id_type is missing") with each known path named."""
    return _FIELD_PATH.sub(lambda m: name("field", m.group(1), lang) if known("field", m.group(1)) else m.group(1),
                           text)

_FIELD_PARAMS = ("field", "column")  # named in the language (a record field's path, a file's column)


def json_problem(words: object, lang: str = "en") -> str:
    """The JSON parser's words (json.JSONDecodeError.msg) in `lang`; in Chinese, words the vocabulary does not know
    (another Python's parser) are a syntax error, not an English sentence."""
    if lang.startswith("zh") and not known("json_error", str(words)):
        words = "syntax error"
    return name("json_error", words, lang)


# params whose values are codes, named in the language (English too)
_CODED_PARAMS: dict[str, Callable[[object, str], str]] = {"what": lambda code, lang: name("value_form", code, lang),
                                                         "error": json_problem}
_LINE_FIELD = re.compile(r"lines\[(\d+)\](?:\.(\w+))?")
_OF_LINE = re.compile(r"(.+) of lines\[(\d+)\]")


def field_label(path: str, lang: str = "en") -> str:
    """A record field (buyer.id_type, lines[2].qty, "product name of lines[2]") by its name in `lang`."""
    line = _LINE_FIELD.fullmatch(path)
    of_line = _OF_LINE.fullmatch(path)
    if line or of_line:
        number, what = (line[1], line[2] or "") if line else (of_line[2], of_line[1])  # type: ignore[index]
        named = name("field", what, lang) if what else ""
        if lang.startswith("zh"):
            return f"第 {number} 行{named}"
        return f"line {number} {named}".strip()
    return name("field", path, lang)


def detail_form(code: str, variant: str = "") -> str:
    return f"{code}.{variant}" if variant else code


def template_fields(template: str) -> set[str]:
    """The placeholders of a template."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def rejection_detail(params: Mapping[str, Any] | None, lang: str = "en", *, name_fields: bool = False) -> str | None:
    """A rejection's detail from its stored params ({"form": …, values …}) in `lang`; None when there are none
    (a rejection stored before they were kept, or a customs text) or their form has no template. Record fields are
    named in Chinese; in English as the check wrote them (buyer.id_type), or by name with `name_fields` (screens)."""
    if not params or (form := params.get("form")) not in REJECTION_DETAILS:
        return None
    values = {key: value for key, value in params.items() if key != "form"}
    try:
        return _fill(str(form), values, lang, name_fields or lang.startswith("zh"))
    except (KeyError, IndexError, ValueError):  # params of another version: the stored text says it
        return None


def _fill(form: str, values: Mapping[str, Any], lang: str, name_fields: bool) -> str:
    zh = lang.startswith("zh")
    shown: dict[str, str] = {}
    for key, value in values.items():
        if isinstance(value, list):
            shown[key] = ("；" if zh else "; ").join(_fill(f"{form}:{key}", item, lang, name_fields) for item in value)
        elif key in _CODED_PARAMS:
            shown[key] = _CODED_PARAMS[key](value, lang)
        elif key in _FIELD_PARAMS and name_fields:
            shown[key] = field_label(str(value), lang)
        else:
            shown[key] = str(value)
    return REJECTION_DETAILS[form][1 if zh else 0].format_map(shown)



def wait_detail(params: Mapping[str, Any] | None, lang: str = "en") -> str | None:
    """Why an order waits, from its stored params ({"form": …, values …}) in `lang`; None when there are none (a
    wait stored before they were kept: its stored sentence says it) or they do not fit a template."""
    if not params or (form := params.get("form")) not in WAIT_DETAILS:
        return None
    try:
        return WAIT_DETAILS[str(form)][1 if lang.startswith("zh") else 0].format_map(
            {key: value for key, value in params.items() if key != "form"})
    except (KeyError, IndexError, ValueError):  # params of another version: the stored text says it
        return None


def short_pick_outcome(params: Mapping[str, Any], lang: str = "en") -> str:
    """What a short pick did to one order, from app.outbound.picking.reallocate's result ({"form": …, values …}) in
    `lang`; a waiting order's reason from its own wait params. An outcome of no known form (a scan logged by an
    older version, whose outcome was its English sentence) as it is."""
    if not isinstance(params, Mapping) or params.get("form") not in SHORT_PICK_OUTCOMES:
        return str(params)
    values = {key: value for key, value in params.items() if key != "form"}
    if "why" in values:
        values["why"] = wait_detail(values["why"], lang) or ""
    return SHORT_PICK_OUTCOMES[str(params["form"])][1 if lang.startswith("zh") else 0].format_map(values)


_REFUSED = "refused: "  # how the English of a refused file's problem begins when the problem is the refusal itself


def problem_kind(params: Mapping[str, Any] | None) -> str:
    """The kind of a refused inbox file's problem (a "receipt_problem" term) from its form; "other" for none."""
    form = str((params or {}).get("form") or "")
    kind = form.split(".", 1)[0]
    return kind if known("receipt_problem", kind) else "other"


def receipt_problem(params: Mapping[str, Any] | None, lang: str = "en", *, said_refused: bool = True) -> str | None:
    """Why an inbox file was refused, from the problem's form and values (RECEIPT_PROBLEMS) in `lang`; None when it
    has none or they do not fit the template (a file archived before they were kept: its kind names it). In English,
    `said_refused=False` leaves out the leading "refused: " (a line that already says the file was refused)."""
    if not params or (form := params.get("form")) not in RECEIPT_PROBLEMS:
        return None
    template = RECEIPT_PROBLEMS[str(form)][1 if lang.startswith("zh") else 0]
    if not said_refused:
        template = template.removeprefix(_REFUSED)
    values = {key: value for key, value in params.items() if key != "form"}
    if "element" in values and lang.startswith("zh"):
        values["element"] = name("receipt_element", values["element"], lang)
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError):
        return None


# the values of a check's problem that are codes, and the kind that names each (CHECK_PROBLEMS)
CHECK_CODED = {"receipt": "receipt", "stock_status": "stock_status", "list_status": "customs_status",
               "cancel_state": "cancel_state", "count_status": "count_status", "parcel_status": "parcel_status",
               "key_file": "key_file", "action": "audit_action"}


def check_problem(form: str, values: Mapping[str, Any], lang: str = "en") -> str:
    """What a warehouse check found (app.admin.checks.Found), in `lang`. The English is the sentence `bwms check`
    prints: every value as the check gave it (a code as stored, a missing time as None); in Chinese codes are named
    and a missing value is a dash."""
    if not lang.startswith("zh"):
        return CHECK_PROBLEMS[form][0].format_map(values)
    shown = {key: "—" if value is None else name(CHECK_CODED[key], value, lang) if key in CHECK_CODED else str(value)
             for key, value in values.items()}
    return CHECK_PROBLEMS[form][1].format_map(shown)


def invariant(name_: str, lang: str = "en") -> str:
    """A warehouse check's invariant, by the name `bwms check` gives it, as a screen says it in `lang` (an unknown
    one as it is)."""
    said = INVARIANTS.get(name_)
    return name_ if said is None else said[1 if lang.startswith("zh") else 0]


def device_problem(form: str, values: Mapping[str, Any], lang: str = "en") -> str:
    """Why a device is not working (app.devices.problems.DeviceProblem) in `lang`: a `cause` the vocabulary knows
    ("os_error") and a printer's `problems` ("printer_problem") are named; an unknown cause is the system's words."""
    shown = dict(values)
    if "cause" in shown:
        cause = str(shown["cause"])
        shown["cause"] = name("os_error", cause, lang) if known("os_error", cause) else cause
    if "problems" in shown:
        shown["problems"] = ("、" if lang.startswith("zh") else ", ").join(
            name("printer_problem", p, lang) for p in shown["problems"])
    return DEVICE_PROBLEMS[form][1 if lang.startswith("zh") else 0].format_map(shown)
