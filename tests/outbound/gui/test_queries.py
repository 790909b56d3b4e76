"""The outbound screens' queries (app.outbound.queries) on both engines: the order board with its
waiting reasons, wave progress, the picker's stop, manifests, and the label preview and documents as bytes."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from app.documents.registry import produce
from app.errors import NotFound, Rejected
from app.outbound import queries as q
from app.outbound.pick_station import PickStation
from app.outbound.shipping import create_manifest
from app.persistence.models import ConsumerOrder
from app.persistence.uow import UnitsOfWork
from tests.conftest import actor
from tests.outbound.conftest import run
from tests.outbound.gui.helpers import pdf_text
from tests.outbound.helpers import all_waves, pack_order, pick_everything


def test_the_order_board_pages_by_id_and_says_why_an_order_waits(allocated, uow_as):
    with uow_as("supervisor", write=False) as uow:
        assert q.order_board_count(uow, "allocated") == 63 and q.order_board_count(uow, "waiting") == 0
        first = q.order_board_page(uow, "allocated", 0, 40)
        rest = q.order_board_page(uow, "allocated", first[-1][0], 40)
        waves = {w["wave"] for w in q.wave_summaries(uow)}
        with pytest.raises(Rejected):
            q.order_board_page(uow, "everything", 0, 10)
    assert len(first) == 40 and len(rest) == 23 and first[-1][0] < rest[0][0]
    assert {row[3] for row in first + rest} == {"allocated"} and {row[4] for row in first + rest} <= waves
    assert sum(row[5] for row in first + rest) == 147
    wave = next(w for w in all_waves(allocated, "open") if any(t["sku"] == "LAMER-60" for t in w["tasks"]))
    task = next(t for t in wave["tasks"] if t["sku"] == "LAMER-60")
    station = PickStation(UnitsOfWork(allocated, actor("clerk")), wave["wave"])
    station.scan(f"LOC:{task['location']}")
    assert station.scan("CMD:SHORT").code == "short_pick"  # no other LAMER-60: the order waits
    with uow_as("supervisor", write=False) as uow:
        waiting = q.order_board_page(uow, "waiting", 0, 10)
    assert [(row[1], row[3]) for row in waiting] == [(task["order_no"], "short")]
    assert "LAMER-60" in waiting[0][6] and waiting[0][7] is not None


def test_wave_progress_and_the_pickers_stop(allocated, uow_as):
    wave = all_waves(allocated, "open")[0]
    first = wave["tasks"][0]
    with uow_as("clerk", write=False) as uow:
        summary = next(w for w in q.wave_summaries(uow, "open") if w["wave"] == wave["wave"])
        going = q.pick_prompt(uow, wave["wave"])
        there = q.pick_prompt(uow, wave["wave"], first["location"])
        elsewhere = q.pick_prompt(uow, wave["wave"], "Z-99-99")
        with pytest.raises(NotFound):
            q.pick_prompt(uow, "W999999")
    assert summary["units"] == sum(t["qty"] for t in wave["tasks"]) and summary["picked"] == 0
    assert summary["open_tasks"] == len(wave["tasks"])
    assert (going["location"], going["at_location"], there["at_location"]) == (first["location"], False, True)
    here = [t for t in wave["tasks"] if t["location"] == first["location"]]
    assert sum(i["qty"] for i in there["items"]) == sum(t["qty"] for t in here)
    assert {o for i in there["items"] for o in i["orders"]} == {t["order_no"] for t in here}
    assert elsewhere["location"] == first["location"] and not elsewhere["at_location"]
    assert going["units_left"] == summary["units"] and going["open_tasks"] == summary["open_tasks"]
    pick_everything(allocated)
    with uow_as("clerk", write=False) as uow:
        done = q.pick_prompt(uow, wave["wave"])
    assert done["location"] is None and done["status"] == "picked" and done["units_picked"] == summary["units"]


def test_manifests_the_label_preview_and_the_documents(allocated, uow_as):
    import zxingcpp
    from PIL import Image

    pick_everything(allocated)
    with allocated.sessions() as s:
        sf = list(s.scalars(select(ConsumerOrder.order_no).where(ConsumerOrder.carrier_code == "SF")
                            .order_by(ConsumerOrder.id).limit(2)))
    packed = [pack_order(allocated, no).params for no in sf]
    with uow_as("clerk", write=False) as uow:
        waiting = q.packed_by_carrier(uow)
        png = produce(uow, "waybill", packed[0]["waybill"], "png").payload
        with pytest.raises(NotFound):
            produce(uow, "waybill", "NO-SUCH-WAYBILL", "png")
    assert [(c["carrier"], c["parcels"]) for c in waiting] == [("SF", 2)]
    decoded = {b.text for b in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))}
    assert packed[0]["waybill"] in decoded
    report = run(allocated, "supervisor", create_manifest, "SF", "浙A12345")
    wave = all_waves(allocated)[0]["wave"]
    with uow_as("customs", write=False) as uow:
        board = q.manifests(uow)
        detail = q.manifest_detail(uow, report.gate_pass)
        manifest, gate_pass = (produce(uow, "manifest", report.manifest).payload,
                               produce(uow, "gate-pass", report.manifest).payload)
        pick_list = produce(uow, "pick-list", wave).payload
        record = produce(uow, "batch-record",
                         f"QD292126I000000123/{_a_batch(allocated, packed[0]['waybill'])}").payload
        assert q.packed_by_carrier(uow) == []
    assert wave in pdf_text(pick_list)
    assert [(m["manifest"], m["parcels"], m["shipped"], m["status"]) for m in board] == [
        (report.manifest, 2, 0, "created")]
    assert {p["waybill"] for p in detail["parcel_list"]} == {p["waybill"] for p in packed}
    assert {p["list_status"] for p in detail["parcel_list"]} == {"800"}
    assert packed[0]["waybill"] in pdf_text(manifest) and report.gate_pass in pdf_text(gate_pass)
    assert packed[0]["waybill"] in pdf_text(record)


def _a_batch(db, waybill: str) -> str:
    from app.persistence.models import Lot, Parcel, ParcelItem

    with db.sessions() as s:
        return s.scalar(select(Lot.batch_no).join(ParcelItem, ParcelItem.lot_id == Lot.id)
                        .join(Parcel, Parcel.id == ParcelItem.parcel_id).where(Parcel.waybill_no == waybill).limit(1))
