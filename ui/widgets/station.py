"""The one base of every scan station (receive, put-away, pick, pack, gate, and the stations still to come).

What every station has, the same everywhere: one scan bar fed by the bar, a keyboard-wedge burst and the serial
scanner (`StationInput`); one banner (colour and sound per Tone); one key map (`STATION_KEYS`: the same key calls
the same action on every station); undo (F4); retry (F5 sends again, with their capture-time scan ids, the scans
the database did not answer); Esc clears. Scans go to the station's workflow object (`self.station`, the one
the CLI drives) on the context's DB executor, never on the GUI thread; `after_scan` reads, there too, what the
screen shows next, so the screen never reads a workflow object while the DB thread changes it.

A subclass says only what is its own: `area`, `take` (how a scan is routed), `after_scan` / `shown`, the actions
of the keys it uses (`choose`, `undo`, `flag`, `by_hand`, `document`, `finish`, `allow_mixing`, `clear_task`),
`present` (its feedback words). What a scan changed is broadcast by the context once per job.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.station_keys import KEY_OF, STATION_KEYS, StationKey, commands_of
from app.stations import Feedback, Tone
from ui.devices.hub import devices_of
from ui.shell.screen import Screen
from ui.widgets.feedback import FeedbackBanner
from ui.widgets.scan_bar import ScanBar
from ui.widgets.station_input import StationInput, show_quietly, sounds_of
from ui.widgets.tables import Col, RowsModel, fit_on_reset, key, table_view

if TYPE_CHECKING:
    from ui.context import AppContext
    from ui.widgets.sound import SoundPlayer

GS = "\x1d"
Step = Callable[[], tuple[Feedback, Any]]  # runs on the DB thread: (feedback, snapshot for the screen)

# The key map as the screen shows it: each key's short name (the printed sheet has them in both languages).
KEY_NAMES = {
    "show_help": QT_TRANSLATE_NOOP("StationKeys", "Help"),
    "choose": QT_TRANSLATE_NOOP("StationKeys", "Choose"),
    "undo": QT_TRANSLATE_NOOP("StationKeys", "Undo"),
    "send_again": QT_TRANSLATE_NOOP("StationKeys", "Send again"),
    "flag": QT_TRANSLATE_NOOP("StationKeys", "Flag the goods"),
    "by_hand": QT_TRANSLATE_NOOP("StationKeys", "Type by hand"),
    "document": QT_TRANSLATE_NOOP("StationKeys", "Document"),
    "finish": QT_TRANSLATE_NOOP("StationKeys", "Finish"),
    "allow_mixing": QT_TRANSLATE_NOOP("StationKeys", "Allow mixing"),
    "clear": QT_TRANSLATE_NOOP("StationKeys", "Clear"),
}
STATION_TEXTS = {
    "station.not_saved": QT_TRANSLATE_NOOP("FeedbackText", "The database did not answer: the scan may not be "
                                                           "saved. Press F5 to send it again (it is never counted "
                                                           "twice)"),
    "station.key_unused": QT_TRANSLATE_NOOP("FeedbackText", "{key} does nothing at this station: press F1 for its "
                                                            "keys"),
    "station.nothing_to_send": QT_TRANSLATE_NOOP("FeedbackText", "Nothing to send again: every scan was answered"),
}


class StationKeys:
    """The one key map of the stations, bound on a screen: key → the screen's method of the same action."""

    keys: tuple[StationKey, ...] = STATION_KEYS

    @staticmethod
    def of(action: str) -> str:
        """The key of `action` ("F4" for undo), as the buttons and the banner name it."""
        return KEY_OF[action]

    @classmethod
    def bind(cls, screen: StationScreen) -> dict[str, QShortcut]:
        shortcuts = {k.action: screen.key(k.key, partial(screen.trigger, k.action)) for k in cls.keys}
        for action, shortcut in shortcuts.items():
            shortcut.setProperty("action", action)  # what the key does, as the one key map says
        return shortcuts


def scan_job(station: Any, raw: str, scan_id: str,
             after: Callable[[Any, str, Feedback], Any]) -> tuple[Feedback, Any]:
    """On the DB thread: the workflow's answer to one scan, then `after(station, raw, feedback)` (what to show).

    A scan that fails without an answer (the database went away) leaves the station as it was before it, so
    sending it again (same scan id) means the same thing."""
    before = dict(vars(station))
    try:
        fb = station.scan(raw, scan_id)
    except Exception:
        vars(station).update(before)
        raise
    return fb, after(station, raw, fb)


