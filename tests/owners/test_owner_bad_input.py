"""Bad input about owners: a clear reason naming file, line and column, and nothing changed (both engines)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.admin import masterdata
from app.errors import FileRejected
from app.inbound.declarations import import_declaration
from app.orders.importing import import_orders
from app.persistence.models import InboundDeclaration, Owner, Tariff
from app.persistence.uow import UnitOfWork
from tests.conftest import DEMO, actor
from tests.orders.conftest import seed_master
from tests.owners.conftest import a2p_orders, import_owners


def _count(db, model) -> int:
    with UnitOfWork(db, actor("admin"), write=False) as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def _refused(db, importer, path, **kwargs) -> list[str]:
    with UnitOfWork(db, actor("admin")) as uow, pytest.raises(FileRejected) as exc:
        importer(uow, path, **kwargs)
    return [str(e) for e in exc.value.errors]


def test_bad_owner_tariff_and_declaration_files_change_nothing(db, tmp_path):
    owners = tmp_path / "owners.csv"
    owners.write_text("code,name,customs_code\nALPHA,甲,3301960A11\nbad code,乙,3301960A11\nGAMMA,丙,33019\n",
                      encoding="utf-8")
    errors = _refused(db, masterdata.import_owners, owners)
    assert any(":3: code:" in e and "owner code" in e for e in errors)
    assert any(":3: customs_code:" in e and "appears on lines 2 and 3" in e for e in errors)
    assert any(":4: customs_code:" in e and "10-character customs code" in e for e in errors)
    assert _count(db, Owner) == 0

    import_owners(db)  # SAMPLE and KIWI, with their tariffs
    tariffs = tmp_path / "tariffs.csv"
    tariffs.write_text("owner,per_order,per_unit_shipped,per_carton_received,per_location_day\n"
                       "SAMPLE,1,1,1,1\nNOBODY,1,1,1,1\nKIWI,-1,0.001,1,1\n", encoding="utf-8")
    errors = _refused(db, masterdata.import_tariffs, tariffs)
    assert any(":3: owner: unknown owner 'NOBODY'" in e for e in errors)
    assert any(":4: per_order:" in e for e in errors) and any(":4: per_unit_shipped:" in e for e in errors)
    with UnitOfWork(db, actor("admin"), write=False) as uow:
        assert {str(t.per_order) for t in uow.session.scalars(select(Tariff))} == {"3.50", "4.00"}

    with UnitOfWork(db, actor("admin")) as uow:
        seed_master(uow)
        uow.commit()
    errors = _refused(db, import_declaration, DEMO / "declaration.csv")  # no owner column, two owners
    assert len(errors) == 11 and all(": owner: required: the warehouse has 2 owners (KIWI, SAMPLE)" in e
                                     for e in errors)
    named = tmp_path / "declaration.csv"
    rows = (DEMO / "declaration.csv").read_text(encoding="utf-8").splitlines()
    named.write_text("\n".join([rows[0] + ",owner", rows[1] + ",SAMPLE", rows[2] + ",NOBODY", rows[3] + ",KIWI"]),
                     encoding="utf-8")
    errors = _refused(db, import_declaration, named)
    assert any(":3: owner: unknown owner 'NOBODY'" in e for e in errors)
    assert any(":4: owner: declaration QD292126I000000123 belongs to one owner" in e for e in errors)
    assert _count(db, InboundDeclaration) == 0


def test_an_order_of_an_unknown_seller_is_rejected_with_its_own_code(db, tmp_path):
    with UnitOfWork(db, actor("admin")) as uow:
        seed_master(uow)
        uow.commit()
    import_owners(db)
    path, sample_no, stranger_no = a2p_orders(tmp_path, seller="3301960Z99")
    with UnitOfWork(db, actor("supervisor")) as uow:
        report = import_orders(uow, path)
        uow.commit()
    codes = {r["order_no"]: r["code"] for r in report.rejected}
    assert codes == {sample_no: "bonded_balance_short", stranger_no: "unknown_seller"}  # SAMPLE holds nothing yet
    assert "seller 3301960Z99 is no owner" in next(r["reason"] for r in report.rejected if r["order_no"] == stranger_no)
