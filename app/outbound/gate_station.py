"""The gate station: scan the manifest (or its gate pass), then each parcel as it is loaded onto the vehicle;
then the vehicle passes, and only then do its parcels leave the zone.

Each parcel scan LOADS that parcel (its own transaction, logged under its scan id; no stock or ledger moves); a
parcel not on the manifest, not released, already loaded or already out is refused. When every parcel is loaded,
the vehicle passes (`pass_vehicle`: its weights and IC card): every parcel ships in one transaction.
A scan is one transaction: a parcel of the current manifest is loaded first; only a code that is not one is
looked up as a manifest (the station switches to it) before it is refused.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal

from app.errors import BwmsError, Rejected
from app.outbound import documents as shipping_documents
from app.outbound import shipping
from app.persistence.uow import OpenUnitOfWork, UnitOfWork
from app.stations import Feedback, Tone, error, feedback


def _code(raw: str) -> str:
    text = raw.strip()
    return text[3:] if text.startswith("]") and len(text) > 3 else text


class GateStation:
    """One gate clerk; `manifest` is the manifest whose vehicle is being loaded."""

    def __init__(self, open_uow: OpenUnitOfWork, manifest: str | None = None) -> None:
        self.open_uow = open_uow  # the caller's: each step runs in its own unit of work from it
        self.manifest = manifest

    def scan(self, raw: str, scan_id: str | None = None) -> Feedback:
        code = _code(raw)
        if not code:
            return Feedback(Tone.ERROR, "empty", "empty scan")
        scan_id = scan_id or uuid.uuid4().hex
        try:
            with self.open_uow() as uow:
                if self.manifest is not None:
                    loaded = shipping.gate_parcel(uow, self.manifest, code, raw, scan_id)
                    if loaded is not None:
                        uow.commit()
                        return feedback(loaded)
                found = self._manifest(uow, code)
                if found is not None:
                    return found  # nothing written: the unit of work rolls back
                if self.manifest is None:
                    return Feedback(Tone.ERROR, "manifest_first", "scan the manifest or gate pass first")
                result = shipping.gate_scan(uow, self.manifest, code, raw, scan_id, fast=False)
                uow.commit()
        except BwmsError as exc:
            return error(exc)
        return feedback(result)

    def _manifest(self, uow: UnitOfWork, code: str) -> Feedback | None:
        """A manifest or gate pass number switches the station to that vehicle (read in the scan's transaction)."""
        try:
            manifest = shipping_documents.find_manifest(uow, code)
        except BwmsError:
            return None
        number, status, count = manifest.manifest_no, manifest.status, manifest.parcel_count
        self.manifest = number
        if status == "exited":
            return Feedback(Tone.WARN, "manifest_exited", f"manifest {number} already left the zone",
                            {"manifest": number})
        return Feedback(Tone.PROMPT, "manifest", f"manifest {number}: scan each of its {count} parcels as it is "
                        "loaded", {"manifest": number, "parcels": count})

    def pass_vehicle(self, *, gross_weight: Decimal | str | None = None, tare_weight: Decimal | str | None = None,
                     ic_card: str = "", weights_from: str = "typed", also: Sequence[str] = (),
                     whole_manifest: bool = False) -> shipping.GateOutReport:
        """The vehicle of the current manifest passes the gate with its weights and IC card: every parcel ships, in
        one transaction (`shipping.pass_vehicle`: every parcel loaded first; `whole_manifest`: the supervisor's
        exit, `shipping.gate_out`, loaded or not). Raises the refusal (nothing changed)."""
        if self.manifest is None:
            raise Rejected("scan the manifest or gate pass first", code="manifest_first")
        use = shipping.gate_out if whole_manifest else shipping.pass_vehicle
        with self.open_uow() as uow:
            report = use(uow, self.manifest, gross_weight=gross_weight, tare_weight=tare_weight, ic_card=ic_card,
                         weights_from=weights_from, also=also)
            uow.commit()
        return report

    def unload(self, waybill: str) -> shipping.UnloadReport:
        """The supervisor takes a loaded parcel off the vehicle (and off its manifest) before the vehicle passes, so
        the rest of it may pass (`shipping.unload_parcel`, one transaction). Raises the refusal (nothing changed)."""
        with self.open_uow() as uow:
            report = shipping.unload_parcel(uow, waybill)
            uow.commit()
        return report
