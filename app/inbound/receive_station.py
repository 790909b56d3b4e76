"""The receive station: a clerk tallies one declaration by scanning carton labels, commands and locations.

`station.scan(raw, scan_id)` runs one scan in its own transaction and returns the Feedback to show; the
screen also shows `station.tally()`. CMD:DAMAGED and location scans change only the station's state.
"""

from __future__ import annotations

import uuid
from datetime import date

from app.domain import gs1
from app.domain.gs1 import Command, CommandScan, ItemScan, LocationScan
from app.errors import BwmsError
from app.inbound import queries as receiving_query
from app.inbound import receiving
from app.inbound import tally_close as receiving_close
from app.inbound.queries import TallyRow
from app.persistence.uow import OpenUnitOfWork
from app.stations import Feedback, Tone, error, feedback


class ReceiveStation:
    """One clerk tallying one declaration at one station (a small state machine: damaged-next, staging)."""

    def __init__(self, open_uow: OpenUnitOfWork, declaration_no: str, *, today: date | None = None) -> None:
        self.open_uow = open_uow  # the caller's: each step runs in its own unit of work from it
        self.declaration_no = declaration_no
        self.today = today
        self.damaged_next = False
        self.staging: str | None = None  # the location code a location scan chose for the goods at close

    def scan(self, raw: str, scan_id: str | None = None) -> Feedback:
        """Handle one scan; `scan_id` is made at capture (a new one if not given) so a replay counts nothing."""
        decoded = gs1.decode(raw)
        if isinstance(decoded, CommandScan) and decoded.command == Command.DAMAGED:
            self.damaged_next = True
            return Feedback(Tone.PROMPT, "damaged_next", "the next carton scanned is counted as damaged")
        if isinstance(decoded, LocationScan):
            return self._choose_staging(decoded.code)
        damaged = self.damaged_next and isinstance(decoded, ItemScan)
        if isinstance(decoded, ItemScan):
            self.damaged_next = False
        try:
            with self.open_uow() as uow:
                result = receiving.receive_scan(uow, self.declaration_no, decoded, raw, scan_id or uuid.uuid4().hex,
                                                damaged=damaged, staging=self.staging, today=self.today)
                uow.commit()
        except BwmsError as exc:
            return error(exc)
        return feedback(result)

    def _choose_staging(self, code: str) -> Feedback:
        try:
            with self.open_uow(write=False) as uow:
                chosen = receiving_close.staging_location(uow, code).code
        except BwmsError as exc:
            return error(exc)
        self.staging = chosen
        return Feedback(Tone.OK, "staging_chosen", f"at close the goods are staged at {chosen}", {"location": chosen})

    def tally(self) -> list[TallyRow]:
        """Expected vs received / damaged / short / over per line (the station's table)."""
        with self.open_uow(write=False) as uow:
            return receiving_query.tally_rows(uow, self.declaration_no)
