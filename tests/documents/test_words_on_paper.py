"""No raw code on paper: every document of the registry, made from the demo warehouse, names its statuses, units,
kinds and reasons in words (Chinese and English side by side: the documents are bilingual); none prints a
snake_case code (`put_away`) or a bare code value where a name belongs (a unit `122`, a status `500`).

A document added to the registry without a key below fails here until it is given one (and so is checked).
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.counts import close_count, count_location, create_count
from app.customs.checklist import gather
from app.demo.warehouse import load_demo
from app.documents.registry import payloads, registry
from app.domain import vocabulary
from app.inbound.receiving import local_today
from app.persistence.models import (
    ConsumerOrder,
    Disposal,
    ExitChecklist,
    InboundDeclaration,
    InventoryList,
    Location,
    Lot,
    Manifest,
    Owner,
    Parcel,
    StockCount,
    Wave,
)
from app.persistence.uow import UnitOfWork
from app.returns import approve_disposal, execute_disposal, request_disposal
from tests.conftest import actor

SNAKE = re.compile(r"(?<![\w./-])[a-z]+(?:_[a-z0-9]+)+(?![\w.])")
# the code fields of the documents' data, and the kind that names each (a value printed bare is a raw code)
CODE_FIELDS = {"status": None, "unit": "unit", "kind": None, "method": "disposal_method", "state": None,
               "customs_status": "receipt", "order_status": "order_status", "reason": "disposal_reason"}


def _run(db, role: str, fn, *args):
    with UnitOfWork(db, actor(role)) as uow:
        out = fn(uow, *args)
        uow.commit()
        return out


@pytest.fixture
def demo(db):
    load_demo(db)
    with UnitOfWork(db, actor("supervisor"), write=False) as uow:
        batch = uow.session.scalars(select(Lot.batch_no).where(Lot.status == "available").order_by(Lot.id)).first()
    done = _run(db, "supervisor", request_disposal, batch, 1, "expired", "destroy")
    _run(db, "customs", approve_disposal, done.disposal)
    _run(db, "supervisor", execute_disposal, done.disposal, ["Li Ming", "Zhang Wei"])
    count = _run(db, "supervisor", lambda uow: create_count(uow, location_prefix="C-"))
    with UnitOfWork(db, actor("supervisor"), write=False) as uow:
        codes = uow.session.scalars(select(Location.code).where(Location.code.startswith("C-"))).all()
    for code in codes:  # the C aisle is empty: each location's label alone
        _run(db, "clerk", count_location, count.count, code)
    _run(db, "supervisor", close_count, count.count)
    with UnitOfWork(db, actor("supervisor"), write=False) as uow:
        today = local_today(uow)  # the warehouse's date: the lists left today there, whatever the machine's zone
    gather_ = _run(db, "supervisor", gather, today - timedelta(days=30), today)
    assert gather_.checklist
    return db


def _keys(uow: UnitOfWork) -> dict[str, str]:
    today = local_today(uow)  # the warehouse's month and day (a UTC machine's may still be yesterday)
    s = uow.session
    declaration = s.scalars(select(InboundDeclaration.declaration_no).order_by(InboundDeclaration.id)).first()
    waybill = s.scalars(select(Parcel.waybill_no).order_by(Parcel.id)).first()
    manifest = s.scalars(select(Manifest.manifest_no)).first()
    owner = s.scalars(select(Owner.code).order_by(Owner.id)).first()
    declared = s.scalars(select(ConsumerOrder.order_no).join(InventoryList, InventoryList.order_id == ConsumerOrder.id)
                         .order_by(ConsumerOrder.id)).first()
    return {
        "tally-report": declaration, "putaway-list": declaration, "carton-labels": declaration,
        "location-labels": "all", "command-sheet": "-",
        "pick-list": s.scalars(select(Wave.wave_no).order_by(Wave.id)).first(),
        "waybill": waybill, "packing-list": waybill, "manifest": manifest, "gate-pass": manifest, "pull-list": "-",
        "batch-record": s.scalars(select(Lot.batch_no).order_by(Lot.id)).first(), "inventory-list": declared,
        "owner-statement": f"{owner}/{today:%Y-%m}",
        "ledger-report": f"{today:%Y-%m}-01..{today:%Y-%m-%d}",
        "disposal-form": str(s.scalars(select(Disposal.id)).first()),
        "disposal-record": str(s.scalars(select(Disposal.id)).first()),
        "exit-checklist": s.scalars(select(ExitChecklist.checklist_no)).first(),
        "count-sheet": str(s.scalars(select(StockCount.id)).first()),
        "count-report": str(s.scalars(select(StockCount.id)).first()),
    }


def _codes(data: Any, found: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """(field, value) of every code field anywhere in a document's data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in CODE_FIELDS and isinstance(value, str) and value:
                found.add((key, value))
            else:
                _codes(value, found)
    elif isinstance(data, list):
        for item in data:
            _codes(item, found)
    return found


def test_every_document_names_its_codes_in_words(demo):
    with UnitOfWork(demo, actor("supervisor"), write=False) as uow:
        keys = _keys(uow)
        unkeyed = sorted(set(registry().names()) - set(keys))
        assert not unkeyed, f"give these documents a demo key here, so their words are checked: {unkeyed}"
        made = {}
        for spec in registry():
            data = spec.data(uow, keys[spec.name])
            pdf = payloads(uow, spec.name, keys[spec.name], ["pdf"])["pdf"]
            made[spec.name] = (data, "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    problems = []
    for name, (data, text) in made.items():
        assert text.strip(), name
        snake = sorted(set(SNAKE.findall(text)))
        if snake:
            problems.append(f"{name}: snake_case codes {snake}")
        for field, code in sorted(_codes(data, set())):
            kind = CODE_FIELDS[field]
            names = [vocabulary.term(k, code) for k in ([kind] if kind else vocabulary.kinds())]
            named = [n for n in names if n]
            if not named:
                problems.append(f"{name}: {field} {code!r} has no name in the vocabulary")
                continue
            bare = re.search(rf"(?<![\w(]){re.escape(code)}(?![\w)])", text)
            spoken = any(n[1] in text for n in named)
            if bare and not spoken and all(code not in n for n in named):
                problems.append(f"{name}: {field} {code!r} printed bare")
    assert not problems, "\n".join(problems)
