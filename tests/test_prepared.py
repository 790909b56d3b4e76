"""Prepared statements of the scan path (app.persistence.hot) answer as `Connection.execute` does, on both engines:
the same values (dates, booleans, UTC times through their types), rows by name and by position, every statement
seen by the engine's cursor listeners, SQLAlchemy's errors, Python-side column defaults filled in."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Boolean, Date, bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from app.persistence.hot import Prepared
from app.persistence.models import ScanEvent
from app.persistence.types import UTCDateTime
from app.persistence.uow import UnitOfWork
from tests.statements import statements

_TYPED = select(bindparam("d", type_=Date).label("day"), bindparam("b", type_=Boolean).label("flag"),
                bindparam("t", type_=UTCDateTime()).label("at"))
_LOG = insert(ScanEvent.__table__).returning(ScanEvent.__table__.c.id, ScanEvent.__table__.c.at)
_KEYS = ("scan_id", "workflow", "raw", "outcome")
_READ = select(ScanEvent.scan_id, ScanEvent.at, ScanEvent.outcome).where(ScanEvent.scan_id == bindparam("scan_id"))


def test_a_prepared_select_answers_as_connection_execute_does(db):
    at = datetime(2026, 12, 3, 8, 30, 15, 123456, tzinfo=UTC)
    values = {"d": date(2026, 12, 3), "b": True, "t": at}
    with UnitOfWork(db, write=False) as uow:
        expected = uow.conn.execute(_TYPED, values).one()
        with statements(db) as sent:
            row = Prepared(_TYPED).first(uow.conn, values)
    assert tuple(row) == tuple(expected) == (date(2026, 12, 3), True, at)
    assert (row.day, row.flag, row.at) == (row[0], row[1], row[2])
    assert len(sent.work) == 1 and sent.work[0].upper().startswith("SELECT"), sent.describe()


def test_a_prepared_insert_fills_python_defaults_and_raises_sqlalchemys_errors(db):
    log = Prepared(_LOG, keys=_KEYS)
    scan = {"scan_id": "prepared-1", "workflow": "receive", "raw": "]C1…", "outcome": "accepted"}
    with UnitOfWork(db) as uow:
        with statements(db) as sent:
            made = log.first(uow.conn, scan)
            read = Prepared(_READ).all(uow.conn, {"scan_id": "prepared-1"})
        uow.commit()
    assert len(sent.work) == 2, sent.describe()
    assert made.id > 0 and made.at.tzinfo is not None  # ScanEvent.at's default (utcnow), returned through its type
    assert [(r.scan_id, r.at, r.outcome) for r in read] == [("prepared-1", made.at, "accepted")]
    with UnitOfWork(db) as uow:
        with pytest.raises(IntegrityError):  # uq_scan_event_scan_id, raised as SQLAlchemy raises it
            log.first(uow.conn, scan)
    with UnitOfWork(db, write=False) as uow:  # the refused insert rolled back; the connection is usable
        assert Prepared(_READ).scalar(uow.conn, {"scan_id": "prepared-1"}) == "prepared-1"
        assert Prepared(_READ).first(uow.conn, {"scan_id": "none"}) is None


def test_a_missing_parameter_is_refused_by_name(db):
    with UnitOfWork(db, write=False) as uow, pytest.raises(Exception, match="scan_id"):
        Prepared(_READ).all(uow.conn, {})


def test_a_prepared_insert_gives_the_rows_id_without_returning(db):
    """`insert` answers the new row's id (SQLite: the cursor's lastrowid, the statement has no RETURNING;
    PostgreSQL: SQLAlchemy's inserted primary key), the same id a read finds, one after the other."""
    log = Prepared(insert(ScanEvent.__table__), keys=_KEYS)
    with UnitOfWork(db) as uow:
        with statements(db) as sent:
            ids = [log.insert(uow.conn, {"scan_id": f"insert-{n}", "workflow": "pick", "raw": "x",
                                         "outcome": "accepted"}) for n in range(3)]
        found = dict(uow.conn.execute(select(ScanEvent.scan_id, ScanEvent.id)
                                      .where(ScanEvent.scan_id.like("insert-%"))).all())
        uow.commit()
    assert ids == [found[f"insert-{n}"] for n in range(3)] and ids == sorted(ids) and len(set(ids)) == 3
    if db.is_sqlite:
        assert all("RETURNING" not in sql.upper() for sql in sent.work), sent.describe()
