"""Replaying a scan file through a station (`bwms receive|putaway|pick|pack|gate-out --scans FILE`).

Each line gets a scan id derived from (the context, the file's SHA-256, the line number), so replaying a file
counts and moves nothing twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import FileRejected, RowError

if TYPE_CHECKING:
    from app.stations import Feedback


def read_scans(path: Path) -> tuple[str, list[tuple[int, str]]]:
    """(the file's SHA-256, [(line number, scan)]) — split on LF only: GS (0x1D) is part of a scan."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileRejected(errors=[RowError(str(path), 0, "", f"cannot read the file: {exc.strerror or exc}")]) from exc
    lines = data.decode("utf-8", errors="replace").split("\n")
    scans = [(i, line.rstrip("\r")) for i, line in enumerate(lines, start=1) if line.strip()]
    return hashlib.sha256(data).hexdigest(), scans


def file_scan_id(context: str, digest: str, line: int | str) -> str:
    return hashlib.sha256(f"{context}|{digest}|{line}".encode()).hexdigest()[:40]


def replay(path: Path, context: str,
           scan: Callable[[str, str], Feedback]) -> tuple[list[Feedback], dict[str, Any], str]:
    """Feed every scan of the file to `scan(raw, scan id)` (a station's); the ids make a replay count nothing."""
    from app.stations import Tone

    digest, scans = read_scans(path)
    accepted, rejected, shown = 0, [], []
    for line, raw in scans:
        fb = scan(raw, file_scan_id(context, digest, line))
        shown.append(fb)
        if fb.tone == Tone.ERROR:
            rejected.append({"line": line, "scan": raw, "reason": fb.text})
        else:
            accepted += 1
    return shown, {"accepted": accepted, "rejected": rejected}, digest
