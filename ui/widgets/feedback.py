"""The station's feedback banner: one Feedback shown in very large text, coloured by tone, with its sound."""

from __future__ import annotations

from string import Formatter

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.stations import Feedback, Tone
from ui.widgets.sound import SoundPlayer

# tone → (background, text colour); readable from across a dock, and not by colour alone (the tone word).
COLOURS: dict[str, tuple[str, str]] = {
    Tone.OK: ("#1b7f3b", "#ffffff"),
    Tone.WARN: ("#f2a900", "#1a1a1a"),
    Tone.ERROR: ("#c62828", "#ffffff"),
    Tone.PROMPT: ("#1565c0", "#ffffff"),
}
TONE_WORDS: dict[str, str] = {
    Tone.OK: QT_TRANSLATE_NOOP("FeedbackBanner", "OK"),
    Tone.WARN: QT_TRANSLATE_NOOP("FeedbackBanner", "Check"),
    Tone.ERROR: QT_TRANSLATE_NOOP("FeedbackBanner", "Refused"),
    Tone.PROMPT: QT_TRANSLATE_NOOP("FeedbackBanner", "Next"),
}
# feedback code → English source with {parameters} (context "FeedbackText"); workflows add theirs.
FEEDBACK_TEXTS: dict[str, str] = {}
# Texts several areas' stations give under their own codes, marked once, here (a text marked in two areas' files
# would stand in both catalogues, and lrelease drops the copy).
UNKNOWN_COMMAND = QT_TRANSLATE_NOOP("FeedbackText", "Unknown command barcode")


def add_feedback_texts(texts: dict[str, str]) -> None:
    """Register translatable texts for a workflow's feedback codes (QT_TRANSLATE_NOOP("FeedbackText", …))."""
    FEEDBACK_TEXTS.update(texts)


def feedback_text(fb: Feedback) -> str:
    """The feedback in the user's language; the workflow's own English text when its code has no entry."""
    source = FEEDBACK_TEXTS.get(fb.code)
    if source is None:
        return fb.text
    translated = QCoreApplication.translate("FeedbackText", source)
    names = {name for _, name, _, _ in Formatter().parse(translated) if name}
    if not names <= fb.params.keys():
        return fb.text
    return translated.format(**{k: fb.params[k] for k in names})


class FeedbackBanner(QFrame):
    """Shows the latest Feedback; plays its tone's sound each time (asynchronously, never blocking)."""

    def __init__(self, parent: QWidget | None = None, *, sounds: SoundPlayer | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedback_banner")
        self.sounds = sounds if sounds is not None else SoundPlayer(self)
        self.feedback: Feedback | None = None
        self.tone_label = QLabel()
        self.tone_label.setObjectName("feedback_tone")
        word = self.tone_label.font()
        word.setPointSize(round(max(word.pointSize(), 10) * 1.6))
        word.setBold(True)
        self.tone_label.setFont(word)
        self.message = QLabel()
        self.message.setObjectName("feedback_message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        big = self.message.font()
        big.setPointSize(max(big.pointSize(), 10) * 3)
        big.setBold(True)
        self.message.setFont(big)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tone_label)
        layout.addWidget(self.message, 1)
        self.setMinimumHeight(self.message.fontMetrics().height() * 3)
        self.clear()

    def show_feedback(self, fb: Feedback) -> None:
        self.feedback = fb
        self._render()
        self.sounds.play(str(fb.tone))

    def clear(self) -> None:
        self.feedback = None
        self.tone_label.clear()
        self.message.clear()
        self.setStyleSheet("QFrame#feedback_banner { background: palette(base); border-radius: 6px; }")

    @property
    def tone(self) -> str:
        return str(self.feedback.tone) if self.feedback else ""

    def _render(self) -> None:
        if self.feedback is None:
            return
        background, colour = COLOURS[self.feedback.tone]
        self.setStyleSheet(f"QFrame#feedback_banner {{ background: {background}; border-radius: 6px; }}"
                           f" QLabel {{ color: {colour}; }}")
        self.tone_label.setText(QCoreApplication.translate("FeedbackBanner", TONE_WORDS[self.feedback.tone]))
        self.message.setText(feedback_text(self.feedback))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
