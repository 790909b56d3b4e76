"""All models, importable from one place (Alembic reads Base.metadata from here)."""

from app.persistence.models.base import Base
from app.persistence.models.books import (
    ExitChecklist,
    ExitChecklistLine,
    ExitChecklistList,
    VehiclePass,
    VehiclePassManifest,
)
from app.persistence.models.counts import (
    LocationFreeze,
    StockCount,
    StockCountEntry,
    StockCountLocation,
    StockCountVariance,
)
from app.persistence.models.inbound import DeclarationLine, InboundDeclaration, Lot
from app.persistence.models.master import (
    AccountBookItem,
    Carrier,
    Location,
    PositiveListLine,
    Product,
    Setting,
    Station,
    User,
    Warehouse,
)
from app.persistence.models.orders import (
    ConsumerOrder,
    CustomsMessage,
    CustomsReceipt,
    InventoryList,
    OrderLine,
    OrderRejection,
)
from app.persistence.models.outbound import (
    Allocation,
    InspectionPull,
    Manifest,
    OrderWait,
    Parcel,
    ParcelItem,
    PickTask,
    Wave,
)
from app.persistence.models.oversight import AuditEntry, CustomsLedgerEntry, KeyFingerprint, ScanEvent
from app.persistence.models.owners import Owner, Tariff
from app.persistence.models.printing import PrintJob
from app.persistence.models.receiving import HandlingUnit, Tally, TallyCount, TallyScan
from app.persistence.models.returns import Disposal, ReturnCase, ReturnLine
from app.persistence.models.stock import Movement, Stock

__all__ = [
    "AccountBookItem",
    "Allocation",
    "AuditEntry",
    "Base",
    "Carrier",
    "ConsumerOrder",
    "CustomsLedgerEntry",
    "CustomsMessage",
    "CustomsReceipt",
    "DeclarationLine",
    "Disposal",
    "ExitChecklist",
    "ExitChecklistLine",
    "ExitChecklistList",
    "HandlingUnit",
    "InboundDeclaration",
    "InspectionPull",
    "InventoryList",
    "KeyFingerprint",
    "Location",
    "LocationFreeze",
    "Lot",
    "Manifest",
    "Movement",
    "OrderLine",
    "OrderRejection",
    "OrderWait",
    "Owner",
    "Parcel",
    "ParcelItem",
    "PickTask",
    "PositiveListLine",
    "PrintJob",
    "Product",
    "ReturnCase",
    "ReturnLine",
    "ScanEvent",
    "Setting",
    "Station",
    "Stock",
    "StockCount",
    "StockCountEntry",
    "StockCountLocation",
    "StockCountVariance",
    "Tally",
    "TallyCount",
    "TallyScan",
    "Tariff",
    "User",
    "VehiclePass",
    "VehiclePassManifest",
    "Warehouse",
    "Wave",
]
