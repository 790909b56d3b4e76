"""Run the benchmarks: `python -m bench [NAME-SUBSTRING …]`."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class BenchContext:
    """What a benchmark gets: a scratch folder, the PostgreSQL server URL (may be empty), and `report`."""

    tmp: Path
    pg_url: str = field(default_factory=lambda: os.environ.get("BWMS_TEST_PG_URL", ""))
    results: list[dict] = field(default_factory=list)
    module: str = ""

    def report(self, name: str, value: float, unit: str, goal: str = "", ok: bool | None = None) -> None:
        row = {"bench": self.module, "name": name, "value": round(value, 3), "unit": unit, "goal": goal,
               "ok": ok}
        self.results.append(row)
        mark = "" if ok is None else ("  ok" if ok else "  MISSED")
        print(f"  {name:<62} {value:>12.3f} {unit:<8} goal {goal}{mark}", flush=True)

    @contextmanager
    def scratch_pg(self, prefix: str) -> Iterator[str]:
        """A new, empty PostgreSQL database on the bench's server (its URL), dropped afterwards."""
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        admin = create_engine(make_url(self.pg_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(self.pg_url).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

    def fresh_sqlite(self, name: str) -> str:
        """A new migrated SQLite database URL in the scratch folder."""
        from app.persistence import migrate
        from app.persistence.db import open_database

        path = self.tmp / f"{name}.sqlite3"
        path.unlink(missing_ok=True)
        db = open_database(f"sqlite:///{path}")
        migrate.upgrade(db)
        db.dispose()
        return f"sqlite:///{path}"


def main(argv: list[str]) -> int:
    """Each benchmark module in a process of its own (`--one`), as a station or a CLI run is: a figure does not
    depend on what ran before it in the same interpreter (the inbound receive ratio read 3.0–3.2× after five other
    benchmarks in one interpreter, 2.6–2.9× on its own)."""
    if argv[:1] == ["--one"]:
        return _one(argv[1], Path(argv[2]))
    names = sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("b_"))
    chosen = [n for n in names if not argv or any(a in n for a in argv)]
    failures = 0
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bwms-bench-") as tmp:
        for name in chosen:
            out = Path(tmp) / f"{name}.json"
            done = subprocess.run([sys.executable, "-m", "bench", "--one", name, str(out)], check=False)
            failures += done.returncode != 0
            if out.exists():
                results += json.loads(out.read_text(encoding="utf-8"))
    (HERE / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    missed = [r for r in results if r["ok"] is False]
    print(f"\n{len(results)} figures, {len(missed)} missed goals, {failures} benchmarks crashed")
    return 1 if failures else 0


def _one(name: str, out: Path) -> int:
    """One benchmark module in this process; its figures to `out` (those reported before a crash too)."""
    with tempfile.TemporaryDirectory(prefix="bwms-bench-") as tmp:
        ctx = BenchContext(Path(tmp), module=name)
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        crashed = False
        try:
            importlib.import_module(f"bench.{name}").run(ctx)
        except Exception:  # noqa: BLE001 - report it; the other benchmarks run in their own processes
            crashed = True
            traceback.print_exc()
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    out.write_text(json.dumps(ctx.results, ensure_ascii=False), encoding="utf-8")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
