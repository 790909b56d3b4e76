"""The schema check of every customs message we send: one XSD per message type in resources/schemas/.

`validate("CEB621", xml)` checks the bytes against resources/schemas/CEB621.xsd (written from the public field
lists, DOMAIN.md §2) and raises SchemaViolation naming each element that breaks a rule (which rule, the value)
— before the message is archived or written to the outbox. A message type is the XSD's file name: a new
message (CEB625, a gate pass …) needs only its XSD there; shared types live in ceb_types.xsd.

xmlschema reads the XSD and is the judge of every message it does not pass at once. Its validator costs
about a millisecond a list, which would more than double an export of 10,000 lists, so the schema it read is
also compiled once into plain checks (the element sequence with its occurrences, each value's lengths,
patterns, enumerations, digits and bounds): a message that meets all of them is valid; anything else — a
break, or a schema construct the compiler does not know — goes to xmlschema, which names the breaks. The
compiled checks are never more lenient than xmlschema (tests/formats/test_customs_schemas.py breaks every
rule of both schemas and asserts that both refuse).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError, fromstring

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
    try:  # our builders write no DTD, comment or processing instruction: then expat in C reads it safely
        root = SafeET.fromstring(xml) if b"<!" in xml or b"<?" in xml[5:] else fromstring(xml)
    except ParseError as exc:
        raise SchemaViolation(message_type, [Problem("(document)", "well-formed", "", f"not XML: {exc}")]) from exc
    except SafeET.DefusedXmlException as exc:  # our own builders never write a DTD
        raise SchemaViolation(message_type, [Problem("(document)", "no DTD", "", str(exc))]) from exc
    fast = compiled(message_type)
    if fast is not None and fast.accepts(root):
        return
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


# -- the compiled checks ------------------------------------------------------------------------------------------

class _Unsupported(Exception):
    """A schema construct the compiled checks do not cover: such a schema is always checked by xmlschema."""


_XS = "{http://www.w3.org/2001/XMLSchema}"
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_INTEGER = re.compile(r"[+-]?\d+")
_KNOWN_FACETS = {"length", "minLength", "maxLength", "pattern", "enumeration", "totalDigits", "fractionDigits",
                 "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "whiteSpace"}


@dataclass(frozen=True)
class _Value:
    """The checks of one simple type (what a value must meet)."""

    kind: str  # string | decimal | integer
    length: int | None
    min_length: int | None
    max_length: int | None
    patterns: tuple[re.Pattern[str], ...]  # of one restriction step: any one may match
    enumeration: frozenset[str] | None
    total_digits: int | None
    fraction_digits: int | None
    bounds: tuple[tuple[str, Decimal], ...]  # (minInclusive|maxInclusive|minExclusive|maxExclusive, value)

    def accepts(self, text: str) -> bool:
        if self.kind == "string":
            return self._string(text)
        if self.kind == "integer" and not _INTEGER.fullmatch(text):
            return False
        if self.kind == "decimal" and not _DECIMAL.fullmatch(text):
            return False
        return self._number(text)

    def _string(self, text: str) -> bool:
        n = len(text)
        if (self.length is not None and n != self.length) or (self.min_length is not None and n < self.min_length) \
                or (self.max_length is not None and n > self.max_length):
            return False
        if self.patterns and not any(p.match(text) for p in self.patterns):
            return False
        return self.enumeration is None or text in self.enumeration

    def _number(self, text: str) -> bool:
        digits = text.lstrip("+-")
        whole, _, fraction = digits.partition(".")
        if self.fraction_digits is not None and len(fraction) > self.fraction_digits:  # trailing zeros count here:
            return False                                                             # stricter is safe
        if self.total_digits is not None and len(whole) + len(fraction) > self.total_digits:
            return False
        if self.enumeration is not None and text not in self.enumeration:
            return False
        try:
            value = Decimal(text)
        except InvalidOperation:
            return False
        for kind, bound in self.bounds:
            if (kind == "minInclusive" and value < bound) or (kind == "maxInclusive" and value > bound) or \
                    (kind == "minExclusive" and value <= bound) or (kind == "maxExclusive" and value >= bound):
                return False
        return True


@dataclass(frozen=True)
class _Element:
    """An element: its attributes (name → (required, checks)) and either a sequence of children or a value."""

    attributes: tuple[tuple[str, bool, _Value], ...]
    children: tuple[tuple[str, int, int | None, _Element], ...] | None  # (tag, min, max, element) in order
    value: _Value | None

    def accepts(self, elem: Element) -> bool:
        known = {name for name, _, _ in self.attributes}
        if any(name not in known for name in elem.attrib):
            return False
        for name, required, checks in self.attributes:
            given = elem.get(name)
            if (given is None and required) or (given is not None and not checks.accepts(given)):
                return False
        if self.value is not None:
            return len(elem) == 0 and self.value.accepts(elem.text or "")
        if (elem.text or "").strip():
            return False
        children = list(elem)
        at = 0
        for tag, low, high, child in self.children or ():
            count = 0
            while at < len(children) and children[at].tag == tag:
                if (children[at].tail or "").strip() or not child.accepts(children[at]):
                    return False
                at, count = at + 1, count + 1
            if count < low or (high is not None and count > high):
                return False
        return at == len(children)


@dataclass(frozen=True)
class Compiled:
    """A message type's schema as plain checks: `accepts` is True only for a message xmlschema finds valid."""

    root_tag: str
    root: _Element

    def accepts(self, root: Element) -> bool:
        return root.tag == self.root_tag and self.root.accepts(root)


