"""Keys and files (issue 16.7): a key file others may read is warned about, another key is refused by its
fingerprint, every file that carries buyer data is written 0600, and only the roles that may reveal personal
data may search by a full ID number."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from app.admin import AccessDenied, checks, pii
from app.admin.backup import make_backup
from app.errors import Rejected
from app.orders.queries import list_orders
from app.persistence.models import AuditEntry, KeyFingerprint
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.orders.helpers import export, import_samples

BUYER_ID = "330106199408148190"  # the first sample order's buyer


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_key_file_others_may_read_is_warned_about(warehouse, home, cli, capsys):
    import_samples(warehouse)
    key = home / "bwms.key"
    key.chmod(0o644)
    try:
        capsys.readouterr()
        with UnitOfWork(warehouse, actor("customs"), write=False) as uow:
            pii.key_for(uow)
        warned = capsys.readouterr().err
        assert str(key) in warned and "0644" in warned and "chmod 600" in warned
        code, out, _ = cli("where", "--json", user=None)
        assert code == 0 and json.loads(out)["key file (personal-data key) status"].startswith("WARNING mode 0644")
        assert json.loads(out)["key file (audit key) status"] == "private (0600)"
        with UnitOfWork(warehouse, actor("customs"), write=False) as uow:
            result = {r.name: r for r in checks.check_all(uow)}["11 key files are private (mode 0600)"]
        assert not result.ok and str(key) in result.problems[0]
    finally:
        key.chmod(0o600)


def test_a_different_key_is_refused_by_its_fingerprint(warehouse, home):
    import_samples(warehouse)
    with UnitOfWork(warehouse, write=False) as uow:
        stored = uow.session.get(KeyFingerprint, "personal-data")
        assert stored is not None and stored.fingerprint == pii.fingerprint_of(home / "bwms.key")
    original = (home / "bwms.key").read_bytes()
    (home / "bwms.key").write_bytes(b"\x07" * 32)  # another 32-byte key in its place
    warehouse.cache.clear()  # a workstation starting afresh
    try:
        with pytest.raises(Rejected) as refused:
            import_samples(warehouse, "orders_invalid.jsonl")
        assert refused.value.code == "wrong_key" and "fingerprint" in refused.value.message
        assert "bwms.key" in refused.value.message
    finally:
        (home / "bwms.key").write_bytes(original)


def test_an_older_database_records_its_key_only_if_it_opens_the_data(warehouse, home):
    import_samples(warehouse)
    with UnitOfWork(warehouse) as uow:  # as a database from before the fingerprint was kept
        uow.session.execute(delete(KeyFingerprint).where(KeyFingerprint.name == "personal-data"))
        uow.commit()
    original = (home / "bwms.key").read_bytes()
    (home / "bwms.key").write_bytes(b"\x07" * 32)
    warehouse.cache.clear()
    try:
        with UnitOfWork(warehouse, actor("supervisor")) as uow, pytest.raises(Rejected) as refused:
            pii.key_for(uow)
        assert refused.value.code == "wrong_key"
    finally:
        (home / "bwms.key").write_bytes(original)
    with UnitOfWork(warehouse, actor("supervisor")) as uow:
        pii.key_for(uow)
        uow.commit()
    with UnitOfWork(warehouse, write=False) as uow:
        assert uow.session.get(KeyFingerprint, "personal-data").fingerprint == pii.fingerprint_of(home / "bwms.key")


def test_files_with_buyer_data_are_private(warehouse, tmp_path):
    import_samples(warehouse)
    export(warehouse, tmp_path / "outbox")
    ceb621 = sorted((tmp_path / "outbox").glob("CEB621_*.xml"))
    assert ceb621 and all(_mode(f) == 0o600 for f in ceb621)
    made = make_backup(warehouse, tmp_path / "backups")
    assert _mode(Path(made.file)) == 0o600 and _mode(Path(made.manifest)) == 0o600


def test_a_customs_export_anchors_the_audit_chain(warehouse, tmp_path, home):
    import_samples(warehouse)
    export(warehouse, tmp_path / "outbox")
    anchors = list((home / "audit-anchors").glob("audit-head-*.json"))
    assert len(anchors) == 1 and _mode(anchors[0]) == 0o600
    with UnitOfWork(warehouse, write=False) as uow:
        head = uow.session.execute(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)).scalar()
    assert json.loads(anchors[0].read_text())["id"] == head


def test_only_roles_that_may_reveal_search_by_a_full_id_number(warehouse):
    import_samples(warehouse)
    for role in ("clerk", "supervisor", "admin"):
        with UnitOfWork(warehouse, actor(role), write=False) as uow, pytest.raises(AccessDenied) as refused:
            list_orders(uow, search=BUYER_ID)
        assert refused.value.code == "id_search_refused" and "full ID number" in refused.value.message
        with UnitOfWork(warehouse, actor(role), write=False) as uow:
            masked = list_orders(uow, search="330106********8190")  # the masked ID stays searchable
        assert "TG20261121000000" in [r["order_no"] for r in masked]
    with UnitOfWork(warehouse, actor("customs"), write=False) as uow:
        found = list_orders(uow, search=BUYER_ID)
    assert "TG20261121000000" in [r["order_no"] for r in found]
    with UnitOfWork(warehouse, write=False) as uow:
        refusals = uow.session.execute(select(AuditEntry.username).where(
            AuditEntry.action == "permission_denied").order_by(AuditEntry.id)).scalars().all()
    assert refusals == ["clerk", "supervisor", "admin"]
