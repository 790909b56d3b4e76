"""What the outbound scan stations share: the scan bar, the banner, serial scans, and running a workflow step.

A station screen forwards each scan to its workflow object (app.inbound/app.outbound stations) on the one DB
thread — the workflow opens its units of work from the context (`ctx.uow`), and the context broadcasts what
they changed once after the step — and shows the Feedback it returns. The step returns the feedback with a
snapshot of what the screen shows next, both made on the DB thread, so the screen never reads a workflow
object while the DB thread changes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from app.stations import Feedback, Tone
from ui.devices.hub import devices_of
from ui.outbound import texts
from ui.shell.screen import Screen
from ui.widgets.feedback import FeedbackBanner
from ui.widgets.scan_bar import ScanBar
from ui.widgets.sound import SoundPlayer

if TYPE_CHECKING:
    from ui.context import AppContext

Step = Callable[[], tuple[Feedback, Any]]  # runs on the DB thread: (feedback, snapshot for the screen)


class StationScreen(Screen):
    """Base of the pick, pack and gate stations: scan-first, keyboard-only, every scan answered on the banner."""

    sig_feedback = Signal(object)  # the Feedback of each scan or key action, after the screen showed it

    def __init__(self, ctx: AppContext, *, sounds: SoundPlayer | None = None) -> None:
        super().__init__(ctx)
        self.scan_bar = ScanBar(self)
        self.banner = FeedbackBanner(self, sounds=sounds)
        self.last_feedback: Feedback | None = None
        self.scan_bar.sig_scanned.connect(self.on_scan)
        self.hub = devices_of(ctx)
        self.hub.sig_scanned.connect(self._serial_scan)

    def shortcut(self, key: str | QKeySequence.StandardKey | Qt.Key, slot: Callable[[], None]) -> QShortcut:
        """A key that works anywhere in the station (gloved hands: F-keys, Enter, Esc)."""
        made = QShortcut(QKeySequence(key), self)
        made.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        made.activated.connect(slot)
        return made

    @Slot(object)
    def _serial_scan(self, scan: Any) -> None:
        if self.isVisible():  # the serial scanner serves the station on screen
            self.on_scan(scan.raw, scan.scan_id)

    def on_scan(self, raw: str, scan_id: str | None = None) -> None:
        """One scan from the bar, the keyboard wedge or the serial scanner (subclasses route it)."""

    def run_step(self, step: Step, on_shown: Callable[[Feedback, Any], None] | None = None) -> None:
        """Run `step` on the DB thread; `on_shown(feedback, snapshot)`, then the feedback on the banner.

        What the step's units of work committed is broadcast by the context, so the other screens refresh.
        """
        def done(outcome: tuple[Feedback, Any]) -> None:
            fb, snapshot = outcome
            if on_shown is not None:
                on_shown(fb, snapshot)
            self.show_feedback(fb)

        self.ctx.call(step, on_done=done, on_error=self.step_failed)

    def step_failed(self, exc: BaseException) -> None:
        """Not a refusal but a failure (the database went away): said on the banner, in red."""
        from ui.error_text import describe

        described = describe(exc)
        self.show_feedback(Feedback(Tone.ERROR, described.code, described.text))

    def show_feedback(self, fb: Feedback, **extra: Any) -> None:
        self.last_feedback = fb
        self.banner.show_feedback(texts.present(fb, **extra))
        self.sig_feedback.emit(fb)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.scan_bar.setFocus(Qt.FocusReason.OtherFocusReason)


def big_label(scale: float = 2.0, *, name: str = "", bold: bool = True) -> QLabel:
    """A label in large type for what the clerk reads from a step away."""
    label = QLabel(objectName=name)
    font = label.font()
    font.setPointSize(round(max(font.pointSize(), 10) * scale))
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def panel(parent: QWidget | None = None, name: str = "") -> QFrame:
    """A framed box that groups a station's prompt."""
    frame = QFrame(parent, objectName=name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setStyleSheet(f"QFrame#{name} {{ border: 2px solid palette(mid); border-radius: 6px; }}" if name else "")
    return frame


def read(ctx: AppContext, fn: Callable[[Any], Any]) -> Any:
    """`fn(uow)` in a read-only unit of work, here and now (inside a step, on the DB thread)."""
    with ctx.uow(write=False) as uow:
        return fn(uow)


def scanned_code(raw: str) -> str:
    """A scanned number without the scanner's AIM prefix (]C0, ]E0…) and blanks."""
    text = raw.strip()
    return text[3:] if text.startswith("]") and len(text) > 3 else text
