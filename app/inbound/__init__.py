"""Inbound: declarations imported, received at the station, tallied, released by customs and put away."""

from app.inbound.declarations import DeclarationImport, demo_declaration, import_declaration
from app.inbound.documents import carton_labels, location_labels, putaway_list, tally_report
from app.inbound.putaway import all_suggested
from app.inbound.putaway_station import PutawayStation
from app.inbound.queries import declaration_head
from app.inbound.receive_station import ReceiveStation
from app.inbound.release import close_entry

# release.release and queries.declarations keep their module's name, so they are reached through the module.
__all__ = [
    "DeclarationImport", "PutawayStation", "ReceiveStation", "all_suggested", "carton_labels", "close_entry",
    "declaration_head", "demo_declaration", "import_declaration", "location_labels", "putaway_list",
    "tally_report",
]
