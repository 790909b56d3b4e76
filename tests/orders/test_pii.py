"""Buyer data: encrypted at rest, masked on every screen, revealed only to customs officers, and audited."""

from __future__ import annotations

import json
import stat

import pytest
from sqlalchemy import select, update

from app.admin import pii
from app.errors import PermissionDenied, Rejected
from app.orders.queries import list_orders, order_history
from app.persistence.models import AuditEntry, ConsumerOrder
from app.persistence.models.base import Base
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.orders.helpers import export, import_samples

BUYER_ID = "330106199408148190"  # first sample order's buyer
PHONE = "15821605483"


def every_stored_value(db) -> str:
    """Every value of every table, as text (bytes decoded loosely), to search for clear personal data."""
    parts = []
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(table.select()):
                for value in row:
                    parts.append(value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value))
    return "\n".join(parts)


def test_no_clear_id_or_phone_anywhere_in_the_database(warehouse, tmp_path):
    import_samples(warehouse)
    import_samples(warehouse, "orders_invalid.jsonl")  # rejected records keep their raw text, encrypted
    export(warehouse, tmp_path / "outbox")             # the archived CEB621 carries the ID, encrypted
    stored = every_stored_value(warehouse)
    assert BUYER_ID not in stored and PHONE not in stored and "李娜" not in stored
    assert "330106********8190" in stored and "158****5483" in stored  # the masked copies for screens
    assert BUYER_ID.encode() in (tmp_path / "outbox" / "CEB621_BWI000000000001.xml").read_bytes()


def test_the_key_file_is_private_and_must_be_the_same_everywhere(warehouse, home, monkeypatch, tmp_path):
    import_samples(warehouse)
    key_file = home / "bwms.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600 and len(key_file.read_bytes()) == 32
    monkeypatch.setenv("BWMS_HOME", str(tmp_path / "other-workstation"))
    with UnitOfWork(warehouse, actor("customs")) as uow:
        with pytest.raises(Rejected) as missing:
            pii.reveal(uow, "TG20261121000000", "buyer_id_number")
    assert missing.value.code == "key_missing" and "copy the key file" in missing.value.message
    (tmp_path / "other-workstation").mkdir(exist_ok=True)  # data_dir() made it
    (tmp_path / "other-workstation" / "bwms.key").write_bytes(b"\x00" * 32)
    (tmp_path / "other-workstation" / "bwms.key").chmod(0o600)
    with UnitOfWork(warehouse, actor("customs")) as uow:
        with pytest.raises(Rejected) as wrong:
            pii.reveal(uow, "TG20261121000000", "buyer_id_number")
    assert wrong.value.code == "wrong_key"


def test_reveal_is_for_customs_officers_and_audited(warehouse):
    import_samples(warehouse)
    for role in ("clerk", "admin", "supervisor"):
        with UnitOfWork(warehouse, actor(role)) as uow:
            with pytest.raises(PermissionDenied):
                pii.reveal(uow, "TG20261121000000", "buyer_id_number")
    with UnitOfWork(warehouse, actor("customs")) as uow:
        assert pii.reveal(uow, "TG20261121000000", "buyer_id_number") == BUYER_ID
        assert pii.reveal(uow, "TG20261121000000", "buyer_phone") == PHONE
        uow.commit()
    with UnitOfWork(warehouse, actor("customs"), write=False) as uow:
        entries = uow.session.execute(select(AuditEntry).where(AuditEntry.action.in_(["pii_reveal",
                                                                                       "permission_denied"]))
                                      .order_by(AuditEntry.id)).scalars().all()
        got = [(e.username, e.action, e.outcome, json.loads(e.detail).get("field")) for e in entries]
        assert BUYER_ID not in "".join(e.detail for e in entries)
    assert got == [("clerk", "permission_denied", "refused", None), ("admin", "permission_denied", "refused", None),
                   ("supervisor", "permission_denied", "refused", None),
                   ("customs", "pii_reveal", "ok", "buyer_id_number"), ("customs", "pii_reveal", "ok", "buyer_phone")]


def test_screens_show_masked_values_and_find_a_buyer_by_id(warehouse):
    import_samples(warehouse)
    with UnitOfWork(warehouse, actor("customs"), write=False) as uow:  # who may reveal may search by the ID
        by_id = list_orders(uow, search=BUYER_ID)
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        by_tail = list_orders(uow, search="8190")
        history = order_history(uow, "TG20261121000000")
    assert [r["order_no"] for r in by_id] == ["TG20261121000000", "TG20261121900060"]
    assert {r["order_no"] for r in by_id} <= {r["order_no"] for r in by_tail}
    assert by_id[0]["buyer_id"] == "330106********8190" and by_id[0]["buyer_phone"] == "158****5483"
    text = json.dumps(history, ensure_ascii=False)
    assert BUYER_ID not in text and PHONE not in text and "330106********8190" in text


def test_a_ciphertext_moved_to_another_column_does_not_decrypt(warehouse):
    import_samples(warehouse)
    with UnitOfWork(warehouse, actor("admin")) as uow:
        uow.session.execute(update(ConsumerOrder).where(ConsumerOrder.order_no == "TG20261121000000")
                            .values(buyer_phone_enc=ConsumerOrder.buyer_id_enc))
        uow.commit()
    with UnitOfWork(warehouse, actor("customs")) as uow:
        with pytest.raises(Rejected) as info:
            pii.reveal(uow, "TG20261121000000", "buyer_phone")
    assert info.value.code == "wrong_key"
