"""What every scan station shares: the Feedback a scan gets, and the idempotent scan log (`scanlog`).

The stations themselves live in their areas (inbound: receive, put away; outbound: pick, pack, gate);
each is a small state machine.

Feed one scan (or typed entry) at a time, get back a Feedback. The GUI screen, the CLI's `--scans FILE`
replays and the tests all drive the same objects, so no business logic lives in a widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.errors import BwmsError
from app.stations.scanlog import FLAGGED, REJECTED, ScanResult


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


def feedback(result: ScanResult) -> Feedback:
    """A service's scan result as the station shows it (a replayed scan says so)."""
    tone = Tone.ERROR if result.outcome == REJECTED else Tone.WARN if result.outcome == FLAGGED else Tone.OK
    params = {**result.params, "replayed": True} if result.replayed else result.params
    text = f"already scanned: {result.text}" if result.replayed else result.text
    return Feedback(tone, result.code, text, params)


def error(exc: BwmsError) -> Feedback:
    return Feedback(Tone.ERROR, exc.code, exc.message, dict(exc.params))
