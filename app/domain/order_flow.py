"""The stages of an order's flow, as the overview and the orders screen's tabs count them.

An order's status says exactly where it is; a flow stage groups the statuses a supervisor reads as one step:
"allocated" holds the orders waiting on a short pick too, "packed" the parcels already on a manifest that has
not left, "inspection" the orders customs stopped (inspected or detained). Every status belongs to exactly one
stage, so the stages add up to every order.
"""

from __future__ import annotations

# stage → the ConsumerOrder statuses it shows, in the order the flow runs
FLOW_STAGES: dict[str, tuple[str, ...]] = {
    "accepted": ("accepted",),
    "declared": ("declared",),
    "released": ("released",),
    "allocated": ("allocated", "short"),
    "picked": ("picked",),
    "packed": ("packed", "manifested"),
    "shipped": ("shipped",),
    "rejected": ("customs_rejected",),
    "inspection": ("inspection", "detained"),
    "cancelled": ("cancelled",),
}


def stage_of(status: str) -> str:
    """The flow stage of an order status (an unknown status is its own stage, never lost from a total)."""
    for stage, statuses in FLOW_STAGES.items():
        if status in statuses:
            return stage
    return status


def stage_counts(status_counts: dict[str, int]) -> dict[str, int]:
    """Orders per status → orders per flow stage (every stage present, 0 when empty)."""
    out = dict.fromkeys(FLOW_STAGES, 0)
    for status, count in status_counts.items():
        stage = stage_of(status)
        out[stage] = out.get(stage, 0) + count
    return out


def parcel_state(status: str, loaded_at: object) -> str:
    """A parcel's state as screens, documents and the trace show it: a parcel still on its manifest ("manifested")
    that was scanned onto the vehicle at the gate (`loaded_at` set) is "loaded" — inside the zone until the vehicle
    passes; otherwise its status ("packed", "manifested", "shipped")."""
    return "loaded" if status == "manifested" and loaded_at is not None else status
