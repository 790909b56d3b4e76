"""The DB executor and AppContext: work off the GUI thread, answers and errors back on it, one broadcast per change."""

from __future__ import annotations

import subprocess
import sys
import threading
import weakref
from pathlib import Path

from PySide6.QtCore import QThread
from sqlalchemy import func, select

from app.admin.configuration import change_setting
from app.persistence.models import AuditEntry, Setting
from app.stock.movements import StockFilter, stock_count
from tests.gui.helpers import wait_idle
from ui.jobs import JobCancelled, JobState, run_job

ROOT = Path(__file__).resolve().parents[2]


def test_work_runs_off_the_gui_thread_and_answers_on_it(make_ctx, qtbot):
    ctx = make_ctx("clerk")
    seen = {}

    def job(uow):
        seen["job_thread"] = QThread.currentThread()
        return stock_count(uow, StockFilter())

    def done(result):
        seen["done_thread"] = QThread.currentThread()
        seen["result"] = result

    ctx.run(job, write=False, on_done=done)
    wait_idle(qtbot, ctx)
    main = QThread.currentThread()
    assert seen["result"] == 0
    assert seen["job_thread"] is not main
    assert seen["done_thread"] is main


def test_a_committed_change_is_broadcast_once_with_its_areas(make_ctx, qtbot, db, uow_as):
    ctx = make_ctx("admin")
    with qtbot.waitSignal(ctx.sig_changes_applied, timeout=10_000) as blocker:
        ctx.run(lambda uow: change_setting(uow, "sale_lock_days", "45"))
    assert "settings" in blocker.args[0].areas
    with uow_as("admin", write=False) as uow:
        assert uow.session.get(Setting, "sale_lock_days").value == "45"


def test_a_job_that_opens_several_units_of_work_is_broadcast_once(make_ctx, qtbot, uow_as):
    """A workflow opens its units of work from `ctx.uow` inside a job: what they committed goes out once, after
    the job, before on_done; a unit of work rolled back adds nothing."""
    from app.persistence.uow import Area

    ctx = make_ctx("admin")
    seen, order = [], []
    ctx.sig_changes_applied.connect(lambda changes: (seen.append(changes), order.append("broadcast")))

    def job():
        with ctx.uow() as uow:
            change_setting(uow, "sale_lock_days", "45")
            uow.commit()
        with ctx.uow() as uow:
            uow.changes.touch(Area.STOCK)  # rolled back: not broadcast
        with ctx.uow() as uow:
            uow.changes.touch(Area.MASTER)
            uow.commit()
        return "done"

    with qtbot.waitSignal(ctx.sig_changes_applied, timeout=10_000):
        ctx.call(job, on_done=lambda result: order.append(result))
    wait_idle(qtbot, ctx)
    assert len(seen) == 1 and seen[0].areas == {Area.SETTINGS, Area.MASTER}
    assert order == ["broadcast", "done"]


def test_changes_committed_before_an_error_are_still_broadcast(make_ctx, qtbot):
    from app.persistence.uow import Area

    ctx = make_ctx("admin")
    seen, errors = [], []
    ctx.sig_changes_applied.connect(seen.append)

    def job():
        with ctx.uow() as uow:
            change_setting(uow, "sale_lock_days", "45")
            uow.commit()
        raise RuntimeError("the database went away")

    ctx.call(job, on_error=errors.append)
    wait_idle(qtbot, ctx)
    assert [str(e) for e in errors] == ["the database went away"]
    assert [c.areas for c in seen] == [{Area.SETTINGS}]


def test_reads_are_not_broadcast(make_ctx, qtbot):
    ctx = make_ctx("clerk")
    with qtbot.assertNotEmitted(ctx.sig_changes_applied, wait=200):
        ctx.run(lambda uow: stock_count(uow, StockFilter()), write=False)
        wait_idle(qtbot, ctx)


