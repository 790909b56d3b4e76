"""The document registry: every document and label the warehouse prints, declared once, produced one way.

A `DocumentSpec` says what a document is called (`bwms print` uses the same names), what its key is, the
formats it comes in, the area function that fetches its data (uow, key → plain data), the renderer that
draws it (plain data, format → bytes; `printing/`), the permission it needs and whether it is audited.
The specs are put together by one composition function, `app.documents.catalog.build_registry()`.

Everything that makes a document goes through here: `bwms print`, the screens' preview/print/save and the
print queue. `produce(…, target=None)` makes the bytes to look at on screen (not a print: not audited);
with a target (a file, a printer, a print job) it also audits the print, and says whether it was a reprint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from app.domain.roles import Permission
from app.errors import NotFound, Rejected

if TYPE_CHECKING:  # the services are imported when a document is made: `bwms print --help` reads the specs only
    from app.persistence.models import PrintJob
    from app.persistence.uow import UnitOfWork

PRINT_ACTION = "print"  # the audit action of every print, save and queued print of a document


@dataclass(frozen=True)
class DocumentSpec:
    """One document or label, as the registry knows it."""

    name: str                                   # `bwms print` name, audit entity (unless audit_entity says)
    title: str                                  # in words; a print job is called "<title> <key>"
    key: str                                    # what its key is: "declaration", "wave", "manifest", …
    formats: tuple[str, ...]                    # what it prints or saves as; the first is the usual one
    data: Callable[[UnitOfWork, str], Any]      # the area's data function
    render: Callable[[Any, str], bytes]         # plain data, format → bytes
    permission: Permission = Permission.PRINT
    audited: bool = True
    audit_entity: str = ""                      # the audit entry's entity when it is not the name
    preview_formats: tuple[str, ...] = ()       # drawn on screen only (never printed, never audited)
    cli: bool = True                            # one of the `bwms print` documents

    @property
    def entity(self) -> str:
        return self.audit_entity or self.name


class Registry:
    """The declared documents by name."""

    def __init__(self, specs: Iterable[DocumentSpec]) -> None:
        self._specs: dict[str, DocumentSpec] = {}
        for spec in specs:
            if spec.name in self._specs:
                raise ValueError(f"document {spec.name!r} is declared twice")
            self._specs[spec.name] = spec

    def __getitem__(self, name: str) -> DocumentSpec:
        spec = self._specs.get(name)
        if spec is None:
            raise NotFound(f"no document {name!r}: one of {', '.join(sorted(self._specs))}",
                           code="unknown_document", document=name)
        return spec

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def __iter__(self) -> Iterator[DocumentSpec]:
        return iter(self._specs.values())

    def names(self, *, cli: bool | None = None) -> list[str]:
        return sorted(s.name for s in self if cli is None or s.cli == cli)


@cache
def registry() -> Registry:
    """The warehouse's documents (built once, on first use, by the one composition function)."""
    from app.documents.catalog import build_registry

    return build_registry()


def spec(name: str) -> DocumentSpec:
    return registry()[name]


@dataclass
class Produced:
    document: str
    key: str
    fmt: str
    payload: bytes
    target: str | None = None
    reprint: bool | None = None       # None: not a print (a preview)
    extra: dict[str, bytes] = field(default_factory=dict)


def _check_format(s: DocumentSpec, fmt: str, preview: bool) -> None:
    allowed = s.formats + (s.preview_formats if preview else ())
    if fmt not in allowed:
        raise Rejected(f"{s.name} prints as {' or '.join(f.upper() for f in s.formats)}", code="bad_format",
                       document=s.name, format=fmt)


def payloads(uow: UnitOfWork, name: str, key: str, fmts: Sequence[str], *, preview: bool = False) -> dict[str, bytes]:
    """The document in each of `fmts` (its data fetched once); checks the permission, audits nothing."""
    from app.admin.auth import require

    s = spec(name)
    for fmt in fmts:
        _check_format(s, fmt, preview)
    require(uow, s.permission)
    data = s.data(uow, key)
    return {fmt: s.render(data, fmt) for fmt in fmts}


def produce(uow: UnitOfWork, name: str, key: str, fmt: str = "pdf", target: str | None = None) -> Produced:
    """Check the permission, fetch the data, render; with a `target` (where it was printed or saved) the print
    is audited too. Without one it is a preview: the bytes to draw on screen, not audited."""
    payload = payloads(uow, name, key, [fmt], preview=target is None)[fmt]
    reprint = record_print(uow, name, key, target) if target is not None else None
    return Produced(name, key, fmt, payload, target, reprint)


def record_print(uow: UnitOfWork, name: str, key: str, target: str) -> bool:
    """Audit one print (printed, saved, queued) of the document `name` for `key`; True when it is a reprint."""
    from sqlalchemy import select

    from app.admin import audit
    from app.admin.auth import require
    from app.persistence.models import AuditEntry

    s = spec(name)
    require(uow, Permission.PRINT)
    require(uow, s.permission)
    if not s.audited:
        return False
    before = uow.session.execute(select(AuditEntry.id).where(
        AuditEntry.action == PRINT_ACTION, AuditEntry.entity == s.entity,
        AuditEntry.entity_key == key).limit(1)).first()
    detail: dict[str, Any] = {"target": target, "reprint": before is not None}
    if s.entity != s.name:
        detail["document"] = s.name
    audit.record(uow, PRINT_ACTION, s.entity, key, **detail)
    return before is not None


def enqueue(uow: UnitOfWork, name: str, key: str, fmt: str, printer: str, payload: bytes | None = None) -> PrintJob:
    """Queue the document for `printer` (a print job called "<title> <key>") and audit the print.

    `payload` is the document already rendered for this key (the packing station renders its label once for
    the queue and the label files); without it the document is made here."""
    from app.admin.auth import require
    from app.documents import queue as print_queue

    s = spec(name)
    if payload is None:
        payload = payloads(uow, name, key, [fmt])[fmt]
    else:
        _check_format(s, fmt, False)
        require(uow, s.permission)
    job = print_queue.enqueue(uow, f"{s.title} {key}", printer, payload, doc=(name, key))
    record_print(uow, name, key, f"print job {job.id}")
    return job
