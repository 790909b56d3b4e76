"""All models, importable from one place (Alembic reads Base.metadata from here)."""

from app.persistence.models.base import Base
from app.persistence.models.inbound import DeclarationLine, InboundDeclaration, Lot
from app.persistence.models.master import (
    AccountBookItem, Location, PositiveListLine, Product, Setting, Station, User, Warehouse,
)
from app.persistence.models.oversight import AuditEntry, CustomsLedgerEntry, ScanEvent
from app.persistence.models.stock import Movement, Stock

__all__ = [
    "AccountBookItem", "AuditEntry", "Base", "CustomsLedgerEntry", "DeclarationLine",
    "InboundDeclaration", "Location", "Lot", "Movement", "PositiveListLine", "Product", "ScanEvent",
    "Setting", "Station", "Stock", "User", "Warehouse",
]
from app.persistence.models.orders import (  # noqa: E402
    ConsumerOrder, CustomsMessage, CustomsReceipt, InventoryList, OrderLine, OrderRejection,
)

__all__ += ["ConsumerOrder", "CustomsMessage", "CustomsReceipt", "InventoryList", "OrderLine", "OrderRejection"]
from app.persistence.models.receiving import HandlingUnit, Tally, TallyCount, TallyScan  # noqa: E402

__all__ += ["HandlingUnit", "Tally", "TallyCount", "TallyScan"]
from app.persistence.models.printing import PrintJob  # noqa: E402

__all__ += ["PrintJob"]
from app.persistence.models.outbound import (  # noqa: E402
    Allocation, InspectionPull, Manifest, OrderWait, Parcel, ParcelItem, PickTask, Wave,
)

__all__ += ["Allocation", "InspectionPull", "Manifest", "OrderWait", "Parcel", "ParcelItem", "PickTask", "Wave"]
