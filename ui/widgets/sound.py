"""One short sound per feedback tone: WAVs shipped in resources/sounds (made by `python -m ui.widgets.sound`).

Played with QtMultimedia's QSoundEffect, which is asynchronous (never blocks the GUI); QtMultimedia is imported
on the first sound, so it costs nothing at start-up. A machine without an audio output stays silent.
"""

from __future__ import annotations

import io
import math
import struct
import sys
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal

SOUNDS = Path(__file__).resolve().parents[2] / "resources" / "sounds"
RATE = 22_050

# tone → [(frequency Hz, duration s), …]; 0 Hz is a pause. Short, distinct, recognisable across a hall.
PATTERNS: dict[str, list[tuple[float, float]]] = {
    "ok": [(1320, 0.07), (0, 0.03), (1760, 0.09)],          # bright double chirp
    "warn": [(660, 0.18), (0, 0.05), (660, 0.18)],           # two middle beeps
    "error": [(180, 0.55)],                                   # long low buzz
    "prompt": [(990, 0.08)],                                  # one soft tick
}


def _samples(frequency: float, seconds: float, square: bool) -> bytes:
    count = int(RATE * seconds)
    fade = max(1, int(RATE * 0.005))
    out = bytearray()
    for i in range(count):
        if frequency:
            phase = math.sin(2 * math.pi * frequency * i / RATE)
            value = (1.0 if phase >= 0 else -1.0) * 0.6 if square else phase
        else:
            value = 0.0
        envelope = min(1.0, i / fade, (count - i) / fade)
        out += struct.pack("<h", int(value * envelope * 12_000))
    return bytes(out)


def render(tone: str) -> bytes:
    """The WAV bytes for `tone` (16-bit mono PCM; deterministic, so the shipped files can be checked)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(b"".join(_samples(f, s, tone == "error") for f, s in PATTERNS[tone]))
    return buffer.getvalue()


def write_sounds(folder: Path = SOUNDS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for tone in PATTERNS:
        path = folder / f"{tone}.wav"
        path.write_bytes(render(tone))
        written.append(path)
    return written


class SoundPlayer(QObject):
    """Plays the tone's sound without waiting for it; `enabled=False` keeps a station (or a test) silent."""

    sig_played = Signal(str)  # the tone asked for (emitted even when silent, so screens can be tested)

    def __init__(self, parent: QObject | None = None, *, enabled: bool = True, folder: Path = SOUNDS) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self._folder = folder
        self._effects: dict[str, QObject] | None = None

    def play(self, tone: str) -> None:
        if self.enabled:
            effect = self._load().get(tone)
            if effect is not None:
                effect.play()
        self.sig_played.emit(tone)

    def _load(self) -> dict[str, QObject]:
        if self._effects is None:
            self._effects = {}
            try:
                from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
            except ImportError:  # QtMultimedia needs the PulseAudio client library (Debian: libpulse0)
                self.enabled = False
                return self._effects
            if not QMediaDevices.audioOutputs():
                self.enabled = False  # no sound card: stay silent rather than report errors at every scan
                return self._effects
            for tone in PATTERNS:
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(self._folder / f"{tone}.wav")))
                effect.setVolume(0.8)
                self._effects[tone] = effect
        return self._effects


if __name__ == "__main__":
    for written_path in write_sounds(Path(sys.argv[1]) if len(sys.argv) > 1 else SOUNDS):
        print(written_path)
