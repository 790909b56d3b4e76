"""Alembic environment: runs against the connection handed over by app.persistence.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from app.persistence.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # plain `alembic` command line: use the URL from the config
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection) -> None:  # noqa: ANN001 - a SQLAlchemy Connection (Alembic's callback)
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
