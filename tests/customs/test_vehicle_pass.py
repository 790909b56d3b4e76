"""The gate pass per vehicle: one gate-out event for one vehicle (plate, IC card, weights, its manifests), the
SAS121 file meets its schema, the printed gate pass carries the weights; bad weights change nothing."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from app.admin import pii
from app.customs import raw_bytes
from app.documents.registry import produce
from app.errors import Rejected
from app.formats.customs.schemas import validate
from app.outbound.shipping import gate_out
from app.persistence.models import CustomsMessage, Manifest, Parcel, VehiclePass, VehiclePassManifest
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.customs.test_checklist import packed
from tests.outbound.conftest import fixed_today, released, run, stocked

__all__ = ["fixed_today", "packed", "released", "stocked"]


def _same_vehicle(db, manifests):
    with db.sessions() as s:
        plate = s.scalar(select(Manifest.vehicle_plate).where(Manifest.manifest_no == manifests[0]))
        for no in manifests[1:]:
            s.get(Manifest, s.scalar(select(Manifest.id).where(Manifest.manifest_no == no))).vehicle_plate = plate
        s.commit()


def test_one_vehicle_leaves_with_its_weights_and_two_manifests(packed):
    db, (sf, yto, zto) = packed
    _same_vehicle(db, [sf, yto])
    report = run(db, "supervisor", gate_out, sf, gross_weight="18250.5", tare_weight="11200", ic_card="IC0042",
                 also=[yto])
    assert report.vehicle["manifests"] == [sf, yto] and report.vehicle["gross_weight"] == "18250.500"
    with db.sessions() as s:
        statuses = dict(s.execute(select(Manifest.manifest_no, Manifest.status)).all())
        assert statuses == {sf: "exited", yto: "exited", zto: "created"}
        [vehicle] = s.scalars(select(VehiclePass)).all()
        assert (vehicle.ic_card, str(vehicle.gross_kg), str(vehicle.tare_kg)) == ("IC0042", "18250.500", "11200.000")
        assert s.scalar(select(func.count()).select_from(VehiclePassManifest)) == 2
        message = s.get(CustomsMessage, vehicle.message_id)
        shipped = s.scalar(select(func.count()).select_from(Parcel).where(Parcel.status == "shipped"))
    assert shipped == len(report.parcels)
    with UnitOfWork(db, actor("supervisor")) as uow:
        xml = raw_bytes(pii.key_for(uow), uow.session.get(CustomsMessage, message.id))
        pdf = produce(uow, "gate-pass", yto).payload  # either manifest prints the vehicle's pass
    validate("SAS121", xml)
    assert b"<sas:VehicleWt>11200</sas:VehicleWt>" in xml and b"<sas:TotalWt>18250.5</sas:TotalWt>" in xml
    assert b"<sas:VehicleIcNo>IC0042</sas:VehicleIcNo>" in xml and xml.count(b"<sas:PassportAcmp>") == len(report.parcels)
    text = PdfReader(__import__("io").BytesIO(pdf)).pages[0].extract_text()
    assert "18250.500" in text and "11200.000" in text and "IC0042" in text and sf in text and yto in text


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"gross_weight": "9000", "tare_weight": "9000"}, "is not below the gross weight"),
    ({"gross_weight": "9000", "tare_weight": "12000"}, "is not below the gross weight"),
    ({"gross_weight": "9000"}, "give both"),
    ({"gross_weight": "-3", "tare_weight": "1"}, "gross weight -3"),
    ({"gross_weight": "heavy", "tare_weight": "1"}, "not a weight"),
    ({"ic_card": "IC 42!"}, "IC card"),
])
def test_bad_weights_are_refused_and_nothing_leaves(packed, kwargs, words):
    db, (sf, _, _) = packed
    with pytest.raises(Rejected, match=words):
        run(db, "supervisor", gate_out, sf, **kwargs)
    with db.sessions() as s:
        assert s.scalar(select(Manifest.status).where(Manifest.manifest_no == sf)) == "created"
        assert s.scalar(select(func.count()).select_from(VehiclePass)) == 0
        assert s.scalar(select(func.count()).select_from(Parcel).where(Parcel.status == "shipped")) == 0


def test_two_vehicles_never_pass_as_one(packed):
    db, (sf, yto, _) = packed
    with pytest.raises(Rejected, match="one vehicle passes the gate at a time"):
        run(db, "supervisor", gate_out, sf, also=[yto])


def test_cli_gate_out_with_weights_writes_the_pass(packed, cli, tmp_path):
    db, (sf, yto, _) = packed
    code, out, err = cli("gate-out", sf, "--gross-weight", "15000", "--tare-weight", "15000", user="supervisor")
    assert code == 1 and "tare weight 15000 kg is not below the gross weight 15000 kg" in err
    code, out, err = cli("gate-out", sf, "--gross-weight", "15000", "--tare-weight", "9800.25", "--json",
                         user="supervisor")
    assert code == 0, err
    data = json.loads(out)
    assert {"manifest", "gate_pass", "parcels", "waybills", "units", "exited_at"} <= set(data)
    assert data["vehicle"]["tare_weight"] == "9800.250" and data["vehicle"]["weights_from"] == "typed"
    with db.sessions() as s:  # its SAS121 file went to the outbox after the commit
        assert s.scalar(select(CustomsMessage.delivered_at).where(CustomsMessage.msg_type == "SAS121")) is not None
    code, out, err = cli("gate-out", yto, "--json", user="supervisor")  # as before: no weights, the same JSON
    assert code == 0 and set(json.loads(out)) == {"manifest", "gate_pass", "parcels", "waybills", "units",
                                                  "exited_at"}


def test_cli_gate_out_reads_the_gross_weight_from_the_weighbridge(packed, cli, tmp_path):
    """`--scale`: the gross weight comes from the weighbridge's serial scale (an emulator on a real
    pseudo-terminal), once it has settled; the tare is typed; a bad tare is refused before the scale is opened."""
    from app.devices.emulators import ScaleEmulator

    db, (_, _, zto) = packed
    bridge = ScaleEmulator("14250.750", interval_s=0.02, link=tmp_path / "weighbridge")
    bridge.start()
    try:
        code, _, err = cli("gate-out", zto, "--scale", bridge.port, "--tare-weight", "heavy", user="supervisor")
        assert code == 1 and "not a weight" in err
        code, out, err = cli("gate-out", zto, "--scale", bridge.port, "--tare-weight", "9800", "--ic-card", "IC0042",
                             "--json", user="supervisor")
    finally:
        bridge.stop()
    assert code == 0, err
    vehicle = json.loads(out)["vehicle"]
    assert (vehicle["gross_weight"], vehicle["tare_weight"], vehicle["weights_from"]) == ("14250.750", "9800.000",
                                                                                          "scale")
    with db.sessions() as s:
        [passed] = s.scalars(select(VehiclePass)).all()
        assert (str(passed.gross_kg), passed.ic_card) == ("14250.750", "IC0042")
        assert s.scalar(select(Manifest.status).where(Manifest.manifest_no == zto)) == "exited"
