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
