"""The warehouse's words on screen: every code (status, role, unit, reason, audit operation, field, setting) by its
name in the screen's language, from the one vocabulary (app/domain/vocabulary/terms.py). Screens call `term(kind, code)`
(or the named helpers below) at display time, so a language switch renames everything on the next refresh."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.devices.problems import DeviceProblem
from app.domain import vocabulary
from ui.i18n import chinese_on_screen

ROLES = tuple(vocabulary.table("role"))
STOCK_STATUSES = tuple(vocabulary.table("stock_status"))


def language() -> str:
    return "zh" if chinese_on_screen() else "en"


def term(kind: str, code: object) -> str:
    """`code`'s name in the screen's language (an unknown code as it is, never lost)."""
    return vocabulary.name(kind, code, language())


def json_problem(words: str) -> str:
    """The JSON parser's words (json.JSONDecodeError.msg) in the screen's language."""
    return vocabulary.json_problem(words, language())


def role_label(role: str) -> str:
    return term("role", role)


def status_label(status: str) -> str:
    return term("stock_status", status)


def location_kind_label(kind: str) -> str:
    return term("location_kind", kind)


def permission_label(permission: str) -> str:
    return term("permission", permission)


def unit_label(code: str) -> str:
    return term("unit", code)


def how_many(n: int, noun: str) -> str:
    """A count in words in the screen's language: "1 parcel", "3 parcels", "3 个包裹" (`noun`: the plural)."""
    return vocabulary.how_many(n, noun, language())


def capitalised(text: str) -> str:
    """'buyer's ID type' → 'Buyer's ID type': a name standing alone as a label reads in sentence case (the vocabulary
    writes names in lower case, as a sentence uses them; Chinese is unchanged)."""
    return text[:1].upper() + text[1:]


def field_label(path: str) -> str:
    """A record field's name as a label (sentence case)."""
    return capitalised(term("field", path))


def setting_label(key: str) -> str:
    return term("setting", key)


def with_fields(text: str) -> str:
    """A reason that names record fields by their paths, with each path named in the screen's language."""
    return vocabulary.field_names(text, language())


def invariant(name: str) -> str:
    """A warehouse check's invariant (by `bwms check`'s name) as the screen says it."""
    return vocabulary.invariant(name, language())


def check_problem(form: str, values: dict[str, Any]) -> str:
    """What a warehouse check found (or why the audit chain is broken), in the screen's language."""
    return vocabulary.check_problem(form, values, language())


def yes_no(value: bool) -> str:
    return QCoreApplication.translate("Vocabulary", "yes") if value else QCoreApplication.translate("Vocabulary", "no")


# -- the audit log: "Wang Li released declaration D123" ----------------------------------------------------------
_COUNT = re.compile(r"(\d+) ([a-z]+)")


def audit_sentence(user: str, action: str, entity: str, key: str, outcome: str) -> str:
    """One audit entry as a sentence: who, what they did, to what (its name and key); a refusal says so.
    An import names its file ("admin imported locations from locations.csv"); a run its count ("supervisor
    allocated: 3 orders")."""
    zh = chinese_on_screen()
    verb = term("audit_action", action)
    counted = _COUNT.fullmatch(key or "")
    if counted and vocabulary.known("count", counted[2]):
        text = f"{user} {verb}{'：' if zh else ': '}{vocabulary.how_many(int(counted[1]), counted[2], language())}"
    else:
        thing = term("audit_entity", entity) if entity else ""
        if thing and thing in verb:  # "imported locations" already says what
            thing = "" if zh else "from"
        what = " ".join(p for p in (thing, key) if p)
        gap = "" if zh and thing else " "  # Chinese words run on: 导入了订单文件 (not 导入了 订单文件)
        text = f"{user} {verb}{gap + what if what else ''}"
    if outcome == "refused":
        text += "（被拒绝）" if zh else " (refused)"
    return text


def detail_rows(detail: dict[str, Any]) -> list[tuple[str, str]]:
    """An audit entry's detail as (what, value) rows in words: keys named, codes named, lists joined."""
    rows = []
    for key, value in detail.items():
        label = term("detail", key) if vocabulary.known("detail", key) else key.replace("_", " ")
        if isinstance(value, bool):
            shown = yes_no(value)
        elif isinstance(value, (list, tuple)):
            shown = ", ".join(str(v) for v in value) or "—"  # an empty list: none (not a blank cell)
        elif isinstance(value, dict):
            shown = "; ".join(f"{term('detail', k) if vocabulary.known('detail', k) else k.replace('_', ' ')}: {v}"
                              for k, v in value.items())
        elif key == "grade" and vocabulary.known("detail", str(value)):  # a returned unit's condition
            shown = term("detail", str(value))
        elif key == "status" and vocabulary.known("return_status", str(value)):
            shown = term("return_status", str(value))
        elif key == "role":
            shown = role_label(str(value))
        elif key == "reason" and str(value).isdigit() and vocabulary.known("cancel_reason", str(value)):
            shown = f"{value} {term('cancel_reason', str(value))}"
        elif key == "reason" and vocabulary.known("disposal_reason", str(value)):
            shown = term("disposal_reason", str(value))
        elif key in ("setting", "key") and vocabulary.known("setting", str(value)):
            shown = setting_label(str(value))
        else:
            shown = "" if value is None else str(value)
        rows.append((label, shown))
    return rows


def device_problem(reason: object) -> str:
    """Why a device is not working (app.devices.problems.DeviceProblem) in the user's language; plain words as
    they are."""
    return reason.words(language()) if isinstance(reason, DeviceProblem) else str(reason or "")
