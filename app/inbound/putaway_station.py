"""The put-away station: scan the goods (carton, pallet SSCC or product), then the storage location.

Each scan is its own transaction, logged under its scan id; a replayed scan returns its first result, so a
replayed file moves nothing twice. Scanning other goods while a location is awaited replaces the goods.
"""

from __future__ import annotations

import uuid

from app.domain import gs1
from app.domain.gs1 import BadScan, CommandScan, HandlingUnitScan, ItemScan, LocationScan
from app.errors import BwmsError
from app.inbound import putaway
from app.persistence.uow import OpenUnitOfWork
from app.stations import Feedback, Tone, error, feedback


class PutawayStation:
    """Goods first, then location: the pending goods scan waits for the location scan."""

    def __init__(self, open_uow: OpenUnitOfWork, *, allow_mixed: bool = False) -> None:
        self.open_uow = open_uow  # the caller's: each step runs in its own unit of work from it
        self.allow_mixed = allow_mixed  # the clerk was told two lots of one SKU may share a location
        self.pending: str | None = None  # the raw goods scan waiting for its location

    def scan(self, raw: str, scan_id: str | None = None) -> Feedback:
        decoded = gs1.decode(raw)
        scan_id = scan_id or uuid.uuid4().hex
        if isinstance(decoded, CommandScan):
            self.pending = None
            return Feedback(Tone.PROMPT, "goods_first", "cleared: scan the goods (carton, pallet or product)")
        if isinstance(decoded, BadScan):
            return Feedback(Tone.ERROR, decoded.code, decoded.reason)
        try:
            with self.open_uow() as uow:
                if isinstance(decoded, (ItemScan, HandlingUnitScan)):
                    result = putaway.goods_scan(uow, decoded, raw, scan_id)
                    if result.accepted:
                        self.pending = result.params.get("goods_scan", raw)
                elif self.pending is None:
                    return Feedback(Tone.ERROR, "goods_first", "scan the goods (carton, pallet or product) first")
                else:
                    assert isinstance(decoded, LocationScan)
                    result = putaway.location_scan(uow, self.pending, decoded.code, raw, scan_id,
                                                   allow_mixed=self.allow_mixed)
                    if result.accepted:
                        self.pending = None
                uow.commit()
        except BwmsError as exc:
            return error(exc)
        shown = feedback(result)
        if result.accepted and self.pending is not None:
            return Feedback(Tone.PROMPT, shown.code, shown.text, shown.params)
        return shown
