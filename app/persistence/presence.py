"""Who has the embedded SQLite file open: one presence file per process, held with a shared file lock.

A process that opens a SQLite database file writes `<db>.who/<host>-<pid>.json` (host, pid, station, user,
since) and holds a shared `flock` on it until it ends. Restore asks `others(path)`: a presence file that can be
locked exclusively belongs to a process that has ended (it is removed); one that cannot is a live process,
named in the refusal. The lock dies with the process, so a crash leaves no false "connected".
(PostgreSQL needs none of this: restore reads pg_stat_activity.)
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from app.persistence.types import utcnow


@dataclass(frozen=True)
class Presence:
    host: str
    pid: int
    station: str
    user: str
    since: str

    def __str__(self) -> str:
        who = f"{self.user}@{self.station}" if self.user else self.station or "a program"
        return f"{who} (host {self.host}, process {self.pid}, since {self.since})"


def folder(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".who")


class Announcement:
    """This process's presence beside one database file (held until `close`)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = folder(db_path) / f"{socket.gethostname()}-{os.getpid()}-{id(self):x}.json"
        self._fh: IO[str] | None = None
        self.station, self.user = os.environ.get("BWMS_STATION", ""), ""
        try:
            self.path.parent.mkdir(exist_ok=True)
            self._fh = open(self.path, "w+", encoding="utf-8")  # noqa: SIM115 - held open for the process
            fcntl.flock(self._fh, fcntl.LOCK_SH)
            self._write()
        except OSError:  # a read-only folder: the database opens anyway, unseen by restore's check
            self._fh = None

    def describe(self, *, station: str = "", user: str = "") -> None:
        """Name the station and the signed-in user (after login)."""
        self.station, self.user = station or self.station, user or self.user
        self._write()

    def _write(self) -> None:
        if self._fh is None:
            return
        self._fh.seek(0)
        self._fh.truncate()
        json.dump({"host": socket.gethostname(), "pid": os.getpid(), "station": self.station, "user": self.user,
                   "since": utcnow().isoformat(timespec="seconds")}, self._fh)
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            self.path.unlink(missing_ok=True)


def others(db_path: Path, *, mine: set[Path] | None = None) -> list[Presence]:
    """The live processes, other than `mine`, that have `db_path` open; stale presence files are removed."""
    found: list[Presence] = []
    where = folder(db_path)
    if not where.is_dir():
        return found
    for entry in sorted(where.glob("*.json")):
        if mine and entry in mine:
            continue
        try:
            with open(entry, encoding="utf-8") as fh:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    data = json.loads(fh.read() or "{}")
                    found.append(Presence(str(data.get("host", "?")), int(data.get("pid", 0)),
                                          str(data.get("station", "")), str(data.get("user", "")),
                                          str(data.get("since", ""))))
                    continue
            entry.unlink(missing_ok=True)  # its process has ended
        except (OSError, ValueError):
            continue
    return found
