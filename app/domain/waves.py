"""Grouping allocated orders into waves: by carrier, single-unit orders apart, at most N orders a wave."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby


@dataclass(frozen=True)
class WaveOrder:
    order_no: str
    carrier: str
    units: int


@dataclass(frozen=True)
class WavePlan:
    carrier: str
    single_unit: bool
    order_nos: tuple[str, ...]


def plan_waves(orders: Iterable[WaveOrder], max_orders: int) -> list[WavePlan]:
    """Deterministic: carriers alphabetically, single-unit waves first, orders in the given order."""
    if max_orders < 1:
        raise ValueError("max_orders must be at least 1")

    def key(o: WaveOrder) -> tuple[str, bool]:
        return (o.carrier, o.units != 1)

    plans: list[WavePlan] = []
    for (carrier, multi), group in groupby(sorted(orders, key=key), key=key):
        nos = [o.order_no for o in group]
        for start in range(0, len(nos), max_orders):
            plans.append(WavePlan(carrier, not multi, tuple(nos[start:start + max_orders])))
    return plans
