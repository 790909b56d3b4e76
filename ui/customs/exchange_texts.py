"""What the customs exchange tells the user after a job or a watcher pass, in the user's language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain import vocabulary
from app.errors import Rejected
from ui.error_text import TEXTS, describe
from ui.orders.vocabulary import customs_status_label, order_status_label
from ui.vocabulary import language, term


def _fill(template: str, *values: object) -> str:
    for n, value in enumerate(values, start=1):
        template = template.replace(f"%{n}", str(value))
    return template


def export_text(report: Any) -> str:
    """An ExportReport as one sentence (and the orders that could not be declared)."""
    text = _fill(QCoreApplication.translate("ExchangeTexts", "%1 inventory lists declared into %2."),
                 report.exported, report.outbox)
    if report.redelivered:
        text += " " + _fill(QCoreApplication.translate("ExchangeTexts", "%1 earlier files written to the outbox "
                                                                        "again."), len(report.redelivered))
    if report.refused:
        refused = "; ".join(f"{r.get('order_no') or r.get('return_no')}: {refusal_reason(r)}" for r in report.refused)
        text += " " + _fill(QCoreApplication.translate("ExchangeTexts", "Not declared: %1."), refused)
    if report.cancelled:
        text += " " + QCoreApplication.translate("ExchangeTexts", "Cancelled: the lists declared before are kept.")
    return text


def refusal_reason(refused: dict[str, Any]) -> str:
    """Why an order or return was not declared, in the screen's language from its code and values (the ErrorText
    sentences); the export's English reason when it has no sentence."""
    if refused.get("code") not in TEXTS:
        return str(refused["reason"])
    return describe(Rejected(refused["reason"], code=refused["code"], **refused.get("params", {}))).text


def receipts_text(report: Any) -> str:
    """A ReceiptReport as one sentence."""
    text = _fill(QCoreApplication.translate("ExchangeTexts", "%1 receipts applied, %2 duplicates, %3 for unknown "
                                                             "lists, %4 files refused."),
                 report.applied, report.duplicates, len(report.unmatched), len(report.refused))
    if report.cancelled:
        text += " " + QCoreApplication.translate("ExchangeTexts", "Cancelled: the files read before are kept.")
    return text


def refusal_kind(problem: dict[str, Any] | None) -> str:
    """Why an inbox file was refused, by the kind of its problem ({"form": …, values …}) in the screen's language."""
    return term("receipt_problem", vocabulary.problem_kind(problem))


def refusal_text(problem: dict[str, Any] | None) -> str:
    """Why an inbox file was refused, in the screen's language from its problem's form and values (a line that says
    "refused" already: no leading "refused: "); a file archived before its values were kept by its kind."""
    return vocabulary.receipt_problem(problem, language(), said_refused=False) or refusal_kind(problem)


def _effect_line(e: dict[str, str]) -> str:
    line = _fill(QCoreApplication.translate("ExchangeTexts", "%1: order %2, customs %3 → %4"), e["file"],
                 e["order_no"], e["status"], order_status_label(e["order_status"]))
    if e["outcome"] == "superseded":
        line += " " + _fill(QCoreApplication.translate("ExchangeTexts", "(older than %1, kept in the history)"),
                            customs_status_label(e["list_status"]))
    return line


def pass_lines(result: Any) -> list[str]:
    """One line per receipt a watcher pass applied: the file, the order, customs' code, where it left the order."""
    lines = [_effect_line(e) for e in result.effects if e["outcome"] != "unmatched"]
    lines += [_fill(QCoreApplication.translate("ExchangeTexts", "%1: no list for %2 (status %3)"), u["file"],
                    u["key"], u["status"]) for u in result.report.unmatched]
    lines += [_fill(QCoreApplication.translate("ExchangeTexts", "%1 refused: %2"), r["file"],
                    refusal_text(r["problem"])) for r in result.report.refused]
    if result.report.duplicates:
        lines.append(_fill(QCoreApplication.translate("ExchangeTexts", "%1 receipts were already applied before"),
                           result.report.duplicates))
    return lines
