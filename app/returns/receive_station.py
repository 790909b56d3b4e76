"""The return receiving station: scan the parcel (return number or original waybill), each unit, CMD:CLOSE.

`station.scan(raw, scan_id)` runs one scan in its own transaction and returns the Feedback to show; CMD:DAMAGED
only changes the station's state (the next unit is graded damaged). The GUI screen, `bwms returns receive
--scans FILE` and the tests drive this same object.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from app.domain import gs1
from app.domain.gs1 import Command, CommandScan, ItemScan
from app.errors import BwmsError
from app.persistence.uow import OpenUnitOfWork
from app.returns import receiving
from app.stations import Feedback, Tone, error, feedback


class ReturnStation:
    """One clerk receiving returned parcels one after the other (state: the open parcel, damaged-next)."""

    def __init__(self, open_uow: OpenUnitOfWork, *, now: datetime | None = None) -> None:
        self.open_uow = open_uow
        self.now = now  # fixed "now" for replays and tests; None: the clock
        self.return_no: str | None = None
        self.damaged_next = False
        self.lines: list[dict[str, Any]] = []

    def scan(self, raw: str, scan_id: str | None = None) -> Feedback:
        scan_id = scan_id or uuid.uuid4().hex
        decoded = gs1.decode(raw)
        if isinstance(decoded, CommandScan):
            return self._command(decoded.command, raw, scan_id)
        if self.return_no is None:
            return self._open(raw, scan_id)
        if isinstance(decoded, ItemScan):
            damaged, self.damaged_next = self.damaged_next, False
            return self._step(lambda uow: receiving.receive_unit(uow, self.return_no or "", decoded, raw, scan_id,
                                                                 damaged=damaged, now=self.now))
        return Feedback(Tone.ERROR, "close_first", f"return {self.return_no} is open: scan its units, or "
                        "CMD:CLOSE before the next parcel", {"return": self.return_no})

    def _command(self, command: Command, raw: str, scan_id: str) -> Feedback:
        if command == Command.DAMAGED:
            self.damaged_next = True
            return Feedback(Tone.PROMPT, "damaged_next", "the next unit scanned is graded damaged")
        if command == Command.CLOSE:
            if self.return_no is None:
                return Feedback(Tone.ERROR, "no_parcel", "no parcel is open: scan the return number or waybill")
            fb = self._step(lambda uow: receiving.close_parcel(uow, self.return_no or "", raw, scan_id, now=self.now))
            if fb.accepted:
                self.return_no, self.damaged_next = None, False
            return fb
        return Feedback(Tone.ERROR, "unknown_command", f"{raw} does nothing at the return station")

    def _open(self, raw: str, scan_id: str) -> Feedback:
        code = raw.rstrip("\r\n")
        code = code[3:] if code.startswith("]") and len(code) > 3 else code
        fb = self._step(lambda uow: receiving.open_parcel(uow, code, raw, scan_id, now=self.now))
        if fb.accepted:
            self.return_no = fb.params["return"]
        return fb

    def _step(self, action: Any) -> Feedback:
        try:
            with self.open_uow() as uow:
                result = action(uow)
                uow.commit()
        except BwmsError as exc:
            return error(exc)
        if "lines" in result.params:
            self.lines = result.params["lines"]
        return feedback(result)

    def clear(self) -> None:
        """Esc: forget the open parcel on this station (what was counted stays counted)."""
        self.return_no, self.damaged_next, self.lines = None, False, []
