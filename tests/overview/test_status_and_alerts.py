"""`bwms status` and `bwms alerts`: the overview's figures from one read, equal to what the list screens count;
every alert kind with its clock; the alerts' JSON contract."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from app import clock, settings
from app.domain.order_flow import FLOW_STAGES
from app.inbound.queries import declarations
from app.orders.queries import count_orders
from app.outbound.queries import wave_summaries
from app.overview import alerts, status_report
from app.persistence.models import AccountBookItem, ConsumerOrder, Lot, ReturnCase, Stock
from app.persistence.types import utcnow
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.overview.conftest import INSPECTED, REJECTED, UNANSWERED


def _without_clock(report: dict) -> dict:
    """The report less what moves with the clock between two reads (the time, the holds' ages)."""
    out = {k: v for k, v in report.items() if k != "at"}
    out["holds"] = {k: {**h, "oldest_hours": None} for k, h in report["holds"].items()}
    return out


def test_the_status_counts_what_the_list_screens_list(day, cli):
    with UnitOfWork(day, actor("clerk"), write=False) as uow:
        report = status_report(uow)
        assert report["orders"] == {stage: count_orders(uow, statuses) for stage, statuses in FLOW_STAGES.items()}
        listed = [d["status"] for d in declarations(uow)]
        waves = [w for w in wave_summaries(uow) if w["status"] == "open"]
        total = uow.session.scalar(select(ConsumerOrder.id).order_by(ConsumerOrder.id.desc()).limit(1))
    assert sum(report["orders"].values()) == total == 63
    assert report["orders"]["inspection"] == 1 and report["orders"]["rejected"] == 1
    assert report["orders"]["declared"] == len(UNANSWERED) and report["orders"]["allocated"] == 59
    assert report["orders"]["released"] == 0  # all of them allocated: the stage after release says so
    assert report["declarations"] == {s: listed.count(s) for s in report["declarations"]}
    assert report["waves"]["open"] == len(waves) and report["waves"]["units"] == sum(w["units"] for w in waves)
    assert report["holds"]["inspection"]["count"] == 1
    assert report["charts"]["stock_by_status"]["available"] > 0 and len(report["charts"]["orders_per_hour"]) == 24
    assert sum(report["charts"]["orders_per_hour"]) == report["today_figures"]["orders_received"] == 63
    code, out, _ = cli("status", "--json", user="clerk")
    assert code == 0
    assert _without_clock(json.loads(out)) == _without_clock(json.loads(json.dumps(report, default=str)))
    code, out, _ = cli("status", user="customs")
    assert code == 0 and "allocated 59" in out and "inspection 1" in out


def test_every_alert_kind_runs_its_own_clock(day, cli):
    today = clock.warehouse_today(ZoneInfo("Asia/Shanghai"))  # the alerts' today, not the machine's (UTC after 16:00)
    with UnitOfWork(day, actor("admin")) as uow:
        s = uow.session
        # the samples' lots are far from expiry; only the inspection (answered on the samples' day) is old
        assert [(a.kind, a.key) for a in alerts(uow)] == [("hold", INSPECTED)]
        batch = s.scalars(select(Lot.batch_no).join(Stock, Stock.lot_id == Lot.id).where(Stock.quantity > 0)
                          .order_by(Lot.id).limit(1)).one()
        s.execute(update(Lot).where(Lot.batch_no == batch).values(expiry_date=today + timedelta(days=45)))
        s.execute(update(AccountBookItem).values(storage_limit_days=1))
        shipped_order = s.scalars(select(ConsumerOrder.id).order_by(ConsumerOrder.id).limit(1)).one()
        s.add(ReturnCase(return_no="RT0001", order_id=shipped_order, reason="no_reason", released_at=utcnow(),
                         apply_by=today, arrive_by=today + timedelta(days=3), value=Decimal("1")))
        settings.set_value(s, "receipt_overdue_hours", "0")
        settings.set_value(s, "hold_alert_hours", "0")
        uow.commit()
    code, out, _ = cli("alerts", "--json", user="clerk")
    assert code == 0
    found = json.loads(out)
    assert all(list(a) == ["kind", "key", "due", "text"] for a in found)
    kinds = {(a["kind"], a["key"]) for a in found}
    assert ("expiry", batch) in kinds  # 45 days: inside the 30-day sale lock + 30-day warning
    assert {("no_receipt", no) for no in UNANSWERED} <= kinds
    assert ("hold", INSPECTED) in kinds and ("hold", REJECTED) not in kinds
    assert any(k == "storage_limit" for k, _ in kinds)
    assert ("return", "RT0001") in kinds  # 3 days to come back: inside the 7-day warning
    assert [a["due"][:10] for a in found] == sorted(a["due"][:10] for a in found)
    code, out, _ = cli("alerts", "--json", "--expiry-within", "10", user="clerk")
    assert ("expiry", batch) not in {(a["kind"], a["key"]) for a in json.loads(out)}
    code, out, err = cli("alerts", "--expiry-within", "-1", user="clerk")
    assert code == 1 and "0 or more" in err
    code, out, _ = cli("status", "--json", user="clerk")
    counts = json.loads(out)["alerts"]
    assert counts["total"] == len(found) and counts["no_receipt"] == len(UNANSWERED)


def test_the_account_book_and_the_ledger_show_the_pre_decrease_alike(day):
    from app.admin.queries import account_book_page
    from app.customs.ledger import balances

    with UnitOfWork(day, actor("customs"), write=False) as uow:
        book = {row[0]: row[6] for row in account_book_page(uow)}
        ledger = {b.account_book_item: b.pre_decreased for b in balances(uow)}
    assert book == ledger and sum(ledger.values()) > 0  # positive in both: units declared, not yet out
