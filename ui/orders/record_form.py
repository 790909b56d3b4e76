"""Editing a rejected record: its fields in a form (buyer data masked), or its text when it was not JSON.

Only what the user changed is sent back as corrections; the service merges them into the stored record,
so an ID or phone number nobody touched never has to be shown or typed in clear.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import vocabulary
from ui.vocabulary import field_label, json_problem, term
from ui.widgets.tables import fit_height

LINE_KEYS = ("sku", "qty", "unit_price")
CODED_FIELDS = {"buyer.id_type": "id_type"}  # record fields holding a code: its name is shown beside the code


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"buyer": {"name": …}} → {"buyer.name": …}; the order lines are left out (they have their own table)."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, path + "."))
        elif not (path == "lines" and isinstance(value, list)):
            out[path] = value
    return out


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list, bool)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def typed_like(original: Any, text: str) -> Any:
    """The edited text as the kind of value the record had there (a whole number stays a number)."""
    stripped = text.strip()
    if isinstance(original, int) and not isinstance(original, bool) and stripped.lstrip("-").isdigit():
        return int(stripped)
    return stripped


def put(record: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    node = record
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value


class RecordEditor(QTabWidget):
    """Tab "Fields": one line per field and a table of the order lines; tab "Record": the text as received."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("record_editor")
        self.original: dict[str, Any] | None = None
        self.fields: dict[str, QLineEdit] = {}
        self.code_names: dict[str, QLabel] = {}  # CODED_FIELDS' paths → the name of the code typed
        self.form_widget = QWidget()
        self.form = QFormLayout(self.form_widget)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.lines = QTableWidget(0, len(LINE_KEYS), objectName="record_lines")
        self.lines.verticalHeader().setDefaultSectionSize(self.lines.fontMetrics().height() + 10)
        self.lines.verticalHeader().setVisible(False)
        self.lines.horizontalHeader().setStretchLastSection(True)
        self.lines.setEditTriggers(QTableWidget.EditTrigger.AnyKeyPressed | QTableWidget.EditTrigger.DoubleClicked
                                   | QTableWidget.EditTrigger.EditKeyPressed)  # typed into, as in a spreadsheet
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.form_widget)
        fields_tab = QWidget()
        column = QVBoxLayout(fields_tab)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(scroll, 1)
        column.addWidget(self.lines)
        self.text = QPlainTextEdit(objectName="record_text")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.addTab(fields_tab, "")
        self.addTab(self.text, "")
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTabText(0, self.tr("Fields"))
        self.setTabText(1, self.tr("Record as received") if self.original is not None
                        else self.tr("Record (write the whole order as JSON)"))
        self.lines.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Quantity"), self.tr("Unit price")])
        for path, edit in self.fields.items():  # a record shown before a language switch: its fields renamed
            label = self.form.labelForField(edit) or self.form.labelForField(edit.parentWidget())
            if label is not None:
                label.setText(field_label(path))
            edit.setToolTip(field_label(path))  # the field's name, never its path in the record (buyer.id_type)
        for path in self.code_names:
            self._name_code(path)

    def field(self, path: str) -> QLineEdit:
        return self.fields[path]

    def set_record(self, raw: str) -> None:
        """Show the masked raw record: a form when it is a JSON object, else an editable text."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields, self.code_names = {}, {}
        try:
            parsed = json.loads(raw)
        except json.JSONDecodeError:
            parsed = None
        self.original = parsed if isinstance(parsed, dict) else None
        self.text.setPlainText(raw)
        self.text.setReadOnly(self.original is not None)
        self.setTabEnabled(0, self.original is not None)
        self.setCurrentIndex(0 if self.original is not None else 1)
        if self.original is not None:
            for path, value in flatten(self.original).items():
                edit = QLineEdit(as_text(value), objectName=f"field:{path}")
                self.fields[path] = edit
                self.form.addRow(field_label(path), self._with_name(path, edit) if path in CODED_FIELDS else edit)
            self._fill_lines(self.original.get("lines"))
        else:
            self._fill_lines(None)
        self.retranslate_ui()

    def _with_name(self, path: str, edit: QLineEdit) -> QWidget:
        """The code's field with the code's name beside it (1 → ID card), following what is typed."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(edit, 1)
        self.code_names[path] = QLabel(objectName=f"name:{path}")
        line.addWidget(self.code_names[path], 1)
        edit.textChanged.connect(lambda _text: self._name_code(path))
        return row

    def _name_code(self, path: str) -> None:
        kind, code = CODED_FIELDS[path], self.fields[path].text().strip()
        self.code_names[path].setText(term(kind, code) if vocabulary.known(kind, code) else "")

    def clear_record(self) -> None:
        self.set_record("")
        self.text.setReadOnly(True)

    def _fill_lines(self, lines: Any) -> None:
        rows = [ln for ln in lines if isinstance(ln, dict)] if isinstance(lines, list) else []
        self.lines.setRowCount(len(rows))
        for r, line in enumerate(rows):
            for c, key in enumerate(LINE_KEYS):
                self.lines.setItem(r, c, QTableWidgetItem(as_text(line.get(key))))
        fit_height(self.lines, most=5, least=1)

    def corrections(self) -> dict[str, Any]:
        """What the user changed, shaped like the record; in text mode the whole order (ValueError if not JSON)."""
        if self.original is None:
            try:
                whole = json.loads(self.text.toPlainText())
            except json.JSONDecodeError as exc:
                raise ValueError(self.tr("line %1, column %2: %3").replace("%1", str(exc.lineno)).replace(
                    "%2", str(exc.colno)).replace("%3", json_problem(exc.msg))) from exc
            if not isinstance(whole, dict):
                raise ValueError(self.tr("the record must be one JSON object { … }"))
            return whole
        flat = flatten(self.original)
        changes: dict[str, Any] = {}
        for path, edit in self.fields.items():
            if edit.text() != as_text(flat[path]):
                put(changes, path, typed_like(flat[path], edit.text()))
        lines = self._edited_lines()
        if lines is not None:
            changes["lines"] = lines
        return changes

    def _edited_lines(self) -> list[dict[str, Any]] | None:
        """The whole list of lines when any cell changed (a list is replaced, not merged), else None."""
        before = [ln for ln in self.original.get("lines") or [] if isinstance(ln, dict)]
        after, changed = [], False
        for r, line in enumerate(before):
            edited = dict(line)
            for c, key in enumerate(LINE_KEYS):
                item = self.lines.item(r, c)
                text = item.text() if item is not None else ""
                if text != as_text(line.get(key)):
                    edited[key], changed = typed_like(line.get(key), text), True
            after.append(edited)
        return after if changed else None

