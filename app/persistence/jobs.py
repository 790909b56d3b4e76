"""Long jobs over orders (import, export, receipts): batches, checkpoints, progress and cancel.

A long job runs inside the caller's unit of work but commits each finished batch (a checkpoint), so
100,000 orders neither hold one enormous transaction nor lose finished work when cancelled; the
caller commits the last batch as usual. Each batch is complete on its own: nothing is half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

from sqlalchemy import ColumnElement, select, text

from app.persistence.models import ConsumerOrder
from app.persistence.uow import UnitOfWork

Progress = Callable[[int, int], None]  # (done, total): the GUI's progress bar
Cancel = Callable[[], bool]            # polled between batches: True stops after the current batch
T = TypeVar("T")

ORDERS_LOCK = 0x42574D4F  # PostgreSQL advisory lock: one batch at a time decides on the bonded balance


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def checkpoint(uow: UnitOfWork) -> None:
    """Commit the finished batch and start the next transaction the way the unit of work began its first."""
    uow.restart()


def lock_orders(uow: UnitOfWork) -> None:
    """Serialise the deciding part of a batch across workstations (SQLite's BEGIN IMMEDIATE already does)."""
    if uow.is_postgres:
        uow.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ORDERS_LOCK})


def lock_order_rows(uow: UnitOfWork, where: ColumnElement[bool]) -> None:
    """Row-lock the orders `where` names before reading and changing their status: the one lock discipline of
    every writer of an order's status. On PostgreSQL, SELECT … FOR UPDATE in id order (two writers never lock
    the same orders crosswise): the same lock `customs export` and `allocate` take (FOR UPDATE SKIP LOCKED),
    so a cancellation, a receipt or a requeue waits for an export's batch and reads what it committed (READ
    COMMITTED: each statement after the lock sees it). On SQLite the writer holds the database from BEGIN
    IMMEDIATE already."""
    if uow.is_postgres:
        uow.session.execute(select(ConsumerOrder.id).where(where).order_by(ConsumerOrder.id).with_for_update())


def cancelled(cancel: Cancel | None) -> bool:
    return bool(cancel and cancel())
