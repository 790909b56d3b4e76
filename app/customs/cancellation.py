"""The cancellation request (CEB623) of a numbered inventory list: built, checked against CEB623.xsd, archived.

Customs cancels only a list it has numbered: an order cancelled before its list has an invtNo waits
(cancel_state "waiting", its reason code kept) and its request is made by the receipt that brings the number.
"""

from __future__ import annotations

import uuid

from app.admin import carriers_by_code, pii
from app.customs import archive as customs_archive
from app.customs.export import identity, list_head
from app.formats.customs.messages import CANCEL_REASONS, ceb623
from app.formats.customs.schemas import validate
from app.persistence.models import InventoryList
from app.persistence.types import utcnow
from app.persistence.uow import UnitOfWork


def request_cancellation(uow: UnitOfWork, key: pii.PiiKey, lst: InventoryList) -> str:
    """Archive the CEB623 of a list customs has numbered (delivered to the outbox after the commit)."""
    order = lst.order
    guid = str(uuid.uuid4()).upper()
    head = list_head(key, order, lst.cop_no, lst.guid, lst.app_type, lst, carriers_by_code(uow.session))
    xml = ceb623(identity(uow), head, CANCEL_REASONS[lst.cancel_reason or "1"], guid, utcnow())
    validate("CEB623", xml)
    name = f"CEB623_{lst.cop_no}_{guid[:8]}.xml"
    customs_archive.archive(uow, key, "out", "CEB623", lst.cop_no, name, xml, guid=guid)
    lst.cancel_state = "requested"
    return name
