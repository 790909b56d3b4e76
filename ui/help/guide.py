"""Help → Guide: a short guide for the signed-in role, in the screen's language, with the stations' keys.

The keys come from the one key map (app.domain.station_keys), in the language on screen, so the guide never
disagrees with the stations or the printed command sheet.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.domain.station_keys import STATION_COMMANDS, STATION_KEYS, STATIONS
from ui.i18n import chinese_on_screen
from ui.vocabulary import role_label

_CONTEXT = "Guide"

# per role: what the day looks like, one step a line (rich text allowed: <b>…</b>)
STEPS: dict[str, tuple[str, ...]] = {
    "clerk": (
        QT_TRANSLATE_NOOP("Guide", "The <b>Overview</b> shows the day: orders by stage, waves to pick, parcels "
                          "waiting, alerts. Press a figure to open its list."),
        QT_TRANSLATE_NOOP("Guide", "<b>Receive</b>: choose the declaration (F2), scan every carton; F6 before a "
                          "damaged one; F9 closes the tally."),
        QT_TRANSLATE_NOOP("Guide", "<b>Put away</b>: scan the carton (or the product), then the location label."),
        QT_TRANSLATE_NOOP("Guide", "<b>Pick</b>: choose the wave (F2), scan the location, then each unit."),
        QT_TRANSLATE_NOOP("Guide", "<b>Pack</b>: scan the order or waybill, every unit, then weigh (F9); a parcel "
                          "for inspection is pulled aside: put it in the inspection area."),
        QT_TRANSLATE_NOOP("Guide", "<b>Gate</b>: scan the manifest, then every parcel loaded on the vehicle."),
        QT_TRANSLATE_NOOP("Guide", "<b>Count</b>: choose the count (F2), scan each location's label, then every "
                          "unit or carton there; the book quantity is never shown; F9 closes the count."),
    ),
    "supervisor": (
        QT_TRANSLATE_NOOP("Guide", "Start on the <b>Overview</b>: holds and alerts first (red and amber), then "
                          "orders waiting at each stage. Every figure opens its list."),
        QT_TRANSLATE_NOOP("Guide", "<b>Inbound declarations</b>: import the declaration, follow the tally, close it; "
                          "after customs releases it, print the put-away list and close the entry when put away."),
        QT_TRANSLATE_NOOP("Guide", "<b>Orders</b>: import them, send the inventory lists (Customs exchange), apply "
                          "the receipts; rejections go to the <b>Rejection workbench</b>."),
        QT_TRANSLATE_NOOP("Guide", "<b>Allocation and waves</b>: allocate released orders, print the pick lists."),
        QT_TRANSLATE_NOOP("Guide", "<b>Manifests</b>: make a manifest per vehicle; the gate station lets it out."),
        QT_TRANSLATE_NOOP("Guide", "<b>Stock counts</b>: count a location prefix or some SKUs (the locations freeze "
                          "until the count closes), print the blind stocktake sheet, then recount the variances or "
                          "approve them with a reason: the stock becomes what was counted."),
        QT_TRANSLATE_NOOP("Guide", "Alerts: lots near expiry or their storage-time limit, orders with no customs "
                          "receipt, holds that last too long (thresholds in Warehouse settings)."),
    ),
    "customs": (
        QT_TRANSLATE_NOOP("Guide", "The <b>Overview</b> shows declarations, orders by stage, holds under inspection "
                          "and releases against shipments over 14 days."),
        QT_TRANSLATE_NOOP("Guide", "<b>Inbound declarations</b>: release a tallied entry (the held lots become "
                          "available, the ledger records the entry)."),
        QT_TRANSLATE_NOOP("Guide", "<b>Customs ledger</b> and <b>Account book</b>: entered, pre-decreased, decreased "
                          "and the balance of every item."),
        QT_TRANSLATE_NOOP("Guide", "<b>Stock counts</b>: confirm an approved count's surpluses and shortages of "
                          "bonded goods; until then the ledger shows them apart, as adjustments pending."),
        QT_TRANSLATE_NOOP("Guide", "<b>Trace and batch record</b>: scan a waybill, order, batch, carton or manifest "
                          "to follow it both ways; print the batch record."),
        QT_TRANSLATE_NOOP("Guide", "<b>Audit log</b> and <b>Warehouse checks</b>: who did what, and whether the "
                          "invariants hold. Revealing a buyer's data is audited."),
    ),
    "admin": (
        QT_TRANSLATE_NOOP("Guide", "<b>Users</b>: add one account per person; a lost password is reset here or "
                          "with <code>bwms user reset-password NAME</code>."),
        QT_TRANSLATE_NOOP("Guide", "<b>Warehouse settings</b>: limits, alert thresholds, customs folders, key file, "
                          "daily backup. <code>bwms where</code> shows where the database and key file are."),
        QT_TRANSLATE_NOOP("Guide", "<b>Products</b> and <b>Locations</b>: import the master data (CSV or XLSX)."),
        QT_TRANSLATE_NOOP("Guide", "Keep the backups and the key file in two places (<code>bwms backup</code>, "
                          "<code>bwms keys export</code>)."),
    ),
}
# the stations each role works at (their keys are listed)
ROLE_STATIONS: dict[str, tuple[str, ...]] = {
    "clerk": tuple(STATIONS), "supervisor": tuple(STATIONS), "admin": tuple(STATIONS), "customs": (),
}


def guide_html(role: str) -> str:
    """The guide for `role` as rich text, in the language on screen."""
    zh = chinese_on_screen()
    words = {"title": QCoreApplication.translate("Guide", "Guide for the %1").replace("%1", role_label(role)),
             "keys": QCoreApplication.translate("Guide", "Keys at every scan station"),
             "same": QCoreApplication.translate("Guide", "The same key does the same thing at every station (%1)."),
             "key": QCoreApplication.translate("Guide", "Key"), "name": QCoreApplication.translate("Guide", "Name"),
             "does": QCoreApplication.translate("Guide", "What it does"),
             "commands": QCoreApplication.translate("Guide", "Command barcodes (on the printed command sheet)"),
             "shell": QCoreApplication.translate("Guide", "Ctrl+1 … Ctrl+9 open the screens of the navigation; F5 "
                                                 "reloads a list; Shift+F1 opens this guide.")}
    parts = [f"<h2>{escape(words['title'])}</h2>", "<ol>"]
    parts += [f"<li>{QCoreApplication.translate(_CONTEXT, step)}</li>" for step in STEPS.get(role, ())] + ["</ol>"]
    stations = ROLE_STATIONS.get(role, ())
    if stations:
        names = ", ".join(STATIONS[s][0 if zh else 1] for s in stations)
        parts += [f"<h3>{escape(words['keys'])}</h3>", f"<p>{escape(words['same'].replace('%1', names))}</p>",
                  "<table border='1' cellspacing='0' cellpadding='4'>",
                  f"<tr><th>{escape(words['key'])}</th><th>{escape(words['name'])}</th>"
                  f"<th>{escape(words['does'])}</th></tr>"]
        for key in STATION_KEYS:
            parts.append(f"<tr><td><b>{escape(key.key)}</b></td><td>{escape(key.name_zh if zh else key.name)}</td>"
                         f"<td>{escape(key.meaning_zh if zh else key.meaning)}</td></tr>")
        parts.append("</table>")
        commands = [c for c in STATION_COMMANDS if set(c.stations) & set(stations)]
        if commands:
            parts.append(f"<h3>{escape(words['commands'])}</h3><ul>")
            parts += [f"<li><b>{escape(c.name_zh if zh else c.name)}</b> ({escape(c.barcode)}): "
                      f"{escape(c.meaning_zh if zh else c.meaning)}</li>" for c in commands]
            parts.append("</ul>")
    parts.append(f"<p>{escape(words['shell'])}</p>")
    return "".join(parts)


class GuideDialog(QDialog):
    """The guide in a window that fits 1366×768; Esc or Close shuts it."""

    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="guide")
        self.role = role
        self.text = QTextBrowser(objectName="guide_text")
        self.text.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(760, 600)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Guide", "Guide"))
        self.text.setHtml(guide_html(self.role))