@cache
def compiled(message_type: str) -> Compiled | None:
    """The compiled checks of a message type, or None when its XSD uses what they do not cover."""
    checker = schema(message_type)
    roots = list(checker.elements.values())
    if len(roots) != 1:
        return None
    try:
        return Compiled(roots[0].name, _element(roots[0]))
    except (_Unsupported, AttributeError, TypeError):
        return None


def _element(decl: Any) -> _Element:
    xsd_type = decl.type
    attributes = tuple((name, attr.use == "required", _simple(attr.type))
                       for name, attr in getattr(xsd_type, "attributes", {}).items())
    if xsd_type.is_simple():
        return _Element(attributes, None, _simple(xsd_type))
    group = xsd_type.content
    if getattr(group, "model", None) != "sequence" or group.min_occurs != 1 or group.max_occurs != 1:
        raise _Unsupported("only a sequence of elements")
    children = []
    for item in group:
        if type(item).__name__ != "XsdElement" or item.ref is not None or getattr(item, "abstract", False):
            raise _Unsupported("only local elements in a sequence")
        children.append((item.name, item.min_occurs, item.max_occurs, _element(item)))
    if getattr(xsd_type, "mixed", False):
        raise _Unsupported("mixed content")
    return _Element(attributes, tuple(children), None)


def _simple(xsd_type: Any) -> _Value:
    if type(xsd_type).__name__ not in ("XsdAtomicRestriction", "XsdAtomicBuiltin"):
        raise _Unsupported("only atomic types")
    base = xsd_type
    while type(base).__name__ == "XsdAtomicRestriction":
        if base is not xsd_type and base.facets:
            raise _Unsupported("one restriction step of a built-in type")
        base = base.base_type
    kind = {"string": "string", "decimal": "decimal", "integer": "integer"}.get(base.local_name or "")
    if kind is None:
        raise _Unsupported(f"built-in type {base.local_name}")
    facets = {key.removeprefix(_XS): facet for key, facet in xsd_type.facets.items()} \
        if xsd_type is not base else {}
    if set(facets) - _KNOWN_FACETS:
        raise _Unsupported("facets " + ", ".join(sorted(set(facets) - _KNOWN_FACETS)))
    if kind == "string" and "whiteSpace" in facets and facets["whiteSpace"].value != "preserve":
        raise _Unsupported("whiteSpace on a string")

    def number(name: str) -> int | None:
        return int(facets[name].value) if name in facets else None

    patterns = tuple(facets["pattern"].patterns) if "pattern" in facets else ()
    enumeration = frozenset(str(v) for v in facets["enumeration"].enumeration) if "enumeration" in facets else None
    bounds = tuple((name, Decimal(str(facets[name].value))) for name in
                   ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive") if name in facets)
    return _Value(kind, number("length"), number("minLength"), number("maxLength"), patterns, enumeration,
                  number("totalDigits"), number("fractionDigits"), bounds)
