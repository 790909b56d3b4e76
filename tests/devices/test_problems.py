"""Why a device is down, as a form and values: English for the command line, Chinese for a Chinese screen."""

from __future__ import annotations

import errno
import socket

import pytest
import serial

from app.devices.problems import DeviceProblem, cause, problem
from app.domain import vocabulary
from app.domain.vocabulary import DEVICE_PROBLEMS


@pytest.mark.parametrize(("exc", "code"), [
    (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), "ECONNREFUSED"),
    (TimeoutError("timed out"), "timeout"),  # socket.timeout, as a socket raises it
    (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "name"),
    (serial.SerialException(errno.ENOENT, "could not open port /dev/ttyUSB9: [Errno 2] No such file"), "ENOENT"),
    (serial.SerialException("device reports readiness to read but returned no data (device disconnected or "
                            "multiple access on port?)"), "no_data"),
    (OSError(errno.EBUSY, "Device or resource busy"), "EBUSY"),
])
def test_an_os_error_becomes_a_code_the_vocabulary_names(exc: BaseException, code: str) -> None:
    assert cause(exc) == code and vocabulary.known("os_error", code)


def test_an_error_the_vocabulary_does_not_know_keeps_the_systems_words() -> None:
    odd = OSError(errno.EROFS, "Read-only file system")
    assert cause(odd) == "[Errno 30] Read-only file system"
    assert problem("disconnected", port="/dev/ttyS0", cause=cause(odd)).words("zh") == \
        "/dev/ttyS0 已断开：[Errno 30] Read-only file system"


def test_a_problem_reads_in_english_and_in_chinese() -> None:
    why = problem("printer_unreachable", address="10.0.0.7:9100", cause="ECONNREFUSED")
    assert str(why) == "printer 10.0.0.7:9100 is not reachable: connection refused"
    assert why.words("zh") == "无法连接打印机 10.0.0.7:9100：连接被拒绝"
    jammed = DeviceProblem("printer_not_ready", {"address": "COM3", "problems": ["paper_out", "head_open"]})
    assert str(jammed) == "printer COM3: paper out, print head open"
    assert jammed.words("zh") == "打印机 COM3：缺纸、打印头未合上"


@pytest.mark.parametrize("form", sorted(DEVICE_PROBLEMS))
def test_each_form_says_the_same_values_in_both_languages(form: str) -> None:
    english, chinese = DEVICE_PROBLEMS[form]
    assert vocabulary.template_fields(english) == vocabulary.template_fields(chinese)
