"""The returns GUI tests run on SQLite only (the services are tested on both engines in tests/returns)."""

from __future__ import annotations

import pytest

from app.persistence.db import Database


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    return sqlite_db
