"""The vehicle pass (核放单, SAS121): gate-out is one event for one vehicle — its plate, IC card, the weights from
the weighbridge (typed or read from a scale) and the manifests it carries. The pass binds the inventory lists of
those manifests' parcels; its SAS121 file is checked against resources/schemas/SAS121.xsd and archived in the
gate-out's transaction (written to the outbox after the commit), and it prints as the gate pass (D9).

Weights: none, or both; each above 0 and at most 100 t; the tare (the empty vehicle) below the gross.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from app.admin import pii
from app.customs import archive_message, sas_enterprise
from app.errors import Rejected
from app.formats.customs.schemas import validate
from app.formats.sas_messages import PassLine, Vehicle, sas121
from app.outbound.documents import goods_by_item, list_numbers
from app.persistence.models import Manifest, VehiclePass, VehiclePassManifest
from app.persistence.uow import UnitOfWork

MAX_KG = Decimal(100_000)
WEIGHTS_FROM = ("typed", "scale")


def weight(value: Decimal | str | int | None, what: str) -> Decimal | None:
    """A weight in kg (to the gram), or None; a clear refusal naming `what` otherwise."""
    if value is None or value == "":
        return None
    try:
        kg = Decimal(str(value).strip())
    except InvalidOperation:
        raise Rejected(f"{what} {value!r} is not a weight in kg", code="bad_weight", field=what) from None
    if not kg.is_finite() or kg <= 0 or kg > MAX_KG or kg != kg.quantize(Decimal("0.001")):
        raise Rejected(f"{what} {value} kg is not a weight above 0 and at most {MAX_KG} kg, to the gram",
                       code="bad_weight", field=what)
    return kg


def check_weights(gross: Decimal | str | None, tare: Decimal | str | None) -> tuple[Decimal | None, Decimal | None]:
    """(gross, tare) as weights: both or none, and the tare below the gross."""
    gross_kg, tare_kg = weight(gross, "gross weight"), weight(tare, "tare weight")
    if (gross_kg is None) != (tare_kg is None):
        raise Rejected("give both the gross and the tare weight of the vehicle, or neither", code="bad_weights")
    if gross_kg is not None and tare_kg is not None and tare_kg >= gross_kg:
        raise Rejected(f"the tare weight {tare_kg} kg is not below the gross weight {gross_kg} kg: the loaded "
                       "vehicle must weigh more than the empty one", code="bad_weights", gross=str(gross_kg),
                       tare=str(tare_kg))
    return gross_kg, tare_kg


def check_ic_card(ic_card: str) -> str:
    card = ic_card.strip()
    if len(card) > 32 or not card.isascii() or not (card.isalnum() or card == ""):
        raise Rejected(f"IC card {ic_card!r} is not up to 32 letters and digits", code="bad_ic_card")
    return card


def record_pass(uow: UnitOfWork, manifests: Sequence[Manifest], ic_card: str, gross_kg: Decimal | None,
                tare_kg: Decimal | None, weights_from: str) -> VehiclePass:
    """The vehicle's pass, bound to its manifests, with its SAS121 file schema-checked and archived."""
    first = manifests[0]
    ids = [m.id for m in manifests]
    vehicle = VehiclePass(pass_no=first.gate_pass_no, plate=first.vehicle_plate, ic_card=ic_card, gross_kg=gross_kg,
                          tare_kg=tare_kg, weights_from=weights_from if gross_kg is not None else "",
                          passed_by=uow.actor.username[:40])
    uow.session.add(vehicle)
    uow.session.flush()
    uow.session.add_all([VehiclePassManifest(manifest_id=i, vehicle_pass_id=vehicle.id) for i in ids])
    lines = [PassLine(g["seq"], g["item_no"], g["hs_code"], g["name"], g["unit"], g["qty"], g["gross"], g["net"])
             for g in goods_by_item(uow, ids)]
    guid = str(uuid.uuid4()).upper()
    xml = sas121(sas_enterprise(uow), vehicle.pass_no, guid, Vehicle(vehicle.plate, ic_card, tare_kg, gross_kg),
                 sum((m.gross_kg for m in manifests), Decimal(0)), sum((m.net_kg for m in manifests), Decimal(0)),
                 lines, list_numbers(uow, ids), remark="manifests " + " ".join(m.manifest_no for m in manifests))
    validate("SAS121", xml)
    message = archive_message(uow, pii.key_for(uow), "out", "SAS121", vehicle.pass_no,
                              f"SAS121_{vehicle.pass_no}.xml", xml, guid=guid)
    uow.session.flush()
    vehicle.message_id = message.id
    return vehicle
