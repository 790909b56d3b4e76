"""The pack station: scan the order (or waybill) number, every unit, then weigh; the label prints.

States: waiting for an order → checking units (each unit is compared with what was picked for the order;
a unit of another order or a wrong lot is refused) → weighing (all units checked). CMD:UNDO forgets the
last unit scan; scanning another order while one is open is refused until it is packed.
"""

from __future__ import annotations

import uuid
from collections import Counter
from decimal import Decimal
from pathlib import Path

from app.domain import gs1
from app.domain.gs1 import BadScan, Command, CommandScan, ItemScan
from app.errors import BwmsError
from app.outbound import packing
from app.outbound.packing import Expected, PackOrder, Unit
from app.persistence.uow import OpenUnitOfWork
from app.stations import Feedback, Tone, error, feedback


def _code(raw: str) -> str:
    text = raw.strip()
    return text[3:] if text.startswith("]") and len(text) > 3 else text


class PackStation:
    """One packer at one bench; `order` is the parcel being checked, `units` what was scanned for it."""

    def __init__(self, open_uow: OpenUnitOfWork, *, packing_location: str | None = None,
                 label_out: Path | None = None) -> None:
        self.open_uow = open_uow  # the caller's: each step runs in its own unit of work from it
        self.packing_location = packing_location
        self.label_out = label_out
        self.order: PackOrder | None = None
        self.units: list[Unit] = []

    @property
    def complete(self) -> bool:
        return self.order is not None and sum(u.count for u in self.units) == self.order.units

    def scan(self, raw: str, scan_id: str | None = None) -> Feedback:
        scan_id = scan_id or uuid.uuid4().hex
        if self.order is None:
            return self._open(raw, scan_id)
        decoded = gs1.decode(raw)
        if isinstance(decoded, CommandScan) and decoded.command == Command.UNDO:
            return self._undo()
        if isinstance(decoded, ItemScan):
            return self._unit(decoded)
        if isinstance(decoded, BadScan) and decoded.code == "unknown_barcode":
            return Feedback(Tone.ERROR, "parcel_open", f"order {self.order.order_no} is being packed: finish it "
                            "(scan its units, then weigh) before the next order")
        return Feedback(Tone.ERROR, getattr(decoded, "code", "not_a_unit"), getattr(
            decoded, "reason", f"scan the units of order {self.order.order_no}"))

    def _open(self, raw: str, scan_id: str) -> Feedback:
        try:
            with self.open_uow() as uow:
                result = packing.start_parcel(uow, _code(raw), raw, scan_id, location=self.packing_location)
                uow.commit()
        except BwmsError as exc:
            return error(exc)
        if not result.accepted:
            return feedback(result)
        p = result.params
        self.order = PackOrder(0, p["order_no"], p["waybill"], p["carrier"], tuple(
            Expected(i, c["sku"], c["gtin"], c["name"], c["qty"], c["lots"]) for i, c in enumerate(p["contents"])))
        self.units = []
        return Feedback(Tone.PROMPT, "order", result.text, p)

    def _unit(self, scan: ItemScan) -> Feedback:
        assert self.order is not None
        counted: Counter[int] = Counter()
        for u in self.units:
            counted[packing.product_of(self.order, u.gtin).product_id] += u.count
        unit = Unit(scan.gtin, scan.batch, scan.count)
        problem = packing.unit_problem(self.order, counted, unit)
        if problem:
            return Feedback(Tone.ERROR, "wrong_unit", problem, {"gtin": scan.gtin})
        self.units.append(unit)
        done = sum(u.count for u in self.units)
        sku = packing.product_of(self.order, scan.gtin).sku
        if self.complete:
            return Feedback(Tone.PROMPT, "checked", f"{sku}: all {done} units of {self.order.order_no} checked — "
                            "weigh the parcel", {"checked": done, "units": self.order.units})
        return Feedback(Tone.OK, "unit", f"{sku}: {done} of {self.order.units} units checked",
                        {"checked": done, "units": self.order.units})

    def _undo(self) -> Feedback:
        if not self.units:
            return Feedback(Tone.ERROR, "nothing_to_undo", "no unit scanned yet for this parcel")
        last = self.units.pop()
        return Feedback(Tone.OK, "undone", f"last scan undone (GTIN {last.gtin}); "
                        f"{sum(u.count for u in self.units)} units checked", {"gtin": last.gtin})

    def weigh(self, weight: Decimal | str) -> Feedback:
        """The parcel's weight (from the scale or typed): make the parcel, queue its label and packing list."""
        if self.order is None:
            return Feedback(Tone.ERROR, "no_parcel", "scan an order or waybill number first")
        try:
            with self.open_uow() as uow:
                result = packing.pack_parcel(uow, self.order.order_no, self.units, weight, label_out=self.label_out)
                uow.commit()
        except BwmsError as exc:
            return error(exc)
        self.order, self.units = None, []
        return Feedback(Tone.OK, "packed", f"parcel {result.waybill} packed: {result.pieces} units, "
                        f"{result.weight} kg (computed {result.computed} kg); label printing", result.to_json())
