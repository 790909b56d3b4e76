"""Issue 16, finding 6: the same scan file replayed by two processes at once (`bwms pick --scans F`).

Every line carries the same scan id in both processes (replay.file_scan_id), so one of them does each scan and
the other gets its first result back ("already scanned") — never an IntegrityError on uq_scan_event_scan_id.
Two real processes, started together at a barrier, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
import os
import traceback
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.outbound.allocation import allocate
from app.persistence.models import Movement, ScanEvent
from app.persistence.uow import UnitOfWork
from tests.conftest import PASSWORD, actor
from tests.outbound.conftest import TODAY, run
from tests.outbound.helpers import all_waves, pick_scans

PROCESSES = 3


def _replay_in_process(argv: list[str], home: str, barrier, results) -> None:
    """One workstation replaying the scan file through the `bwms` command in its own process."""
    os.environ.update({"BWMS_PASSWORD": PASSWORD, "BWMS_HOME": home})
    from app.cli import main

    out, err = io.StringIO(), io.StringIO()
    try:
        barrier.wait(timeout=120)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except BaseException:  # noqa: BLE001 - reported to the test, whatever it is
        code, err = "crashed", io.StringIO(traceback.format_exc())
    results.put((code, out.getvalue(), err.getvalue()))


def _together(argvs: list[list[str]], home: Path) -> list[tuple]:
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(len(argvs)), ctx.Queue()
    workers = [ctx.Process(target=_replay_in_process, args=(argv, str(home), barrier, results)) for argv in argvs]
    for w in workers:
        w.start()
    outcomes = [results.get(timeout=600) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    return outcomes


@pytest.mark.slow
def test_one_pick_file_replayed_by_processes_at_once_counts_each_unit_once(released, db_url, home, tmp_path):
    run(released, "supervisor", allocate, today=TODAY)
    wave = max(all_waves(released, status="open"), key=lambda w: len(pick_scans(w)))
    scans = pick_scans(wave)
    units = sum(t["qty"] for t in wave["tasks"])
    path = tmp_path / "pick.txt"
    path.write_text("\n".join(scans) + "\n", encoding="utf-8")
    # the bench's packing location named: every scan goes through the shared scan log's `once` (no fast path)
    argvs = [["--db", db_url, "--user", "clerk", "--station", f"pick-{n}", "pick", wave["wave"], "--scans",
              str(path), "--packing", "PACK-01", "--json"] for n in range(PROCESSES)]
    outcomes = _together(argvs, home)
    for code, out, err in outcomes:
        assert code in (0, 1) and "Error" not in err, err or out
        report = json.loads(out)
        # a unit scan is done or answered with its first result; only a location scan may find, when it comes,
        # nothing left to pick there (the others were quicker): "nothing to pick at …", as a replay alone says
        late = [r for r in report["scans"]["rejected"] if r["scan"].startswith("LOC:")
                and r["reason"].startswith(f"wrong location: nothing to pick at {r['scan'][4:]} in wave")]
        assert report["status"] == "picked" and report["scans"]["rejected"] == late, out
        assert report["picked"] == units  # a replayed scan reports its first result
    with UnitOfWork(released, actor("customs"), write=False) as uow:
        picked = uow.session.scalar(select(func.sum(Movement.quantity)).where(Movement.kind == "pick"))
        logged = uow.session.scalar(select(func.count()).select_from(ScanEvent).where(ScanEvent.workflow == "pick"))
    assert picked == units  # each unit moved once, whoever scanned it
    assert logged == len([s for s in scans if not s.startswith("LOC:")])  # one log row a scan id
