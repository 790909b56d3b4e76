"""The benchmarks' bulk fixtures still fit the schema. `make bench` wrote them by position and crashed, unnoticed
by the suite, once migrations added columns (the product file's declaration elements; the order's owner and
returns, the parcel's loading). Small versions of them are built here on a migrated SQLite file."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.persistence.db import open_database
from app.persistence.models import ConsumerOrder, Parcel, Product
from tests.conftest import fresh_url


def test_the_product_file_the_bench_writes_imports_whole(request, tmp_path):
    from bench.b_masterdata import timed_import, with_warehouse, write_products

    path = tmp_path / "products.csv"
    write_products(path, 3)
    url = fresh_url(request, "sqlite", tmp_path)
    with_warehouse(url)
    _, report = timed_import(url, path)
    assert report["created"] == 3, report
    db = open_database(url)
    try:
        with db.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Product)) == 3
    finally:
        db.dispose()


def test_the_trace_bench_builds_its_shipped_warehouse(request, tmp_path):
    from bench.b_outbound import build_trace_db

    url = fresh_url(request, "sqlite", tmp_path)
    build_trace_db(url, parcels=20)
    db = open_database(url)
    try:
        with db.sessions() as s:
            assert s.scalar(select(func.count()).select_from(ConsumerOrder)) == 20
            assert s.scalar(select(func.count()).select_from(Parcel).where(Parcel.status == "shipped")) == 20
            assert s.scalar(select(func.min(ConsumerOrder.owner_id))) == 1  # every order has its owner
    finally:
        db.dispose()


def test_the_stations_bench_weighs_each_floor_by_the_scans_it_brackets(tmp_path):
    """A station's ratio is its scan time over the floors of the rounds it ran in, each floor counted once per scan
    of its round; the scans' CPU time adds up with them (bench/b_stations.py)."""
    from bench.b_stations import Floor, Timer
    from bench.floor import bare_commit_times

    rounds = [Timer(), Timer()]
    for timer, scans in zip(rounds, (3, 1), strict=True):
        for _ in range(scans):
            timer(lambda: None)
    total = Timer()
    total.add(rounds[0], Floor(seconds=0.002, cpu=0.001))
    total.add(rounds[1], Floor(seconds=0.006, cpu=0.003))
    assert total.scans == 4
    assert total.floor == pytest.approx((3 * 0.002 + 0.006) / 4)
    assert total.cpu == pytest.approx(rounds[0].cpu + rounds[1].cpu)
    seconds, cpu = bare_commit_times(tmp_path / "floor.sqlite3", rows=20)
    assert seconds > 0 and cpu > 0


def test_a_stations_recorded_sql_replays_to_the_same_database(request, tmp_path):
    """bench.sql_alone: what a station sent (its statements, COMMITs, the audit chain's link function) replays with
    bare sqlite3 on the snapshot taken before it and writes the same rows; only the timed scans are counted."""
    import dataclasses
    import sqlite3

    from app.admin import audit
    from app.persistence.uow import SYSTEM, UnitOfWork
    from bench.sql_alone import Recorder, Sent, is_read, replay

    db = open_database(fresh_url(request, "sqlite", tmp_path))
    try:
        def scan(n: int) -> None:
            with UnitOfWork(db, SYSTEM) as uow:
                audit.record(uow, "bench_scan", "scan", str(n), n=n)
                uow.commit()

        recorder = Recorder(db, tmp_path)
        scan(0)  # before the recording: in the snapshot
        recorder.start("a station")
        timer = object()
        for n in (1, 2, 3):
            recorder.timed(timer, lambda n=n: scan(n))
        scan(4)  # untimed work is replayed too, not counted
        recorder.name(timer, "scans")
        recorder.close()
        with UnitOfWork(db, SYSTEM, write=False) as uow:
            link = audit.audit_key(uow).mac
            live = [tuple(r) for r in uow.conn.exec_driver_sql(
                "SELECT entity_key, at, hash FROM audit_log WHERE action = 'bench_scan' ORDER BY id")]
        for with_reads in (True, False):  # without the scans' reads: the writes carry what they were sent with
            copy = tmp_path / f"replayed_{with_reads}.sqlite3"
            timed = replay(recorder.recordings[0], recorder.figures, copy, link, reads=with_reads)
            seconds, scans = timed["scans"]
            assert scans == 3 and seconds > 0
            replayed = sqlite3.connect(copy)
            try:
                assert replayed.execute("SELECT entity_key, at, hash FROM audit_log WHERE action = 'bench_scan' "
                                        "ORDER BY id").fetchall() == live
            finally:
                replayed.close()
        # a timed scan's read is left out of the writes-only replay, an untimed one is not
        recording = recorder.recordings[0]
        timed_read = Sent("SELECT * FROM no_such_table", scan=next(iter(recording.scans)))
        recording.sent.insert(1, timed_read)
        with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
            replay(recording, recorder.figures, tmp_path / "with_reads.sqlite3", link)
        assert replay(recording, recorder.figures, tmp_path / "writes.sqlite3", link, reads=False)["scans"][1] == 3
        recording.sent.insert(1, dataclasses.replace(timed_read, scan=None))
        with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
            replay(recording, recorder.figures, tmp_path / "untimed_read.sqlite3", link, reads=False)
        assert [is_read(sql) for sql in ("SELECT 1", "  select x FROM t", "INSERT INTO t SELECT 1",
                                         "BEGIN IMMEDIATE", "UPDATE t SET x = (SELECT 1)")] == [
            True, True, False, False, False]
        assert [key for key, _, _ in live] == ["0", "1", "2", "3", "4"]
    finally:
        db.dispose()
