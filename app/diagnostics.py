"""Logs a supervisor can send: a rotating log file, crash traces, the versions, and a report bundle for support.

- `setup_logging()` — warnings and errors (with logger, process, thread and traceback) to
  `<data folder>/logs/bwms.log`, rotated at 1 MB, five kept; Python and Qt crash traces (faulthandler, also
  for a hard crash in C code) to `<data folder>/logs/crash.log`; uncaught exceptions are logged.
- Buyer data never reaches the file: every line passes `redact`, which blanks what looks like an ID number or
  a mobile number, and the product never logs decrypted values (app.admin.pii logs nothing).
- `versions(db)` — program, Python, SQLite library, database server, schema (the caller adds Qt's).
- `save_report(target, db, extra)` — one zip: versions, settings (no personal data: business settings only),
  the recent log and crash trace (redacted).
"""

from __future__ import annotations

import faulthandler
import json
import logging
import logging.handlers
import platform
import re
import sqlite3
import sys
import zipfile
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from app.config import data_dir

LOG_NAME = "bwms.log"
CRASH_NAME = "crash.log"
LOG_BYTES, LOG_KEEP = 1_000_000, 5
REPORT_TAIL = 200_000  # bytes of the log that go into a report
_FORMAT = "%(asctime)s %(levelname)s %(name)s [pid %(process)d %(threadName)s] %(message)s"
# an 18-character resident ID (last may be X), a mainland mobile number: blanked wherever they appear
_PERSONAL = [(re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])"), "[id number]"),
             (re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"), "[phone]")]
_state: dict[str, Any] = {}


def redact(text: str) -> str:
    for pattern, replacement in _PERSONAL:
        text = pattern.sub(replacement, text)
    return text


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_folder() -> Path:
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def setup_logging(folder: Path | None = None, *, level: int = logging.WARNING) -> Path:
    """Install the rotating file log and the crash trace file (idempotent: a second call moves them)."""
    folder = folder or log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    old = _state.pop("handler", None)
    if old is not None:
        root.removeHandler(old)
        old.close()
    handler = logging.handlers.RotatingFileHandler(folder / LOG_NAME, maxBytes=LOG_BYTES, backupCount=LOG_KEEP,
                                                   encoding="utf-8", delay=True)
    handler.setLevel(level)
    handler.setFormatter(RedactingFormatter(_FORMAT))
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    _state["handler"] = handler
    crash: IO[str] | None = _state.pop("crash", None)
    if crash is not None:
        faulthandler.disable()
        crash.close()
    crash = open(folder / CRASH_NAME, "a", encoding="utf-8")  # noqa: SIM115 - open for the whole process
    faulthandler.enable(crash, all_threads=True)
    _state["crash"] = crash
    if not _state.get("hooked"):
        _state["hooked"], _state["previous_hook"] = True, sys.excepthook
        sys.excepthook = _log_uncaught
    return folder / LOG_NAME


def _log_uncaught(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if not issubclass(kind, KeyboardInterrupt):
        logging.getLogger("bwms").critical("uncaught %s", kind.__name__, exc_info=(kind, exc, tb))
    _state["previous_hook"](kind, exc, tb)


def versions(db: Any = None, extra: dict[str, str] | None = None) -> dict[str, str]:
    """What support asks first. `db` (an app.persistence.db.Database) adds the server and schema versions."""
    from app import __version__
    from app.persistence import migrate

    found = {"program": __version__, "python": platform.python_version(), "platform": platform.platform(),
             "sqlite_library": sqlite3.sqlite_version, "schema_of_program": migrate.head_revision()}
    if db is not None:
        try:
            found["database_schema"] = migrate.current_revision(db) or "(empty)"
            with db.engine.connect() as conn:
                if db.is_sqlite:
                    found["database"] = "SQLite " + str(conn.exec_driver_sql("SELECT sqlite_version()").scalar())
                else:
                    found["database"] = "PostgreSQL " + str(conn.exec_driver_sql("SHOW server_version").scalar())
        except Exception as exc:  # noqa: BLE001 - a report is made even when the database is unreachable
            found["database"] = f"unreachable: {exc.__class__.__name__}"
    found.update(extra or {})
    return found


def _tail(path: Path, size: int) -> str:
    if not path.exists():
        return ""
    with open(path, "rb") as fh:
        fh.seek(max(0, path.stat().st_size - size))
        return redact(fh.read().decode("utf-8", errors="replace"))


def save_report(target: Path | str, db: Any = None, extra: dict[str, str] | None = None,
                folder: Path | None = None) -> Path:
    """One zip for support: versions.json, settings.json, bwms.log (recent, redacted), crash.log."""
    target = Path(target)
    folder = folder or log_folder()
    settings_rows: dict[str, str] = {}
    if db is not None:
        try:
            from app import settings
            from app.persistence.uow import UnitOfWork

            with UnitOfWork(db, write=False) as uow:
                settings_rows = {key: str(settings.get(uow.session, key)) for key in settings.REGISTRY}
        except Exception as exc:  # noqa: BLE001 - the report still goes out without them
            settings_rows = {"error": f"settings could not be read: {exc.__class__.__name__}"}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("versions.json", json.dumps(versions(db, extra), indent=2))
        bundle.writestr("settings.json", json.dumps(settings_rows, indent=2, ensure_ascii=False))
        bundle.writestr(LOG_NAME, _tail(folder / LOG_NAME, REPORT_TAIL))
        bundle.writestr(CRASH_NAME, _tail(folder / CRASH_NAME, REPORT_TAIL))
    return target
