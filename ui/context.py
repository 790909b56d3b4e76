"""What every screen gets: who is acting at which station, the database executor and the change broadcast."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ui.station_settings import StationSettings

if TYPE_CHECKING:  # imported lazily at run time: SQLAlchemy must not slow the start-up
    from app.persistence.db import Database
    from app.persistence.uow import Actor, Changes, UnitOfWork
    from ui.executor import Callback, DbExecutor


class _Outcome:
    """A job's return value or error, and what its committed units of work changed (a plain class:
    dataclasses would slow the start-up)."""

    __slots__ = ("changes", "error", "result")

    def __init__(self, result: Any, error: Exception | None, changes: Changes) -> None:
        self.result, self.error, self.changes = result, error, changes


class AppContext(QObject):
    """Holds the database, the actor, the station and its settings; runs `fn(uow)` on the one DB thread.

    Screens receive it from the composition root (ui.main) — there is no global app object to reach for.
    """

    sig_changes_applied = Signal(object)  # app.persistence.uow.Changes, after every committed mutation
    sig_error = Signal(object)            # an exception no caller handled; the shell shows it to the user
    sig_actor_changed = Signal()          # someone signed in or out

    def __init__(self, station: str, settings: StationSettings, db: Database | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.settings = settings
        self._db = db
        self._actor: Actor | None = None
        self._executor: DbExecutor | None = None
        self._changes: Changes | None = None  # the running job's record (touched on the DB thread only)

    @property
    def executor(self) -> DbExecutor:
        """The DB thread, made with the first job: the sign-in window is painted before it starts."""
        if self._executor is None:
            from ui.executor import DbExecutor

            self._executor = DbExecutor(self)
        return self._executor

    @property
    def db(self) -> Database | None:
        return self._db

    @property
    def actor(self) -> Actor | None:
        return self._actor

    @property
    def role(self) -> str:
        return self._actor.role if self._actor else ""

    def may(self, permission: Any) -> bool:
        """True when the signed-in user's role holds `permission` (the services check again anyway)."""
        from app.domain.roles import may

        return self._actor is not None and may(self._actor.role, permission)

    def run(self, fn: Callable[[UnitOfWork], Any], *, write: bool = True, on_done: Callback | None = None,
            on_error: Callback | None = None) -> int:
        """Run `fn(uow)` on the DB thread in one unit of work, committed when `write`.

        `on_done(result)` / `on_error(exc)` run on the GUI thread; without `on_error` the error goes to
        `sig_error`. After a committed change, `sig_changes_applied` carries what changed.
        """
        def job() -> Any:
            with self.uow(write=write) as uow:
                result = fn(uow)
                if write:
                    uow.commit()
            return result

        return self.call(job, on_done=on_done, on_error=on_error)

    def call(self, fn: Callable[[], Any], *, on_done: Callback | None = None,
             on_error: Callback | None = None) -> int:
        """Run `fn()` on the DB thread as one job; the units of work it opens come from `uow()`.

        What the job's committed units of work changed is broadcast once, on `sig_changes_applied`, after the
        job and before `on_done(result)` / `on_error(exc)` (both on the GUI thread; without `on_error` the
        error goes to `sig_error`).
        """
        def job() -> _Outcome:
            from app.persistence.uow import Changes

            self._changes = changes = Changes()
            try:
                return _Outcome(fn(), None, changes)
            except Exception as exc:  # noqa: BLE001 - handed to on_error after the changes are broadcast
                return _Outcome(None, exc, changes)
            finally:
                self._changes = None

        return self.executor.submit(job, on_done=lambda out: self._finished(out, on_done, on_error),
                                    on_error=on_error or self._unhandled)

    def uow(self, *, write: bool = True) -> UnitOfWork:
        """A unit of work for the signed-in actor, opened inside a job (on the DB thread): what it commits
        joins the job's changes. The workflows (app.inbound/outbound stations) are given this opener."""
        from app.persistence.uow import UnitOfWork

        db, actor = self._require_session()
        return UnitOfWork(db, actor, write=write, record=self._changes)

    def open_database(self, url: str, *, on_done: Callback | None = None,
                      on_error: Callback | None = None) -> int:
        """Open `url` and refuse a schema that is not this version's (the error says to run `bwms init`)."""
        def job() -> Database:
            from app.persistence import migrate
            from app.persistence.db import open_database

            db = open_database(url)
            try:
                migrate.require_current(db)
            except Exception:
                db.dispose()
                raise
            self._db = db  # set on the DB thread, so a sign-in queued behind this job finds it
            return db

        return self.call(job, on_done=on_done, on_error=on_error)

    def sign_in(self, username: str, password: str, *, on_done: Callback | None = None,
                on_error: Callback | None = None) -> int:
        """Check the password on the DB thread (Argon2 takes a moment); on success the actor is set."""
        def job() -> Actor:
            from app.admin.auth import login
            from app.errors import DatabaseUnavailable

            if self._db is None:
                raise DatabaseUnavailable("the database is not open", url="")
            return login(self._db, username, password, self.station)

        return self.call(job, on_done=lambda actor: self._signed_in(actor, on_done), on_error=on_error)

    def sign_out(self) -> None:
        self._actor = None
        self.sig_actor_changed.emit()

    def act_as(self, actor: Actor) -> None:
        """Set the actor directly (tests and benchmarks that need no password round)."""
        self._actor = actor
        self.sig_actor_changed.emit()

    def _signed_in(self, actor: Actor, on_done: Callback | None) -> None:
        self.act_as(actor)
        if on_done is not None:
            on_done(actor)

    def _require_session(self) -> tuple[Database, Actor]:
        from app.errors import AuthenticationFailed, DatabaseUnavailable

        if self._db is None:
            raise DatabaseUnavailable("the database is not open", url="")
        if self._actor is None:
            raise AuthenticationFailed("nobody is signed in", username="")
        return self._db, self._actor

    def _finished(self, outcome: _Outcome, on_done: Callback | None, on_error: Callback | None) -> None:
        if outcome.changes.areas:
            self.sig_changes_applied.emit(outcome.changes)  # once per job, whatever the job did
        if outcome.error is not None:
            (on_error or self._unhandled)(outcome.error)
        elif on_done is not None:
            on_done(outcome.result)

    def _unhandled(self, exc: BaseException) -> None:
        self.sig_error.emit(exc)

    def close(self) -> None:
        """Finish queued work, stop the DB thread and release the database."""
        if self._executor is not None:
            self._executor.shutdown()
        if self._db is not None:
            self._db.dispose()
            self._db = None
