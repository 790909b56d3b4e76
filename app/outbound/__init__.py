"""Outbound: allocation, waves, pick, pack, manifest and gate-out stations, the documents' data, cancellation.

The lock order (PostgreSQL; SQLite's writer holds the whole database from BEGIN IMMEDIATE). Every writer that
changes what an order holds on the outbound side takes its row locks in this order, never back:

1. the orders advisory lock (`app.persistence.jobs.lock_orders`), by the batch writers that take it;
2. waves, ascending id — a pick or a short pick its wave; a cancellation the waves its order has open pick tasks
   in (`cancel.lock_with_waves`);
3. orders, ascending id (`app.persistence.jobs.lock_order_rows`) — a short pick the orders it shorts, before
   freezing anything and before the re-allocation; a cancellation its order;
4. the orders' allocations and pick tasks;
5. stock rows: those at storage locations before those at packing locations, each ascending id — a short pick
   locks every storage row of the products it shorts (the rows it freezes and those it may re-allocate from) in
   one statement; a cancellation the rows its allocations hold; an allocation run its sellable rows;
6. manifests, then parcels — a new manifest locks its parcels' orders before the parcels; a vehicle pass its
   parcels' orders before its manifests; a loading scan and a supervisor's unloading (`shipping.unload_parcel`)
   their parcel's order before the manifest and the parcel, as a cancellation opening that parcel does;
7. the audit chain's advisory lock (`app.admin.audit.record`, held from the first record to the commit): after
   every row lock — a cancellation locks the manifest its parcel comes off before withdrawing the parcel's prints
   (audited), or a loading scan holding the manifest and waiting for the chain would wait for it crosswise.

So a re-allocation after a short pick and a cancellation of the same order queue on the wave (or the order)
and never hold what the other waits for. One exception: a pick scan marks its orders picked after moving their
stock (the hot path reads its orders without locking them); it holds their wave, which every other writer of
those orders (they have open pick tasks in it) takes first.
"""

from app.outbound.allocation import AllocationReport, allocate
from app.outbound.cancel import HELD as HELD_STATUSES
from app.outbound.cancel import Released, lock_with_waves
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
    "create_manifest", "gate_out", "gate_pass_data", "lock_with_waves", "manifest_data", "packing_list_data",
    "pass_vehicle", "pick_list", "pull_list_data", "release_held", "waybill_data",
]
