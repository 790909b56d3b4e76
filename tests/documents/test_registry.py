"""The document registry: every document declared once, every print of it audited with the document and its key
(a second one marked as a reprint), and none made for a role without the print permission."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.documents import catalog
from app.documents.registry import DocumentSpec, Registry, payloads, produce, record_print, registry
from app.domain import roles
from app.domain.roles import Permission, Role
from app.errors import NotFound, PermissionDenied, Rejected
from app.persistence.models import AuditEntry

BWMS_PRINT = ["batch-record", "carton-labels", "command-sheet", "count-report", "count-sheet", "disposal-form",
              "disposal-record", "exit-checklist", "gate-pass", "ledger-report", "location-labels", "manifest", "owner-statement",
              "packing-list", "pick-list", "pull-list", "putaway-list", "tally-report",
              "waybill"]


def _prints(uow) -> list[tuple[str, str, dict]]:
    rows = uow.session.execute(select(AuditEntry.entity, AuditEntry.entity_key, AuditEntry.detail)
                               .where(AuditEntry.action == "print").order_by(AuditEntry.id)).all()
    return [(entity, key, json.loads(detail)) for entity, key, detail in rows]


def test_the_registry_declares_every_document_once_with_bwms_print_names():
    docs = registry()
    assert docs.names(cli=True) == BWMS_PRINT
    assert "inventory-list" in docs and docs["inventory-list"].cli is False
    for spec in docs:
        # a merchant's statement (its charges) is for supervisors; every other document for whoever may print
        expected = Permission.SUPERVISE if spec.name == "owner-statement" else Permission.PRINT
        assert spec.audited and spec.permission == expected, spec.name
        assert spec.formats and set(spec.formats) <= {"pdf", "zpl"} and spec.title and spec.key, spec.name
    assert catalog.build_registry().names() == docs.names()  # one composition function, no import side effects
    with pytest.raises(ValueError):
        Registry([docs["waybill"], docs["waybill"]])
    with pytest.raises(NotFound):
        docs["no-such-document"]


def test_every_document_is_named_in_both_languages_by_its_title():
    """A print job and a print's audit entry name the document by the registry's name: the vocabulary says it (the
    English is the spec's title word for word, so the two cannot drift apart)."""
    from app.domain import vocabulary

    for spec in registry():
        assert vocabulary.name("document", spec.name) == spec.title, spec.name
        assert vocabulary.term("document", spec.name)[1], spec.name
        assert vocabulary.known("audit_entity", spec.entity), spec.name  # the audit log names what was printed
    assert set(vocabulary.table("document")) == set(registry().names())


def test_every_registered_document_is_audited_with_its_key_and_a_reprint_is_marked(uow_as):
    with uow_as("supervisor") as uow:  # a supervisor may print every document
        for spec in registry():
            assert record_print(uow, spec.name, f"KEY-{spec.name}", "printer A") is False
            assert record_print(uow, spec.name, f"KEY-{spec.name}", "printer B") is True
        uow.commit()
    with uow_as("admin", write=False) as uow:
        prints = _prints(uow)
    assert len(prints) == 2 * len(list(registry()))
    for spec in registry():
        mine = [(d["target"], d["reprint"], d.get("document", entity)) for entity, key, d in prints
                if key == f"KEY-{spec.name}" and entity == spec.entity]
        assert mine == [("printer A", False, spec.name), ("printer B", True, spec.name)], spec.name


def test_a_document_made_for_a_target_is_audited_and_a_preview_is_not(uow_as):
    with uow_as("clerk") as uow:
        preview = produce(uow, "command-sheet", "-", "pdf")
        first = produce(uow, "command-sheet", "-", "pdf", target="sheet.pdf")
        again = produce(uow, "command-sheet", "-", "pdf", target="sheet-2.pdf")
        uow.commit()
    assert preview.payload.startswith(b"%PDF-") and preview.reprint is None
    assert first.payload.startswith(b"%PDF-") and first.reprint is False and again.reprint is True
    with uow_as("admin", write=False) as uow:
        assert [(e, k, d["target"]) for e, k, d in _prints(uow)] == [("command-sheet", "-", "sheet.pdf"),
                                                                      ("command-sheet", "-", "sheet-2.pdf")]


def test_a_format_the_document_does_not_come_in_is_refused(uow_as):
    with uow_as("clerk") as uow:
        with pytest.raises(Rejected) as info:
            produce(uow, "tally-report", "D1", "zpl", target="t.zpl")
        assert info.value.code == "bad_format"
        with pytest.raises(Rejected):
            produce(uow, "waybill", "W1", "png", target="w.png")  # a label preview is never printed


def test_every_registered_document_is_refused_for_a_role_without_the_print_permission(uow_as, monkeypatch):
    monkeypatch.setitem(roles.GRANTS, Role.CLERK, frozenset({Permission.VIEW, Permission.SCAN_OPERATIONS}))
    for spec in registry():
        with uow_as("clerk") as uow:
            for attempt in (lambda: produce(uow, spec.name, "KEY", spec.formats[0], target="out"),
                            lambda: produce(uow, spec.name, "KEY", spec.formats[0]),
                            lambda: payloads(uow, spec.name, "KEY", spec.formats),
                            lambda: record_print(uow, spec.name, "KEY", "out")):
                with pytest.raises(PermissionDenied):
                    attempt()
    with uow_as("admin", write=False) as uow:
        assert _prints(uow) == []


def test_the_permission_is_checked_before_the_data_is_fetched(uow_as, monkeypatch):
    monkeypatch.setitem(roles.GRANTS, Role.CLERK, frozenset({Permission.VIEW}))
    fetched: list[str] = []
    spec = DocumentSpec("probe", "probe", "anything", ("pdf",), lambda uow, key: fetched.append(key),
                        lambda data, fmt: b"%PDF-")
    monkeypatch.setattr("app.documents.registry.registry", lambda: Registry([spec]))
    with uow_as("clerk") as uow, pytest.raises(PermissionDenied):
        produce(uow, "probe", "K", "pdf", target="out")
    assert fetched == []
