"""Bulk inserts for imports: many rows of one table in one executemany, without per-row ORM or Core work.

SQLAlchemy's `insert(table).returning(...)` with thousands of parameter sets processes every value of every
row through its compiled-statement machinery, and on SQLite returns ids one statement per row. Here each
column's bind processor (the same one SQLAlchemy would use: scaled decimals, UTC times) is looked up once, and
ids are reserved in one statement: on SQLite the writer holds the database (BEGIN IMMEDIATE), so the next ids
follow the largest; on PostgreSQL they come from the table's sequence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, func, select, text

from app.persistence.uow import UnitOfWork


def insert_rows(uow: UnitOfWork, table: Table, rows: Sequence[dict[str, Any]], *, with_ids: bool = False,
                common: dict[str, Any] | None = None) -> list[int]:
    """Insert `rows` (dicts naming the same columns) into `table`; their new ids in order when `with_ids`.

    `common`: values every row shares (a status, the time of the run), bound once rather than row by row."""
    if not rows:
        return []
    conn = uow.session.connection()
    dialect = conn.dialect
    names = list(rows[0])
    shared = dict(common or {})
    shared.update({c.name: c.default.arg for c in table.columns  # type: ignore[attr-defined]
                   if c.name not in names and c.name not in shared and c.default is not None
                   and c.default.is_scalar})
    columns = [table.c[name] for name in names]
    processors = [c.type._cached_bind_processor(dialect) for c in columns]
    fixed = []
    for name, value in shared.items():
        process = table.c[name].type._cached_bind_processor(dialect)
        columns.append(table.c[name])
        fixed.append(process(value) if process is not None and value is not None else value)
    processed = [(i, p) for i, p in enumerate(processors) if p is not None]
    params: list[tuple[Any, ...]] = []
    for row in rows:
        values = [row[name] for name in names]
        values += fixed
        for i, process in processed:
            if values[i] is not None:
                values[i] = process(values[i])
        params.append(tuple(values))
    ids: list[int] = []
    if with_ids:
        ids = reserve_ids(uow, table, len(rows))
        columns.insert(0, table.c.id)
        params = [(i, *values) for i, values in zip(ids, params)]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) "
           f"VALUES ({', '.join([mark] * len(columns))})")
    conn.exec_driver_sql(sql, params)
    return ids


def reserve_ids(uow: UnitOfWork, table: Table, count: int) -> list[int]:
    """`count` new ids of `table`, for rows written with them (numbered from their id, or referred to at once)."""
    s = uow.session
    if uow.is_postgres:
        return list(s.execute(text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
                              {"t": table.name, "n": count}).scalars())
    last = s.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    return list(range(last + 1, last + 1 + count))
