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


def text_problem(value: str) -> str | None:
    """Why `value` may not be stored as text (naming the character and its position), or None."""
    if value.startswith("="):
        return "starts with '=' (a spreadsheet would run it as a formula)"
    found = _UNSAFE.search(value)
    if found is None:
        return None
    char = found.group()
    if "\ud800" <= char <= "\udfff":
        kind = "a lone surrogate"
    elif _BIDI_SET.fullmatch(char):
        kind = "a bidirectional override"
    elif _INVISIBLE_SET.fullmatch(char):
        kind = "an invisible character"
    else:
        kind = "a control character"
    return f"contains {kind} (U+{ord(char):04X}) at character {found.start() + 1}"


def printable(value: str) -> str:
    """`value` with every refused character written as an escape (\\u202e), for messages and keys."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)

