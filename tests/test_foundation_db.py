"""The database foundation on both engines: migrations, constraints, append-only ledgers, audit chain."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.admin import audit, auth, ensure_owner
from app.errors import AuthenticationFailed, PermissionDenied, Rejected, SchemaOutOfDate
from app.persistence import migrate
from app.persistence.db import open_database
from app.persistence.models import (
    AccountBookItem,
    AuditEntry,
    DeclarationLine,
    InboundDeclaration,
    Location,
    Lot,
    Movement,
    Product,
    Stock,
)
from app.persistence.models.base import Base
from app.persistence.uow import UnitOfWork
from app.stock.movements import Place, move
from tests.conftest import PASSWORD, actor


def make_lot(uow: UnitOfWork) -> tuple[Lot, Location]:
    s = uow.session
    item = AccountBookItem(item_no="GDS9", account_book="T2921W000123", hs_code="0409000000", name="蜂蜜",
                           unit="142", legal_unit1="035")
    s.add(item)
    s.flush()
    prod = Product(sku="HON-1", gtin="9400000011852", name_cn="蜂蜜", name_en="Honey", brand="b", spec="s",
                   hs_code="0409000000", origin="NZ", unit="142", legal_unit1="035", legal_factor1="0.5",
                   filed_price="269.00", net_weight_kg="0.5", gross_weight_kg="0.75", shelf_life_days=1460,
                   account_book_item_id=item.id, vat_rate="0.09", consumption_tax_rate="0", mfn_tariff_rate="0.15")
    owner = ensure_owner(uow).sole.id
    decl = InboundDeclaration(declaration_no="D1", container_no="C1", owner_id=owner)
    loc = Location(code="A-01", kind="storage", pick_sequence=1)
    s.add_all([prod, decl, loc])
    s.flush()
    line = DeclarationLine(declaration_id=decl.id, line_no=1, account_book_item_id=item.id, product_id=prod.id,
                           declared_qty=10, batch_no="B1", expiry_date=date(2030, 1, 1))
    s.add(line)
    s.flush()
    lot = Lot(product_id=prod.id, batch_no="B1", declaration_line_id=line.id, expiry_date=date(2030, 1, 1),
              owner_id=owner)
    s.add(lot)
    s.flush()
    return lot, loc


def test_migrations_match_models(db):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
    assert migrate.current_revision(db) == migrate.head_revision()


def test_the_schema_check_reads_the_revisions_alembic_reads():
    """`require_current` does without Alembic (its import costs every command a quarter of a second): the
    revisions it reads from the scripts are Alembic's, in Alembic's order."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate._config())
    assert migrate.revisions() == tuple(rev.revision for rev in reversed(list(script.walk_revisions())))
    assert migrate.head_revision() == script.get_current_head()


def test_init_twice_keeps_data(db):
    with UnitOfWork(db) as uow:
        uow.session.add(Location(code="KEEP-1", kind="dock"))
        uow.commit()
    before, after = migrate.upgrade(db)
    assert before == after == migrate.head_revision()
    with UnitOfWork(db, write=False) as uow:
        assert uow.session.execute(select(Location.code)).scalars().all() == ["KEEP-1"]


