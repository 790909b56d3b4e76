"""Outbound: allocation, waves, pick, pack, manifest and gate-out stations, the documents' data, cancellation."""

from app.outbound.allocation import AllocationReport, allocate
from app.outbound.cancel import HELD as HELD_STATUSES
from app.outbound.cancel import Released
from app.outbound.cancel import release as release_held
from app.outbound.documents import gate_pass_data, manifest_data, packing_list_data, pull_list_data, waybill_data
from app.outbound.gate_station import GateStation
from app.outbound.pack_station import PackStation
from app.outbound.pick_station import PickStation
from app.outbound.shipping import create_manifest, gate_out, pass_vehicle
from app.outbound.waves import pick_list

# waves.waves keeps its module's name, so it is reached through the module.
__all__ = [
    "HELD_STATUSES", "AllocationReport", "GateStation", "PackStation", "PickStation", "Released", "allocate",
    "create_manifest", "gate_out", "gate_pass_data", "manifest_data", "packing_list_data", "pass_vehicle", "pick_list",
    "pull_list_data", "release_held", "waybill_data",
]
