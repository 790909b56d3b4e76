"""Why a device is not working, as a form and its values, so a Chinese screen says it in Chinese.

The device threads, the printers and the print queue used to say it in English sentences that embedded the
operating system's own error text ("[Errno 111] Connection refused"); a station's tooltip then showed English on a
Chinese screen. A `DeviceProblem` is the sentence's form (app.domain.vocabulary DEVICE_PROBLEMS) and its values; its
`str()` is the English the command line prints, `words("zh")` the Chinese. An OS error becomes a code the vocabulary
names ("os_error": its errno's name); an error it does not know keeps the system's words.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain import vocabulary


@dataclass(frozen=True)
class DeviceProblem:
    form: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def words(self, lang: str = "en") -> str:
        return vocabulary.device_problem(self.form, self.values, lang)

    def __str__(self) -> str:
        return self.words()


def problem(form: str, **values: Any) -> DeviceProblem:
    return DeviceProblem(form, values)


def cause(exc: BaseException) -> str:
    """What went wrong below the device, as an "os_error" code when the vocabulary knows it, else in the system's
    words. pyserial keeps the errno of a failed open on its SerialException; a pseudo-terminal or USB port that
    went away reads as "returned no data"."""
    if isinstance(exc, TimeoutError):  # socket.timeout too
        return "timeout"
    if isinstance(exc, socket.gaierror):
        return "name"
    number = getattr(exc, "errno", None)
    if isinstance(number, int):
        code = errno.errorcode.get(number, "")
        if vocabulary.known("os_error", code):
            return code
    words = str(exc)
    if "returned no data" in words or "device disconnected" in words:
        return "no_data"
    return words or type(exc).__name__
