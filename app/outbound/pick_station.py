"""The pick station: a picker walks one wave, scanning each location and then every unit taken there.

States: waiting for a location → at a location (unit scans, or CMD:SHORT when what is left is not there).
Each scan is its own transaction, logged under its scan id, so a replayed file picks nothing twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from app.domain import gs1
from app.domain.gs1 import BadScan, ItemScan, LocationScan
from app.errors import BwmsError
from app.outbound import picking
from app.persistence.uow import OpenUnitOfWork, UnitOfWork
from app.stations import Feedback, Tone, error, feedback, scanlog
from app.stations.scanlog import ScanResult

SHORT = "CMD:SHORT"  # the pick station's command: what is still to pick here is not there


class PickStation:
    """One picker on one wave; `location` is where the last accepted location scan put them."""

    def __init__(self, open_uow: OpenUnitOfWork, wave_no: str, *, packing: str | None = None) -> None:
        self.open_uow = open_uow  # the caller's: each step runs in its own unit of work from it
        self.wave_no = wave_no
        self.packing = packing  # the packing location picked units go to (default: the first one)
        self.location: str | None = None

    def scan(self, raw: str, scan_id: str | None = None) -> Feedback:
        scan_id = scan_id or uuid.uuid4().hex
        text = raw.strip()
        if text.endswith(SHORT) and text[:-len(SHORT)] in ("", "]C0"):
            return self._short(raw, scan_id)
        decoded = gs1.decode(raw)
        if isinstance(decoded, BadScan):
            return Feedback(Tone.ERROR, decoded.code, decoded.reason)
        if isinstance(decoded, LocationScan):
            return self._arrive(decoded.code)
        if not isinstance(decoded, ItemScan):
            return Feedback(Tone.ERROR, "not_a_pick_scan", "scan a location, a product, or CMD:SHORT")
        if self.location is None:  # a scan another station (the same file replayed) already did is answered
            return self._replayed(scan_id) or Feedback(Tone.ERROR, "location_first",
                                                       "scan the location before the goods")
        return self._run(lambda uow: picking.pick_scan(uow, self.wave_no, self.location, decoded, raw, scan_id,
                                                      packing=self.packing))

    def _arrive(self, code: str) -> Feedback:
        try:
            with self.open_uow(write=False) as uow:
                result = picking.check_location(uow, self.wave_no, code)
        except BwmsError as exc:
            return error(exc)
        if result.accepted:
            self.location = code
            shown = feedback(result)
            return Feedback(Tone.PROMPT, shown.code, shown.text, shown.params)
        return feedback(result)

    def _replayed(self, scan_id: str) -> Feedback | None:
        """The first result of a scan id logged before, whatever this station's state (a replayed file)."""
        with self.open_uow(write=False) as uow:
            first = scanlog.replayed(uow, scan_id)
        return None if first is None else feedback(first)

    def _short(self, raw: str, scan_id: str) -> Feedback:
        if self.location is None:
            return self._replayed(scan_id) or Feedback(Tone.ERROR, "location_first",
                                                       "scan the location where goods are missing first")
        return self._run(lambda uow: picking.short_pick(uow, self.wave_no, self.location, raw, scan_id))

    def _run(self, action: Callable[[UnitOfWork], ScanResult]) -> Feedback:
        try:
            with self.open_uow() as uow:
                result = action(uow)
                uow.commit()
        except BwmsError as exc:
            return error(exc)
        return feedback(result)