class StationScreen(Screen):
    """A scan station; `station` is its workflow object (None until there is one: no declaration, no wave)."""

    area = ""  # receive, putaway, pick, pack, gate…: the station's name in the key map and on the banner
    sig_feedback = Signal(object)  # the Feedback of each scan or key, once the screen showed it (tests, benchmarks)

    def __init__(self, ctx: AppContext, *, sounds: SoundPlayer | None = None) -> None:
        super().__init__(ctx)
        self.hub = devices_of(ctx)
        self.station: Any = None
        self.scan_bar = ScanBar(self)
        self.banner = FeedbackBanner(self, sounds=sounds if sounds is not None else sounds_of(ctx))
        self.last_scan = QLabel(objectName="last_scan")
        self.last_feedback: Feedback | None = None
        self.last_raw = ""
        self.failed: list[tuple[Any, str, str]] = []  # (station, raw, scan id) the database did not answer
        self.pending = 0  # scans sent to the DB thread and not answered yet
        self.buttons: dict[str, QAbstractButton] = {}  # action → its button (the button shows the action's key)
        self.retry_button = self.action_button("retry", "send_again")
        self.retry_button.setVisible(False)
        self.input = StationInput(self, self.scan_bar, self.hub)
        self.input.sig_scan.connect(self.take)
        self.shortcuts = StationKeys.bind(self)
        self.help: QDialog | None = None

    # -- keys -----------------------------------------------------------------------------------------------
    def key(self, sequence: QKeySequence | str, slot: Callable[[], None]) -> QShortcut:
        """A shortcut that works while the focus is anywhere on this screen (the scan bar usually)."""
        shortcut = QShortcut(QKeySequence(sequence), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def action_button(self, name: str, action: str) -> QPushButton:
        """A button for a key's action; it never takes the focus from the scan bar."""
        button = QPushButton(objectName=name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(partial(self.trigger, action))
        self.buttons[action] = button
        return button

    def key_text(self, text: str, action: str) -> str:
        """A button's words with its key: "Undo last scan (F4)"."""
        return f"{text} ({StationKeys.of(action)})"

    def uses(self, action: str) -> bool:
        """Whether this station gives `action` a meaning of its own (the key map says where)."""
        return any(k.action == action and self.area in k.stations for k in STATION_KEYS)

    def trigger(self, action: str) -> None:
        """A key of the map (or its button): the same action on every station; a key without a meaning here says
        so."""
        everywhere = ("show_help", "send_again", "clear")
        if action in everywhere or self.uses(action):
            getattr(self, action)()
        else:
            self.unused(action)

    def unused(self, action: str) -> None:
        self.say("station.key_unused", f"{StationKeys.of(action)} does nothing at this station", Tone.WARN,
                 key=StationKeys.of(action))

    # the actions of the key map; a station overrides those it uses
    def choose(self) -> None:
        self.unused("choose")

    def undo(self) -> None:
        """F4: the station's workflow undoes its last scan (the same as scanning CMD:UNDO)."""
        self.command("CMD:UNDO")

    def flag(self) -> None:
        self.unused("flag")

    def by_hand(self) -> None:
        self.unused("by_hand")

    def document(self) -> None:
        self.unused("document")

    def finish(self) -> None:
        self.unused("finish")

    def allow_mixing(self) -> None:
        self.unused("allow_mixing")

    def clear(self) -> None:
        """Esc: forget what was typed into the scan bar; when it is empty, the station's task in hand."""
        if self.scan_bar.text():
            self.scan_bar.clear()
        else:
            self.clear_task()

    def clear_task(self) -> None:
        """Esc on an empty scan bar (put the goods or the parcel aside…); nothing by default."""

    def show_help(self) -> None:
        """F1: the keys of this station and the command barcodes it takes (what the printed sheet lists)."""
        if self.help is None:
            self.help = StationHelp(self)
        self.help.fill()
        self.help.open()

    # -- scans ----------------------------------------------------------------------------------------------
    def take(self, raw: str, scan_id: str) -> None:
        """One scan from the bar, the wedge or the serial scanner; a station may route it (choose a wave…)."""
        self.submit(raw, scan_id)

    def command(self, raw: str) -> None:
        """A command key: the same as scanning the command's barcode from the sheet."""
        if self.station is None:
            self.no_station()
            return
        self.submit(raw)

    def no_station(self) -> None:
        """A scan or command before the station has its workflow (no declaration, no wave chosen)."""

    def after_scan(self, station: Any, raw: str, fb: Feedback) -> Any:
        """What else to read on the DB thread after a scan (runs there); handed to `shown`."""
        return None

    def shown(self, station: Any, fb: Feedback, extra: Any) -> None:
        """Show what `after_scan` read (the banner shows the feedback right after)."""

    def submit(self, raw: str, scan_id: str | None = None, station: Any = None) -> None:
        """Send one scan to the workflow on the DB thread, with the id it got at capture (made now for a key)."""
        station = self.station if station is None else station
        scan_id = scan_id or uuid.uuid4().hex
        self.last_raw = raw
        self._show_last_scan()
        self.pending += 1
        after = self.after_scan
        self.ctx.call(lambda: scan_job(station, raw, scan_id, after),
                      on_done=lambda out: self._answered(station, out),
                      on_error=lambda exc: self._not_answered(station, raw, scan_id, exc))

    def _answered(self, station: Any, out: tuple[Feedback, Any]) -> None:
        self.pending -= 1
        fb, extra = out
        self.shown(station, fb, extra)
        self.show_feedback(fb)

    def _not_answered(self, station: Any, raw: str, scan_id: str, exc: BaseException) -> None:
        from ui.error_text import describe

        self.pending -= 1
        self.failed.append((station, raw, scan_id))
        self.retry_button.setVisible(True)
        self.say("station.not_saved", "the database did not answer: press F5 to send it again", Tone.ERROR,
                 sound=True, detail=describe(exc).detail)

    def send_again(self) -> None:
        """F5: send the scans the database did not answer again, with their first scan ids."""
        failed, self.failed = self.failed, []
        self.retry_button.setVisible(False)
        if not failed:
            self.say("station.nothing_to_send", "nothing to send again")
        for station, raw, scan_id in failed:
            self.submit(raw, scan_id, station)

    # -- other steps (choose a wave, weigh, a whole manifest…) -----------------------------------------------
    def run_step(self, step: Step, on_shown: Callable[[Feedback, Any], None] | None = None) -> None:
        """Run `step` on the DB thread; then `on_shown(feedback, snapshot)` and the feedback on the banner."""
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
        self.say(described.code, described.text, Tone.ERROR, sound=True)

    # -- the banner -----------------------------------------------------------------------------------------
    def present(self, fb: Feedback, **extra: Any) -> Feedback:
        """The workflow's feedback in the words of this station's area (codes of its texts, parameters shown)."""
        return fb

    def show_feedback(self, fb: Feedback, **extra: Any) -> None:
        """An answer of the workflow on the banner, with its sound."""
        self.last_feedback = fb
        self.banner.show_feedback(self.present(fb, **extra))
        self.sig_feedback.emit(fb)

    def say(self, code: str, text: str, tone: Tone = Tone.PROMPT, *, sound: bool = False, **params: object) -> None:
        """The screen's own words (a prompt, a key's answer): `code` is already a code of the banner's texts."""
        fb = Feedback(tone, code, text, dict(params))
        self.last_feedback = fb
        if sound:
            self.banner.show_feedback(fb)
        else:
            show_quietly(self.banner, fb)
        self.sig_feedback.emit(fb)

    def retranslate_station(self) -> None:
        self.retry_button.setText(self.key_text(self.tr("Send again"), "send_again"))
        self.scan_bar.setPlaceholderText(self.tr("Scan here (the scanner types into this field)"))
        self._show_last_scan()
        if self.help is not None:
            self.help.fill()

    def _show_last_scan(self) -> None:
        if self.last_raw:
            self.last_scan.setText(self.tr("Last scan: %1").replace("%1", self.last_raw.replace(GS, "<GS>")))

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.scan_bar.setFocus(Qt.FocusReason.OtherFocusReason)


HELP_COLUMNS = [
    Col(QT_TRANSLATE_NOOP("StationKeys", "Key"), key("key")),
    Col(QT_TRANSLATE_NOOP("StationKeys", "Action"), key("name")),
    Col(QT_TRANSLATE_NOOP("StationKeys", "At this station"), key("here")),
]


class StationHelp(QDialog):
    """F1: the station's keys (every key of the map, what it does here) and the command barcodes it takes."""

    def __init__(self, screen: StationScreen) -> None:
        super().__init__(screen, objectName="station_help")
        self.station_screen = screen
        self.model = RowsModel(HELP_COLUMNS, parent=self, context="StationKeys")
        self.view = table_view(self.model, name="station_keys")
        fit_on_reset(self.view, 200)
        self.commands = QLabel(objectName="station_commands", wordWrap=True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.commands)
        layout.addWidget(close)
        self.resize(720, 460)

    def fill(self) -> None:
        screen = self.station_screen
        self.setWindowTitle(self.tr("Station keys"))
        rows = []
        for k in STATION_KEYS:
            button = screen.buttons.get(k.action)
            here = button.text() if button is not None else {
                "show_help": self.tr("This list of keys"), "clear": self.tr("Empty the scan field")}.get(k.action, "")
            if not (k.action in ("show_help", "send_again", "clear") or screen.uses(k.action)):
                here = self.tr("— (nothing at this station)")
            rows.append({"key": k.key, "name": QCoreApplication.translate("StationKeys", KEY_NAMES[k.action]),
                         "here": here.replace(f" ({k.key})", "")})
        self.model.set_rows(rows)
        commands = commands_of(screen.area)
        self.commands.setText(self.tr("Command barcodes: %1").replace("%1", ", ".join(c.barcode for c in commands))
                              if commands else self.tr("No command barcodes at this station."))


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


def panel(parent: QWidget | None = None, name: str = "") -> QWidget:
    """A framed box that groups a station's prompt."""
    from PySide6.QtWidgets import QFrame

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
