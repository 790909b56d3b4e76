"""Errors from `app` (a stable code with parameters) turned into translated sentences for the user."""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.vocabulary import permission_label, role_label

_CONTEXT = "ErrorText"

# code → English source text with {parameters}; areas built later add their codes with `add_texts`.
TEXTS: dict[str, str] = {
    "error": QT_TRANSLATE_NOOP("ErrorText", "The operation failed."),
    "rejected": QT_TRANSLATE_NOOP("ErrorText", "The operation was refused; nothing was changed."),
    "not_found": QT_TRANSLATE_NOOP("ErrorText", "It was not found; nothing was changed."),
    "permission_denied": QT_TRANSLATE_NOOP("ErrorText",
                                           "Your role ({role}) may not {permission}. Nothing was changed."),
    "authentication_failed": QT_TRANSLATE_NOOP("ErrorText", "Unknown user or wrong password."),
    "database_unavailable": QT_TRANSLATE_NOOP("ErrorText", "The database cannot be reached or opened."),
    "schema_out_of_date": QT_TRANSLATE_NOOP(
        "ErrorText", "The database was made by another version of Bonded WMS (schema {current}, this "
        "version needs {head}). Run “bwms init” to migrate it; no data is dropped."),
    "schema_empty": QT_TRANSLATE_NOOP("ErrorText", "The database is empty. Run “bwms init” first."),
    "schema_newer": QT_TRANSLATE_NOOP(
        "ErrorText", "The database was made by a newer version of Bonded WMS (schema {current}; this version "
        "knows up to {head}). Install the newer version; a database is never migrated down."),
    "backup_failed": QT_TRANSLATE_NOOP("ErrorText", "The backup could not be written to {folder}: {reason}. "
                                       "No backup was made; the database is untouched."),
    "file_rejected": QT_TRANSLATE_NOOP("ErrorText", "The file was refused and nothing was imported. "
                                       "Every problem is listed with its line and column."),
    "weak_password": QT_TRANSLATE_NOOP("ErrorText", "The password is too short (at least 8 characters)."),
    "bad_role": QT_TRANSLATE_NOOP("ErrorText", "Unknown role."),
    "bad_username": QT_TRANSLATE_NOOP("ErrorText", "A user name may use letters, digits, “.”, “-” and “_” "
                                      "(at most 40 characters)."),
    "duplicate_user": QT_TRANSLATE_NOOP("ErrorText", "A user with this name already exists."),
    "password_mismatch": QT_TRANSLATE_NOOP("ErrorText", "The two passwords differ."),
    "bad_quantity": QT_TRANSLATE_NOOP("ErrorText", "The quantity must be a positive whole number."),
    "insufficient_stock": QT_TRANSLATE_NOOP("ErrorText",
                                            "Only {free} of lot {lot} are free there; {asked} were asked."),
    "unknown_setting": QT_TRANSLATE_NOOP("ErrorText", "There is no such setting."),
    "bad_setting": QT_TRANSLATE_NOOP("ErrorText", "This value is not valid for the setting."),
    "job_cancelled": QT_TRANSLATE_NOOP("ErrorText", "Cancelled: nothing was changed."),
    "unexpected": QT_TRANSLATE_NOOP("ErrorText", "An unexpected error happened; nothing was changed."),
    "unknown_owner": QT_TRANSLATE_NOOP("ErrorText", "There is no owner {owner}; nothing was changed."),
    "audit_key_missing": QT_TRANSLATE_NOOP("ErrorText", "The audit key file ({path}) is missing on this "
                                           "workstation: copy it from the workstation that created the database "
                                           "(or from the administrator's key export). Nothing was changed."),
    "wrong_audit_key": QT_TRANSLATE_NOOP("ErrorText", "The audit key file {path} is not this database's audit "
                                         "key: every workstation must use the same file. Nothing was changed."),
    "id_search_refused": QT_TRANSLATE_NOOP("ErrorText", "Your role ({role}) may not search by a full ID number: "
                                           "whether a person has ordered is personal data. Search by order no., "
                                           "waybill or the masked ID instead."),
}

# Parameters that are words of the warehouse, shown in the user's language.
_PARAM_LABELS = {"role": role_label, "permission": permission_label}


@dataclass(frozen=True)
class ErrorText:
    """What the user reads: a translated sentence, and the product's own message (names file, line, field)."""

    code: str
    text: str
    detail: str


def add_texts(texts: dict[str, str]) -> None:
    """Let an area register the texts of its error codes (sources marked with QT_TRANSLATE_NOOP("ErrorText"))."""
    TEXTS.update(texts)


# The database driver's "connection lost / refused" errors, recognised without importing SQLAlchemy here.
_DATABASE_ERRORS = {"OperationalError", "InterfaceError", "DisconnectionError", "TimeoutError"}


def _template_for(exc: BaseException) -> tuple[str, str]:
    code = getattr(exc, "code", "") if isinstance(getattr(exc, "code", None), str) else ""
    if type(exc).__module__.startswith("sqlalchemy") and type(exc).__name__ in _DATABASE_ERRORS:
        return "database_unavailable", TEXTS["database_unavailable"]
    params = getattr(exc, "params", None) or {}
    if code == "schema_out_of_date" and params.get("current") is None:
        return code, TEXTS["schema_empty"]
    if code in TEXTS:
        return code, TEXTS[code]
    if code:  # a product error whose code has no text yet: say what kind of error, show its message
        return code, TEXTS["error"]
    return "unexpected", TEXTS["unexpected"]


def _fill(template: str, params: dict[str, Any]) -> str | None:
    names = {field for _, field, _, _ in Formatter().parse(template) if field}
    if not names <= params.keys():
        return None
    return template.format(**{k: _PARAM_LABELS.get(k, str)(str(v)) for k, v in params.items() if k in names})


def describe(exc: BaseException) -> ErrorText:
    """The translated sentence for `exc`, with the English message (or the exception) as detail."""
    code, source = _template_for(exc)
    params = dict(getattr(exc, "params", None) or {})
    translated = QCoreApplication.translate(_CONTEXT, source)
    text = _fill(translated, params) or _fill(source, params)
    if text is None:  # a parameter is missing: fall back to the sentence that needs none
        text = QCoreApplication.translate(_CONTEXT, TEXTS["error" if code != "unexpected" else "unexpected"])
    message = getattr(exc, "message", None)
    detail = message if isinstance(message, str) else f"{type(exc).__name__}: {exc}"
    return ErrorText(code, text, detail)
