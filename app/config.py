"""Where the product keeps its files, and which database it opens (environment overrides for tests)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "BondedWMS"


def data_dir() -> Path:
    """Per-user data folder (the embedded database, key file, outbox/inbox); BWMS_HOME overrides it."""
    override = os.environ.get("BWMS_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    """BWMS_DATABASE_URL, else the embedded SQLite file in the data folder."""
    url = os.environ.get("BWMS_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{data_dir() / 'bwms.sqlite3'}"


def resources_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"
