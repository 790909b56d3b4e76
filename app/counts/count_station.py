"""The count station: scan a location's label, then what is there — each unit (GTIN) or a carton's GS1 label with
its count (AI 30/37, and its batch when the label says it). CMD:UNDO takes back this station's last count scan;
CMD:CLOSE closes the count.

Blind: the station never shows what the books expect, only what was counted. Each scan is its own transaction,
logged under its scan id (a replayed scan returns its first result and counts nothing twice). The GUI screen,
`bwms count scan ID --scans FILE` and the tests drive this same object.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from app.counts import counting
from app.domain import gs1
from app.domain.gs1 import BadScan, Command, CommandScan, HandlingUnitScan, ItemScan, LocationScan
from app.errors import BwmsError
from app.persistence.uow import OpenUnitOfWork, UnitOfWork
from app.stations import Feedback, Tone, error, feedback, scanlog
from app.stations.scanlog import ACCEPTED, ScanResult

WORKFLOW = "count"


class CountStation:
    """One counter on one count (state: the location being counted)."""

    def __init__(self, open_uow: OpenUnitOfWork, count_id: int) -> None:
        self.open_uow = open_uow
        self.count_id = count_id
        self.location: str | None = None

    def prompt(self) -> Feedback:
        if self.location is None:
            return Feedback(Tone.PROMPT, "scan_location", f"count {self.count_id}: scan a location's label",
                            {"count": self.count_id})
        return Feedback(Tone.PROMPT, "scan_goods", f"at {self.location}: scan every unit, or each carton's label; "
                        "then the next location", {"location": self.location})

    def scan(self, raw: str, scan_id: str | None = None) -> Feedback:
        scan_id = scan_id or uuid.uuid4().hex
        decoded = gs1.decode(raw)
        if isinstance(decoded, BadScan):
            return Feedback(Tone.ERROR, decoded.code, decoded.reason)
        if isinstance(decoded, CommandScan):
            if decoded.command == Command.UNDO:
                return self.undo(raw, scan_id)
            if decoded.command == Command.CLOSE:
                return self.close()
            return Feedback(Tone.ERROR, "unknown_command", f"{raw} does nothing at the count station")
        if isinstance(decoded, LocationScan):
            fb = self._once(raw, scan_id, lambda uow: self._arrive(uow, decoded.code))
            if fb.accepted:
                self.location = fb.params["location"]
            return fb
        if isinstance(decoded, HandlingUnitScan):
            return Feedback(Tone.ERROR, "no_contents", f"the label of {decoded.sscc} names no product: scan the "
                            "carton's GS1 label with its count, or each unit")
        assert isinstance(decoded, ItemScan)
        if self.location is None:
            return Feedback(Tone.ERROR, "location_first", "scan the location's label first")
        where = self.location
        return self._once(raw, scan_id, lambda uow: self._goods(uow, where, decoded))

    def _arrive(self, uow: UnitOfWork, code: str) -> ScanResult:
        counting.count_location(uow, self.count_id, code)
        return ScanResult(ACCEPTED, "location", f"at {code}: count everything here", {"location": code,
                                                                                         "count": self.count_id})

    def _goods(self, uow: UnitOfWork, code: str, scan: ItemScan) -> ScanResult:
        done = counting.count_goods(uow, self.count_id, code, scan.gtin, scan.count, scan.batch)
        batch = f" batch {done['batch']}" if done["batch"] else ""
        return ScanResult(ACCEPTED, "counted", f"counted {done['qty']} × {done['sku']}{batch} at {code} "
                          f"({done['counted_here']} counted here)", done)

    def _once(self, raw: str, scan_id: str, action: Callable[[UnitOfWork], ScanResult]) -> Feedback:
        try:
            with self.open_uow() as uow:
                result = scanlog.once(uow, scan_id, WORKFLOW, str(self.count_id), raw, lambda: action(uow))
                uow.commit()
        except BwmsError as exc:
            return error(exc)
        return feedback(result)

    def undo(self, raw: str = "CMD:UNDO", scan_id: str | None = None) -> Feedback:
        """F4: take back this station's last count scan."""
        def action(uow: UnitOfWork) -> ScanResult:
            done = counting.undo_last(uow, self.count_id)
            return ScanResult(ACCEPTED, "undone", f"undone: {done['qty']} × {done['sku']} at {done['location']}",
                              done)

        return self._once(raw, scan_id or uuid.uuid4().hex, action)

    def close(self) -> Feedback:
        """F9: close the count (blind: the variances go to the supervisor, not to this screen)."""
        try:
            with self.open_uow() as uow:
                closed = counting.close_count(uow, self.count_id)
                uow.commit()
        except BwmsError as exc:
            return error(exc)
        self.location = None
        return Feedback(Tone.OK, "count_closed", f"count {self.count_id} closed: the supervisor reviews it",
                        {"count": closed.count})

    def clear(self) -> None:
        """Esc: forget the location (what was counted stays counted)."""
        self.location = None
