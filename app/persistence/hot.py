"""Prepared statements for the stations' scan path: a Core statement compiled once per dialect, then run with the
least machinery per execution (issue 10, part 7: each scan at a few times the durable floor).

SQLAlchemy's own `Connection.execute` costs about 15–20 µs per statement on top of SQLite (an execution context,
the bound parameters built and processed, a cursor result and its metadata, the compiled cache looked up): a scan
of five statements paid more for that than SQLite took to run them. `Prepared` compiles its statement once per
dialect and, on SQLite, runs it on the unit of work's own DBAPI connection, inside the transaction its
`Connection` began:

- the engine's and connection's `before_cursor_execute` / `after_cursor_execute` listeners are called for every
  statement, as SQLAlchemy calls them (so whatever counts or logs statements sees each one, unchanged);
- the parameters go through the statement's bind processors (dates, UTC times, scaled decimals, booleans) and the
  result columns through their result processors, as SQLAlchemy would;
- a DBAPI error is raised as SQLAlchemy raises it (`sqlalchemy.exc.IntegrityError`, …), the connection handled
  as SQLAlchemy handles it (`Connection._handle_dbapi_exception`).

A statement with an expanding IN list, an INSERT whose table fills a column with a Python-side default the caller
did not give, and any execution outside a begun transaction or with `echo` on fall back to `Connection.execute`.
PostgreSQL always runs `Connection.execute` (its bench is not the stations' floor, and psycopg's adaptation is
SQLAlchemy's business there). Rows answer by column name and by position, as SQLAlchemy's rows do.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.crud import REQUIRED
from sqlalchemy.sql.dml import Insert


@dataclass(frozen=True)
class _Compiled:
    sql: str
    constants: tuple[Any, ...]  # the parameters, those the statement carries (LIMIT 1, literals) processed once
    given: tuple[tuple[int, str, Callable[[Any], Any] | None, Callable[[], Any] | None], ...]  # each execution's:
    # (position, name, bind processor, the INSERT's Python-side column default when the parameters leave it out)
    row: Callable[[Iterable[Any]], Any] | None  # the row class (None: the statement returns no rows)
    processors: tuple[tuple[int, Callable[[Any], Any]], ...]  # (column index, result processor)


class Prepared:
    """`Prepared(stmt)`; `.all(conn, params)`, `.first(…)`, `.scalar(…)`, `.run(…)`, `.insert(…)` on a unit of work's
    connection. `keys`: an INSERT's columns (the keys of the parameters each execution gives)."""

    def __init__(self, stmt: ClauseElement, *, keys: Sequence[str] | None = None) -> None:
        self.stmt = stmt
        self.keys = list(keys) if keys is not None else None
        self._compiled: dict[Any, _Compiled | None] = {}
        self._last: tuple[Dialect | None, _Compiled | None] = (None, None)  # the last SQLite dialect and its statement

    # ------------------------------------------------------------------------------------ what callers use

    def all(self, conn: Connection, params: Mapping[str, Any] | None = None) -> list[Any]:
        prepared = self._prepared(conn)
        if prepared is None:
            return list(conn.execute(self.stmt, params or {}).all())
        cursor = _run(conn, prepared, params or {})
        rows = cursor.fetchall()
        cursor.close()
        return [_make(prepared, row) for row in rows]

    def first(self, conn: Connection, params: Mapping[str, Any] | None = None) -> Any:
        prepared = self._prepared(conn)
        if prepared is None:
            return conn.execute(self.stmt, params or {}).first()
        cursor = _run(conn, prepared, params or {})
        row = cursor.fetchone()
        cursor.close()
        return None if row is None else _make(prepared, row)

    def scalar(self, conn: Connection, params: Mapping[str, Any] | None = None) -> Any:
        """The first column of the first row (None when there is no row)."""
        row = self.first(conn, params)
        return None if row is None else row[0]

    def run(self, conn: Connection, params: Mapping[str, Any] | None = None) -> int:
        """Execute a statement that returns nothing; its row count."""
        prepared = self._prepared(conn)
        if prepared is None:
            return int(conn.execute(self.stmt, params or {}).rowcount)
        cursor = _run(conn, prepared, params or {})
        count = int(cursor.rowcount)
        cursor.close()
        return count

    def insert(self, conn: Connection, params: Mapping[str, Any]) -> int:
        """Execute an INSERT of one row; the row's id (SQLite's `lastrowid`: no RETURNING to buffer and fetch,
        PostgreSQL's RETURNING through SQLAlchemy's `inserted_primary_key`)."""
        prepared = self._prepared(conn)
        if prepared is None:
            return int(conn.execute(self.stmt, params).inserted_primary_key[0])
        cursor = _run(conn, prepared, params)
        row_id = int(cursor.lastrowid)
        cursor.close()
        return row_id

    def many(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Execute a statement that returns nothing once per row of parameters (one `executemany`)."""
        prepared = self._prepared(conn)
        if prepared is None or len(rows) < 2:
            if prepared is None:
                conn.execute(self.stmt, list(rows))
            elif rows:
                self.run(conn, rows[0])
            return
        _run(conn, prepared, [_parameters(prepared, row) for row in rows], many=True).close()

    # ---------------------------------------------------------------------------------------- compiling

    def _prepared(self, conn: Connection) -> _Compiled | None:
        dialect = conn.dialect
        last, compiled = self._last  # one tuple: threads of two engines replace it whole
        if dialect is not last:
            if dialect.name != "sqlite":
                return None
            key = (dialect.name, dialect.server_version_info, dialect.paramstyle)
            try:
                compiled = self._compiled[key]
            except KeyError:
                compiled = self._compiled[key] = _compile(self.stmt, dialect, self.keys)
            self._last = (dialect, compiled)
        if conn.engine.echo or not conn.in_transaction():
            return None
        return compiled


def _compile(stmt: ClauseElement, dialect: Dialect, keys: list[str] | None) -> _Compiled | None:
    """The statement as SQLite runs it, or None when it needs what only `Connection.execute` does."""
    compiled = stmt.compile(dialect=dialect, column_keys=keys)
    if dialect.paramstyle != "qmark" or compiled.positiontup is None:
        return None
    defaults: dict[str, Callable[[], Any]] = {}
    if isinstance(stmt, Insert):
        if compiled.postfetch:
            return None  # a server-side default SQLAlchemy fetches back
        for column in compiled.insert_prefetch:
            made = _python_default(column)
            if made is None:
                return None
            defaults[compiled.bind_names[compiled.binds[column.key]]] = made
    values = compiled.construct_params(_check=False)  # what the statement carries (LIMIT 1, literals)
    sql, names, processors = compiled.string, compiled.positiontup, compiled._bind_processors  # SQLAlchemy's own
    if compiled.post_compile_params or compiled.literal_execute_params:
        if any(bind.required for bind in (*compiled.post_compile_params, *compiled.literal_execute_params)):
            return None  # an IN list each execution gives: SQLAlchemy renders it per execution
        # constant IN lists (`kind IN ('inspection', 'dock')`) expanded once, as SQLAlchemy does per execution
        state = compiled._process_parameters_for_postcompile(dict(values))
        sql, names, processors, values = state.statement, state.positiontup, state.processors, state.parameters
    required = {name for name, bind in compiled.binds.items() if bind.required}
    constants, given = [], []
    for index, name in enumerate(names or ()):
        value, processor = values.get(name), processors.get(name)
        if name in required or value is REQUIRED or name in defaults:
            constants.append(None)
            given.append((index, name, processor, defaults.get(name)))
        else:
            constants.append(value if processor is None else processor(value))
    row = None
    result: list[tuple[int, Callable[[Any], Any]]] = []
    if compiled._result_columns:  # the statement's result columns, as SQLAlchemy reads them
        keys_of_row = [column.keyname for column in compiled._result_columns]
        row = namedtuple("Row", keys_of_row, rename=True)._make  # type: ignore[misc]  # one class per statement
        for index, column in enumerate(compiled._result_columns):
            processor = column.type._cached_result_processor(dialect, None)  # as SQLAlchemy does
            if processor is not None:
                result.append((index, processor))
    return _Compiled(sql, tuple(constants), tuple(given), row, tuple(result))


def _python_default(column: Any) -> Callable[[], Any] | None:
    """How SQLAlchemy fills a column the INSERT's parameters leave out: a constant, or a function of nothing."""
    default = column.default
    if default is None or not (default.is_scalar or default.is_callable):
        return None
    if default.is_scalar:
        value = default.arg
        return lambda: value
    if default.arg is default._fn:  # a function of the execution context: only SQLAlchemy has one
        return None
    made = default.arg
    return lambda: made(None)


# ------------------------------------------------------------------------------------------------ running

def _parameters(prepared: _Compiled, params: Mapping[str, Any]) -> list[Any]:
    values = list(prepared.constants)
    for index, name, processor, default in prepared.given:
        value = default() if default is not None and name not in params else params[name]
        values[index] = value if processor is None else processor(value)
    return values


def _run(conn: Connection, prepared: _Compiled, params: Mapping[str, Any] | list[list[Any]], *,
         many: bool = False) -> Any:
    """Execute on the connection's DBAPI connection, its cursor events dispatched, its errors SQLAlchemy's."""
    sql = prepared.sql
    parameters: Any = params if many else _parameters(prepared, params)  # type: ignore[arg-type]
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]  # pysqlite's own connection
    before, after = conn.dispatch.before_cursor_execute, conn.dispatch.after_cursor_execute
    if before:  # asking is cheaper than walking an empty list of listeners (twice per statement)
        for listener in before:
            sql, parameters = listener(conn, cursor, sql, parameters, None, many)
    try:
        if many:
            cursor.executemany(sql, parameters)
        else:
            cursor.execute(sql, parameters)
    except Exception as exc:  # raised again as SQLAlchemy raises it
        conn._handle_dbapi_exception(exc, sql, parameters, cursor, None)  # SQLAlchemy's own handling
        raise  # not reached: the call above raises
    if after:
        for listener in after:
            listener(conn, cursor, sql, parameters, None, many)
    return cursor


def control(conn: Connection, sql: str) -> None:
    """A transaction-control statement (BEGIN IMMEDIATE) on the connection's DBAPI connection, its cursor events
    dispatched and its errors SQLAlchemy's, as `Connection.exec_driver_sql` would run it at a fraction of the cost."""
    try:
        statement = _CONTROL[sql]
    except KeyError:
        statement = _CONTROL[sql] = _Compiled(sql, (), (), None, ())
    _run(conn, statement, {}).close()


_CONTROL: dict[str, _Compiled] = {}  # BEGIN, BEGIN IMMEDIATE: made once


def _make(prepared: _Compiled, raw: Sequence[Any]) -> Any:
    if prepared.processors:
        values = list(raw)
        for index, processor in prepared.processors:
            values[index] = processor(values[index])
        raw = values
    assert prepared.row is not None
    return prepared.row(raw)
