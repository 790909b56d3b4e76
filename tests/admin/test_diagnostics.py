"""Logs a supervisor can send (issue 17 item 4): the rotating log without buyer data, crash traces, the report."""

from __future__ import annotations

import json
import logging
import zipfile
from pathlib import Path

from app import diagnostics
from app.persistence.migrate import head_revision


def _undo_logging() -> None:
    """What setup_logging did, undone: its handler off the root logger, the crash file closed, faulthandler off."""
    import faulthandler

    handler = diagnostics._state.pop("handler")
    logging.getLogger().removeHandler(handler)
    handler.close()
    faulthandler.disable()
    diagnostics._state.pop("crash").close()


def test_log_file_keeps_warnings_with_context_but_no_buyer_data(tmp_path: Path) -> None:
    log_file = diagnostics.setup_logging(tmp_path)
    try:
        log = logging.getLogger("bwms.test")
        log.info("routine detail that is not kept")
        log.warning("order %s refused for buyer 11010519491231002X phone 13812345678", "SO-1")
        try:
            raise ValueError("bad weight")
        except ValueError:
            log.exception("pack station failed")
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = log_file.read_text(encoding="utf-8")
        assert "WARNING bwms.test" in text and "SO-1" in text and "[id number]" in text and "[phone]" in text
        assert "11010519491231002X" not in text and "13812345678" not in text
        assert "routine detail" not in text
        assert "ValueError: bad weight" in text and "pid " in text
        assert (tmp_path / diagnostics.CRASH_NAME).exists()
        import faulthandler

        assert faulthandler.is_enabled()
    finally:
        _undo_logging()


def test_rotation(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(diagnostics, "LOG_BYTES", 2_000)
    diagnostics.setup_logging(tmp_path)
    try:
        for n in range(200):
            logging.getLogger("bwms.test").error("line %d of a long log", n)
        assert (tmp_path / "bwms.log.1").exists()
    finally:
        _undo_logging()


def test_report_bundle(db, tmp_path: Path) -> None:
    (tmp_path / "bwms.log").write_text("2026 WARNING x buyer 110105194912310021 said hello\n", encoding="utf-8")
    target = diagnostics.save_report(tmp_path / "r.zip", db, {"qt": "6.x"}, folder=tmp_path)
    with zipfile.ZipFile(target) as bundle:
        versions = json.loads(bundle.read("versions.json"))
        assert versions["schema_of_program"] == versions["database_schema"] == head_revision()
        assert versions["qt"] == "6.x" and versions["database"].split()[0] in {"SQLite", "PostgreSQL"}
        log = bundle.read("bwms.log").decode()
        assert "hello" in log and "110105194912310021" not in log
        assert json.loads(bundle.read("settings.json"))["backup_keep"] == "14"
