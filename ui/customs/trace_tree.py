"""The trace as a tree: container/declaration → lot → parcel → order, from what app.customs.trace returns.

Upwards from a parcel or order this is its chain back to the container; downwards from a lot, declaration or
container it is every parcel the goods went out in. Orders allocated but not packed yet hang under their
lots; orders not allocated at all are listed apart. Nodes that the searched code names are marked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Node:
    """One line of the tree: its kind (declaration, lot, parcel, order), number, details, children."""

    kind: str
    number: str
    details: dict[str, Any]
    children: list[Node] = field(default_factory=list)
    matched: bool = False
    key: str = ""  # what opens more about it (the lot's "DECLARATION/BATCH" for its batch record)


def build(data: dict[str, Any]) -> list[Node]:
    """The roots of the tree for one trace result."""
    code = data["code"]
    orders = {o["order_no"]: o for o in data["orders"]}
    parcels_of: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for p in data["parcels"]:
        for item in p["items"]:
            parcels_of[(item["sku"], item["batch"])].append(p)
    allocated_to: dict[tuple[str, str], set[str]] = defaultdict(set)
    for o in data["orders"]:
        for a in o["allocations"]:
            allocated_to[(a["sku"], a["batch"])].add(o["order_no"])
    roots = []
    for d in data["declarations"]:
        root = Node("declaration", d["declaration"], d, matched=code in (d["declaration"], d["container"]))
        for lot in (lot for lot in data["lots"] if lot["declaration"] == d["declaration"]):
            root.children.append(_lot(lot, code, orders, parcels_of, allocated_to))
        roots.append(root)
    unallocated = [o for o in data["orders"] if not o["allocations"]]
    if unallocated:
        roots.append(Node("unallocated", "", {}, [_order(o, code) for o in unallocated]))
    return roots


Held = dict[tuple[str, str], Any]  # (SKU, batch) → the parcels holding it / the orders allocated it


def _lot(lot: dict[str, Any], code: str, orders: dict[str, dict[str, Any]], parcels_of: Held,
         allocated_to: Held) -> Node:
    key = (lot["sku"], lot["batch"])
    node = Node("lot", lot["batch"], lot, matched=code in (lot["batch"], lot["lot"]), key=lot["lot"])
    packed = set()
    for p in parcels_of.get(key, []):
        qty = sum(i["qty"] for i in p["items"] if (i["sku"], i["batch"]) == key)
        parcel = Node("parcel", p["waybill"], {**p, "lot_qty": qty}, matched=code == p["waybill"])
        if p["order_no"] in orders:
            parcel.children.append(_order(orders[p["order_no"]], code))
        packed.add(p["order_no"])
        node.children.append(parcel)
    for order_no in sorted(allocated_to.get(key, set()) - packed):
        node.children.append(_order(orders[order_no], code))
    return node


def _order(o: dict[str, Any], code: str) -> Node:
    return Node("order", o["order_no"], o, matched=code in (o["order_no"], o["waybill"]))


def walk(nodes: list[Node]) -> list[Node]:
    """Every node, depth first (tests and searches)."""
    out = []
    for n in nodes:
        out.append(n)
        out += walk(n.children)
    return out