def test_an_error_reaches_on_error_and_nothing_is_committed(make_ctx, qtbot, uow_as):
    ctx = make_ctx("clerk")  # a clerk may not change settings: the service refuses
    errors = []
    ctx.run(lambda uow: change_setting(uow, "sale_lock_days", "45"), on_error=errors.append)
    wait_idle(qtbot, ctx)
    assert [e.code for e in errors] == ["permission_denied"]
    with uow_as("admin", write=False) as uow:
        assert uow.session.get(Setting, "sale_lock_days") is None
        refusals = uow.session.execute(select(func.count()).select_from(AuditEntry)
                                       .where(AuditEntry.outcome == "refused")).scalar_one()
    assert refusals == 1


def test_an_unhandled_error_goes_to_sig_error(make_ctx, qtbot):
    ctx = make_ctx("clerk")
    with qtbot.waitSignal(ctx.sig_error, timeout=10_000) as blocker:
        ctx.run(lambda uow: 1 / 0, write=False)
    assert isinstance(blocker.args[0], ZeroDivisionError)


def test_nobody_signed_in_is_refused(make_ctx, qtbot):
    ctx = make_ctx(None)
    errors = []
    ctx.run(lambda uow: None, write=False, on_error=errors.append)
    wait_idle(qtbot, ctx)
    assert errors[0].code == "authentication_failed"


def test_a_long_job_reports_progress_and_its_cancel_rolls_back(make_ctx, qtbot, uow_as):
    ctx = make_ctx("admin")
    outcome = {}

    def job(uow, state):
        change_setting(uow, "max_wave_orders", "50")
        state.set_progress(50)
        state.cancel()  # as if the user pressed Cancel while it ran
        state.check()

    run_job(ctx, None, "test job", job, on_done=lambda r: outcome.update(done=r),
            on_error=lambda e: outcome.update(error=e))
    wait_idle(qtbot, ctx)
    assert isinstance(outcome["error"], JobCancelled)
    with uow_as("admin", write=False) as uow:
        assert uow.session.get(Setting, "max_wave_orders") is None


def test_a_long_job_commits_when_not_cancelled(make_ctx, qtbot, uow_as):
    ctx = make_ctx("admin")
    progress = []
    state_seen = {}

    def job(uow, state):
        state_seen["state"] = state
        state.sig_progress.connect(progress.append)  # direct: the worker thread appends
        for step in range(1, 5):
            state.set_progress(step * 25)
            state.check()
        return change_setting(uow, "max_wave_orders", "150").value

    results = []
    run_job(ctx, None, "test job", job, on_done=results.append)
    wait_idle(qtbot, ctx)
    assert results == ["150"]
    assert progress == [25, 50, 75, 100]
    with uow_as("admin", write=False) as uow:
        assert uow.session.get(Setting, "max_wave_orders").value == "150"


class _Tracked:
    """Something a job holds, returns or raises; records on which thread its last reference went."""


def _track(obj, name, released):
    weakref.finalize(obj, lambda: released.append((name, threading.current_thread() is threading.main_thread())))
    return obj


def _submit_tracked_jobs(ctx, released) -> None:
    held = _track(_Tracked(), "closure", released)
    _track(run_job(ctx, None, "job", lambda uow, state: held is not None, write=False), "JobState", released)

    def failing(uow):
        raise ValueError(_track(_Tracked(), "error", released))

    ctx.run(lambda uow: _track(_Tracked(), "result", released), write=False, on_done=lambda result: None)
    ctx.run(failing, write=False, on_error=lambda exc: None)


def test_what_a_job_holds_returns_or_raises_is_released_on_the_gui_thread(make_ctx, qtbot):
    """A job's closure may hold QObjects of the GUI thread (a long job's JobState, a screen). If the DB thread
    dropped the last reference, Python would destroy them there: their C++ destructors then race the GUI
    thread deleting the job's dialog — the intermittent segfault of the order-import screen test."""
    ctx = make_ctx("clerk")
    released = []
    _submit_tracked_jobs(ctx, released)
    ctx.run(lambda uow: None, write=False)  # the DB thread moves on to another job…
    wait_idle(qtbot, ctx)
    ctx.executor.shutdown()  # …and stops: it must not have kept anything of the jobs before
    qtbot.waitUntil(lambda: len(released) == 4, timeout=30_000)
    assert sorted(released) == [("JobState", True), ("closure", True), ("error", True), ("result", True)]


