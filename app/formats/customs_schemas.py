"""The schema check of every customs message we send: one XSD per message type in resources/schemas/.

`validate("CEB621", xml)` checks the bytes against resources/schemas/CEB621.xsd (written from the public field
lists, DOMAIN.md §2) and raises SchemaViolation naming each element that breaks a rule (which rule, the value)
— before the message is archived or written to the outbox. A message type is the XSD's file name: a new
message (CEB625, a gate pass …) needs only its XSD there; shared types live in ceb_types.xsd.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
import xmlschema

from app.config import resources_dir
from app.errors import Rejected

_TYPE = re.compile(r"[A-Za-z0-9_]{1,40}")
_SHOWN = 60  # characters of a bad value quoted in the message
_STRUCTURE = ("content", "root element", "well-formed", "no DTD")  # rules about elements, not a value


def schemas_dir() -> Path:
    return resources_dir() / "schemas"


@dataclass(frozen=True)
class Problem:
    """One rule one element breaks: where (Inventory/InventoryList[2]/itemNo), the rule, the value, why."""

    element: str
    rule: str
    value: str
    reason: str

    def describe(self) -> str:
        shown = self.value if len(self.value) <= _SHOWN else self.value[:_SHOWN] + "…"
        value = f" = {shown!r} ({len(self.value)} characters)" if self.value else " (empty)"
        if self.rule in _STRUCTURE:
            value = ""
        return f"{self.element}{value}: {self.reason} [{self.rule}]"

    def to_json(self) -> dict[str, str]:
        return {"element": self.element, "rule": self.rule, "value": self.value, "reason": self.reason}


class SchemaViolation(Rejected):
    """A message we built breaks its XSD: nothing of it may be archived or sent."""

    code = "schema_invalid"

    def __init__(self, message_type: str, problems: list[Problem]) -> None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more: " + "; ".join(p.describe() for p in problems[1:]) + ")" \
            if len(problems) > 1 else ""
        super().__init__(f"{message_type} breaks its schema {message_type}.xsd: {first.describe()}{more}",
                         message_type=message_type, element=first.element, rule=first.rule,
                         problems=[p.to_json() for p in problems])
        self.message_type = message_type
        self.problems = problems


@cache
def schema(message_type: str) -> xmlschema.XMLSchema:
    """The compiled XSD of a message type (compiled once per process)."""
    if not _TYPE.fullmatch(message_type):
        raise Rejected(f"{message_type!r} is not a message type", code="unknown_message_type")
    path = schemas_dir() / f"{message_type}.xsd"
    if not path.is_file():
        raise Rejected(f"no schema for {message_type}: {path} is missing", code="unknown_message_type",
                       message_type=message_type)
    return xmlschema.XMLSchema(str(path))


def validate(message_type: str, xml: bytes) -> None:
    """Check one message against resources/schemas/<message_type>.xsd; SchemaViolation names every break."""
    checker = schema(message_type)
    try:
        root = SafeET.fromstring(xml)
    except ParseError as exc:
        raise SchemaViolation(message_type, [Problem("(document)", "well-formed", "", f"not XML: {exc}")]) from exc
    except SafeET.DefusedXmlException as exc:  # our own builders never write a DTD
        raise SchemaViolation(message_type, [Problem("(document)", "no DTD", "", str(exc))]) from exc
    parents = {child: parent for parent in root.iter() for child in parent}
    problems = [_problem(error, root, parents) for error in checker.iter_errors(root)]
    with_value = {p.element for p in problems if p.rule not in _STRUCTURE}
    problems = [p for p in problems if p.rule not in _STRUCTURE or p.element not in with_value]  # the facet says it
    if problems:
        raise SchemaViolation(message_type, problems)


def _problem(error: Any, root: Element, parents: dict[Element, Element]) -> Problem:
    elem = error.elem if isinstance(error.elem, Element) else None
    value = error.obj if isinstance(error.obj, str) else (elem.text or "" if elem is not None else "")
    return Problem(_where(elem, root, parents) if elem is not None else _plain_path(error.path),
                   _rule(error.validator), value.strip(), error.reason or str(error.message))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _where(elem: Element, root: Element, parents: dict[Element, Element]) -> str:
    """The element's path below the root, with a 1-based index where a parent has several of that tag."""
    steps = []
    while elem is not root and elem in parents:
        parent = parents[elem]
        same = [c for c in parent if c.tag == elem.tag]
        name = _local(elem.tag)
        steps.append(f"{name}[{same.index(elem) + 1}]" if len(same) > 1 else name)
        elem = parent
    return "/".join(reversed(steps)) or _local(root.tag)


def _plain_path(path: str | None) -> str:
    parts = [p.split(":")[-1] for p in (path or "").split("/") if p]
    return "/".join(parts[1:]) or "(document)"


def _rule(validator: Any) -> str:
    """The facet broken, as the XSD names it: maxLength 200, pattern [0-9A-Z]{10}, enumeration …"""
    kind = type(validator).__name__
    facets = {"XsdMaxLengthFacet": "maxLength", "XsdMinLengthFacet": "minLength", "XsdLengthFacet": "length",
              "XsdTotalDigitsFacet": "totalDigits", "XsdFractionDigitsFacet": "fractionDigits",
              "XsdMinInclusiveFacet": "minInclusive", "XsdMaxInclusiveFacet": "maxInclusive",
              "XsdMinExclusiveFacet": "minExclusive", "XsdMaxExclusiveFacet": "maxExclusive"}
    if kind in facets:
        return f"{facets[kind]} {validator.value}"
    if kind == "XsdPatternFacets":
        return "pattern " + " | ".join(validator.regexps)
    if kind == "XsdEnumerationFacets":
        return "enumeration " + ", ".join(str(v) for v in validator.enumeration)
    if "Group" in kind or "Element" in kind:
        return "content"
    if kind.startswith("XMLSchema"):
        return "root element"
    return kind.removeprefix("Xsd") or "schema"
