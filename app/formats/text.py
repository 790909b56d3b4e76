"""Free text that may be stored: no control characters, bidirectional overrides or lone surrogates.

A name, address, container or seal number travels to labels, PDFs, customs XML and spreadsheets: an
invisible control character, a right-to-left override (U+202E shows "exe.txt" as "txt.exe") or a lone
surrogate (not encodable, so it breaks the row that holds it) is refused where the text comes in, and so
is a leading '=' (=HYPERLINK(…), =cmd|…: a formula once the text reaches a spreadsheet).
"""

from __future__ import annotations

import re

_CONTROL = "\x00-\x1f\x7f-\x9f"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u200b-\u200d\u2028\u2029\u2060\ufeff\ufff9-\ufffb\ufffe\uffff"
_SURROGATE = "\ud800-\udfff"
_UNSAFE = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}{_SURROGATE}]")
_BIDI_SET = re.compile(f"[{_BIDI}]")
_INVISIBLE_SET = re.compile(f"[{_INVISIBLE}]")


_REFUSED = re.compile(f"^=|[{_CONTROL}{_BIDI}{_INVISIBLE}{_SURROGATE}]")
refused = _REFUSED.search  # the quick test (a match or None); text_problem says why


_KINDS = {"surrogate": "a lone surrogate", "bidi": "a bidirectional override", "invisible": "an invisible character",
          "control": "a control character"}


def text_problem_of(value: str) -> tuple[str, dict[str, str | int]] | None:
    """Why `value` may not be stored as text, as a kind (formula, surrogate, bidi, invisible, control) and the
    character and its position (for the rejection's detail in either language), or None."""
    if value.startswith("="):
        return "formula", {}
    found = _UNSAFE.search(value)
    if found is None:
        return None
    char = found.group()
    if "\ud800" <= char <= "\udfff":
        kind = "surrogate"
    elif _BIDI_SET.fullmatch(char):
        kind = "bidi"
    elif _INVISIBLE_SET.fullmatch(char):
        kind = "invisible"
    else:
        kind = "control"
    return kind, {"char": f"{ord(char):04X}", "position": found.start() + 1}


def text_problem(value: str) -> str | None:
    """Why `value` may not be stored as text (naming the character and its position), or None."""
    found = text_problem_of(value)
    if found is None:
        return None
    kind, where = found
    if kind == "formula":
        return "starts with '=' (a spreadsheet would run it as a formula)"
    return f"contains {_KINDS[kind]} (U+{where['char']}) at character {where['position']}"


def printable(value: str) -> str:
    """`value` with every refused character written as an escape (\\u202e), for messages and keys."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)