def test_a_job_function_runs_without_any_widget():
    """Orange3's habit: the function takes a progress/cancel object; a plain one does in tests."""
    class Plain:
        def __init__(self):
            self.progress = []

        def set_progress(self, p):
            self.progress.append(p)

        def set_status(self, text):
            pass

        def check(self):
            pass

    def count_up(_uow, state):
        for i in range(3):
            state.set_progress(i * 50)
            state.check()
        return "done"

    plain = Plain()
    assert count_up(None, plain) == "done"
    assert plain.progress == [0, 50, 100]
    state = JobState()
    state.cancel()
    assert state.cancelled


def test_importing_the_shell_does_not_load_the_database_stack():
    """Cold start: SQLAlchemy and Alembic load on the DB thread after the sign-in window is shown."""
    code = ("import sys, ui.main; heavy = [m for m in ('sqlalchemy', 'alembic', 'psycopg', 'reportlab') "
            "if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_many_emits_do_not_use_up_true():
    """PySide6 6.12 steals a reference to True per emit() on CPython 3.11; ui.pyside_fixes guards it."""
    import ui  # noqa: F401 - applies the guard
    from ui.pyside_fixes import _Probe

    probe = _Probe()
    for _ in range(20_000):
        probe.sig_probe.emit()
    assert sys.getrefcount(True) > 10_000


def test_the_window_a_long_jobs_dialog_covered_takes_the_keys_again(make_ctx, qtbot):
    """Without a window manager (a kiosk, the offscreen platform) nothing made the screen active again once a
    job's dialog closed, so its next F-key went nowhere: the waves screen's F8 (pick list) after an allocation
    slow enough to show its dialog (under load) was lost. Fails on the old code."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLineEdit

    from ui.jobs import JobDialog
    from ui.widgets.actions import office_key

    ctx = make_ctx("admin")
    screen, pressed = QLineEdit(), []
    office_key(screen, "document", lambda: pressed.append("F8"))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    release = threading.Event()
    try:
        run_job(ctx, screen, "slow job", lambda uow, state: release.wait(), write=False)
        # the job outlasts the dialog's minimum duration: the dialog shows and takes the keys
        qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), JobDialog))
    finally:
        release.set()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(screen.isActiveWindow)
    qtbot.keyClick(screen, Qt.Key.Key_F8)
    assert pressed == ["F8"]


def test_a_qt_object_that_dies_in_a_cycle_dies_on_the_gui_thread(make_ctx, qtbot):
    """A screen or context often dies in a reference cycle; Python's cycle collector ran on whichever thread
    allocated when a threshold was crossed, often the DB thread, which then ran the Qt destructors while the GUI
    thread used their peers (a rare segfault; the station and raw-code screen tests crashed once). Now automatic
    collection is off and the GUI thread collects (ui.collector). Fails on the old code: it died on the DB thread."""
    import gc

    from PySide6.QtCore import QObject

    ctx = make_ctx("clerk")
    wait_idle(qtbot, ctx)
    released: list[tuple[str, bool]] = []
    gc.collect()
    orphan = _track(QObject(), "QObject", released)
    orphan.itself = orphan  # a cycle: only the cycle collector frees it
    del orphan
    kept = []
    # the DB thread allocates far past the threshold of a collection (700 objects) and keeps them until its
    # result is taken on the GUI thread, where the test keeps them: a collection is due from then on
    ctx.run(lambda uow: [[] for _ in range(20_000)], write=False, on_done=kept.append)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: bool(released), timeout=30_000)
    assert released == [("QObject", True)]