def test_sqlite_pragmas(sqlite_db):
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_empty_and_outdated_database_refused(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    with pytest.raises(SchemaOutOfDate, match="bwms init"):
        migrate.require_current(db)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.exec_driver_sql("INSERT INTO alembic_version VALUES ('0001')")
    if migrate.head_revision() != "0001":
        with pytest.raises(SchemaOutOfDate, match="migrate"):
            migrate.require_current(db)


def test_reserved_never_exceeds_quantity_in_the_database(db):
    with UnitOfWork(db) as uow:
        lot, loc = make_lot(uow)
        uow.session.add(Stock(location_id=loc.id, lot_id=lot.id, product_id=lot.product_id, status="available",
                              quantity=1, reserved=2))
        with pytest.raises(IntegrityError):
            uow.session.flush()


def test_movement_ledger_is_append_only(db):
    with UnitOfWork(db, actor("clerk")) as uow:
        lot, loc = make_lot(uow)
        move(uow, lot, 5, None, Place(loc.id, "hold"), kind="receive", ref_type="declaration", ref_no="D1")
        uow.commit()
    for sql in ("UPDATE movement SET quantity = 6", "DELETE FROM movement"):
        with pytest.raises(DBAPIError, match="append-only"):
            with db.engine.begin() as conn:
                conn.execute(text(sql))


def test_move_refuses_more_than_free_and_writes_movements(db):
    with UnitOfWork(db, actor("clerk")) as uow:
        lot, loc = make_lot(uow)
        move(uow, lot, 5, None, Place(loc.id, "hold"), kind="receive")
        move(uow, lot, 5, Place(loc.id, "hold"), Place(loc.id, "available"), kind="release")
        with pytest.raises(Rejected, match="only 5"):
            move(uow, lot, 6, Place(loc.id, "available"), None, kind="ship")
        uow.commit()
    with UnitOfWork(db, write=False) as uow:
        rows = uow.session.execute(select(Stock.status, Stock.quantity)).all()
        assert rows == [("available", 5)]  # the emptied hold row is gone
        assert len(uow.session.execute(select(Movement)).all()) == 2


def test_login_and_refusals_are_audited(db):
    assert auth.login(db, "clerk", PASSWORD, "dock-1").role == "clerk"
    with pytest.raises(AuthenticationFailed):
        auth.login(db, "clerk", "wrong-password")
    with pytest.raises(AuthenticationFailed):
        auth.login(db, "nobody", PASSWORD)
    with UnitOfWork(db, actor("clerk")) as uow:
        with pytest.raises(PermissionDenied):
            auth.add_user(uow, "mallory", "admin", "long-enough-pw")
    with UnitOfWork(db, write=False) as uow:
        log = [(e.username, e.action, e.outcome) for e in uow.session.execute(
            select(AuditEntry).order_by(AuditEntry.id)).scalars()]
        assert ("clerk", "login", "ok") in log
        assert ("clerk", "login", "refused") in log
        assert ("nobody", "login", "refused") in log
        assert ("clerk", "permission_denied", "refused") in log
        assert not uow.session.execute(select(AuditEntry).where(AuditEntry.entity_key == "mallory")).first()


def test_a_hash_of_the_old_parameters_still_signs_in_and_is_made_again_with_todays(db):
    """Passwords are Argon2id at OWASP's setting (19 MiB, t=2, p=1); a hash made with the library's default
    (64 MiB, t=3, p=4, what earlier versions stored) verifies, and the sign-in stores it again at today's."""
    from argon2 import PasswordHasher, extract_parameters

    from app.persistence.models import User

    with UnitOfWork(db) as uow:
        uow.session.execute(select(User).where(User.username == "clerk")).scalar_one().password_hash = \
            PasswordHasher().hash(PASSWORD)
        uow.commit()
    assert auth.login(db, "clerk", PASSWORD).role == "clerk"
    with UnitOfWork(db, write=False) as uow:
        stored = uow.session.execute(select(User.password_hash).where(User.username == "clerk")).scalar_one()
    params = extract_parameters(stored)
    assert (params.type.name, params.memory_cost, params.time_cost, params.parallelism) == ("ID", 19 * 1024, 2, 1)
    assert auth.login(db, "clerk", PASSWORD).role == "clerk"  # and the new hash verifies
    with pytest.raises(AuthenticationFailed):
        auth.login(db, "clerk", "wrong-password")


@pytest.mark.breaks_invariants
def test_audit_chain_detects_tampering(db):
    with UnitOfWork(db, write=False) as uow:
        seeded = audit.verify(uow).entries
    for i in range(3):
        with UnitOfWork(db, actor("admin")) as uow:
            audit.record(uow, "test", "thing", str(i), n=i)
            uow.commit()
    with UnitOfWork(db, write=False) as uow:
        report = audit.verify(uow)
        assert report.ok and report.entries == seeded + 3
        second = uow.session.execute(select(AuditEntry.id).order_by(AuditEntry.id).offset(1)).scalar()
    from app.persistence.append_only import unprotect  # noqa: F401 - the tamperer has DBA rights
    with db.engine.begin() as conn:
        if db.is_sqlite:
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        else:
            conn.exec_driver_sql("DROP TRIGGER audit_log_append_only ON audit_log")
        conn.execute(text("UPDATE audit_log SET detail = '{\"n\": 99}' WHERE id = :i"), {"i": second})
    with UnitOfWork(db, write=False) as uow:
        report = audit.verify(uow)
    assert not report.ok and report.first_bad_id == second


def test_unreachable_database_is_a_clear_error():
    from app.errors import DatabaseUnavailable

    db = open_database("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseUnavailable, match="cannot reach"):
        migrate.current_revision(db)
    with pytest.raises(DatabaseUnavailable, match="does not exist"):
        open_database("sqlite:////no/such/folder/x.sqlite3")
