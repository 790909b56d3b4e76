"""Scan-driven station sessions (receive, put away, pick, pack, gate): small state machines.

Feed one scan (or typed entry) at a time, get back a Feedback. The GUI screen, the CLI's `--scans FILE`
replays and the tests all drive the same objects, so no business logic lives in a widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Tone(StrEnum):
    OK = "ok"          # green banner, short beep: counted / moved
    WARN = "warn"      # amber: accepted but flagged (unexpected batch, over-receipt)
    ERROR = "error"    # red banner, long buzz: refused, nothing changed
    PROMPT = "prompt"  # blue: waiting for the next thing (e.g. "scan the location")


@dataclass(frozen=True)
class Feedback:
    """What a station shows after one input: a tone, a stable code with parameters, and English text."""

    tone: Tone
    code: str
    text: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def accepted(self) -> bool:
        return self.tone in (Tone.OK, Tone.WARN)
