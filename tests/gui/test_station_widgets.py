"""The scan bar (one signal per Enter, GS kept, IME off, keeps focus) and the feedback banner (tones, sounds)."""

from __future__ import annotations

import wave

import pytest
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from app.stations import Feedback, Tone
from ui.widgets.feedback import COLOURS, FeedbackBanner, add_feedback_texts, feedback_text
from ui.widgets.scan_bar import GS, ScanBar
from ui.widgets.sound import PATTERNS, SOUNDS, SoundPlayer, render


@pytest.fixture
def bar(qtbot, gui_app):
    scan_bar = ScanBar()
    qtbot.addWidget(scan_bar)
    return scan_bar


def test_enter_emits_the_scan_and_clears(bar, qtbot):
    with qtbot.waitSignal(bar.sig_scanned, timeout=30_000) as blocker:
        qtbot.keyClicks(bar, "]C1010950110153000310ABC123")
        qtbot.keyClick(bar, Qt.Key.Key_Return)
    assert blocker.args == ["]C1010950110153000310ABC123"]
    assert bar.text() == ""


def test_ctrl_bracket_is_kept_as_group_separator(bar, qtbot):
    got = []
    bar.sig_scanned.connect(got.append)
    qtbot.keyClicks(bar, "]C11012345")
    qtbot.keyClick(bar, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bar, "21SER42")
    qtbot.keyClick(bar, Qt.Key.Key_Enter)
    assert got == [f"]C11012345{GS}21SER42"]


def test_a_trailing_separator_survives_and_blanks_are_not_scans(bar, qtbot):
    got = []
    bar.sig_scanned.connect(got.append)
    bar.setText(f"  10ABC{GS}\r\n")
    bar.submit()
    qtbot.keyClicks(bar, "   ")
    qtbot.keyClick(bar, Qt.Key.Key_Return)
    assert got == [f"10ABC{GS}"]


def test_the_input_method_is_off_and_the_text_is_big(bar):
    assert not bar.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert bar.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly
    assert bar.font().pointSize() >= 20


def test_the_bar_takes_the_focus_back_from_a_button(qtbot, gui_app):
    station = QWidget()
    layout = QVBoxLayout(station)
    bar, button = ScanBar(), QPushButton("Done")
    layout.addWidget(bar)
    layout.addWidget(button)
    qtbot.addWidget(station)
    with qtbot.waitActive(station):
        station.show()
        station.activateWindow()
    bar.setFocus()
    qtbot.waitUntil(bar.hasFocus)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(bar.hasFocus, timeout=30_000)
    assert bar.hasFocus()


def test_enter_in_the_bar_does_not_press_a_default_button(qtbot, gui_app):
    from PySide6.QtWidgets import QDialog

    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    bar, ok = ScanBar(), QPushButton("OK")
    ok.setDefault(True)
    layout.addWidget(bar)
    layout.addWidget(ok)
    qtbot.addWidget(dialog)
    pressed = []
    ok.clicked.connect(lambda: pressed.append(1))
    qtbot.keyClicks(bar, "12345678")
    qtbot.keyClick(bar, Qt.Key.Key_Return)
    assert pressed == []


@pytest.fixture
def banner(qtbot, gui_app):
    made = FeedbackBanner(sounds=SoundPlayer(enabled=False))
    qtbot.addWidget(made)
    return made


@pytest.mark.parametrize(("tone", "word"), [(Tone.OK, "OK"), (Tone.WARN, "Check"), (Tone.ERROR, "Refused"),
                                            (Tone.PROMPT, "Next")])
def test_each_tone_has_its_colour_word_and_sound(banner, qtbot, tone, word):
    with qtbot.waitSignal(banner.sounds.sig_played, timeout=30_000) as blocker:
        banner.show_feedback(Feedback(tone, "counted", "Counted 12 of A2P-900"))
    assert blocker.args == [str(tone)]
    assert banner.tone == tone
    assert banner.tone_label.text() == word
    assert banner.message.text() == "Counted 12 of A2P-900"
    assert COLOURS[tone][0] in banner.styleSheet()
    assert banner.message.font().pointSize() >= 30


def test_feedback_text_is_translated_by_code_with_its_parameters(banner, gui_app):
    from ui.i18n import Translations

    add_feedback_texts({"test_counted": QT_TRANSLATE_NOOP("FeedbackText", "Counted {qty} of {sku}")})
    fb = Feedback(Tone.OK, "test_counted", "Counted 12 of A2P-900", {"qty": 12, "sku": "A2P-900"})
    assert feedback_text(fb) == "Counted 12 of A2P-900"
    assert feedback_text(Feedback(Tone.OK, "test_counted", "as the workflow said", {})) == "as the workflow said"
    banner.show_feedback(Feedback(Tone.ERROR, "no_such_code", "Unknown batch X1"))
    translations = Translations(gui_app)
    translations.switch("zh_CN")
    try:
        assert banner.tone_label.text() == "拒绝"  # retranslated on the language switch
        assert banner.message.text() == "Unknown batch X1"  # a code without a text keeps the workflow's words
    finally:
        translations.release()


def test_the_shipped_sounds_are_the_generated_ones():
    for tone in PATTERNS:
        path = SOUNDS / f"{tone}.wav"
        assert path.read_bytes() == render(tone), f"{path} is stale: run python -m ui.widgets.sound"
        with wave.open(str(path)) as wav:
            seconds = wav.getnframes() / wav.getframerate()
        assert 0.05 <= seconds <= 0.6  # short: never holds up the next scan


@pytest.mark.qt_log_ignore(r"PulseAudio", r"pipewire", r"\bva\b", r"QSoundEffect", r"FFmpeg", r"qt\.multimedia",
                           r"propagateSizeHints")
def test_the_real_player_loads_without_blocking(qtbot, gui_app):
    player = SoundPlayer()
    with qtbot.waitSignal(player.sig_played, timeout=30_000):
        player.play("ok")
    # with a sound card there is one effect per tone; on a machine without one it stays silent
    assert player.enabled == bool(player._effects)
