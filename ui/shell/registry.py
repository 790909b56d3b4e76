"""The screens the main window can show: ScreenSpecs by key; navigation is built from them.

The screens are listed in one place, ui/shell/__init__.py (`screens()`), and registered by `load_all()` when the
main window is built; no screen module registers itself on import.

`title` is the English source marked with QT_TRANSLATE_NOOP("Screens", …) and translated when shown.
`factory(ctx)` is called the first time the screen is opened, so an unopened screen costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain.roles import Permission, may

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.context import AppContext

# The navigation groups in the order a warehouse works; a group is shown only when it has a screen the
# signed-in role may open.
GROUPS: dict[str, str] = {
    "overview": QT_TRANSLATE_NOOP("Screens", "Today"),
    "receive": QT_TRANSLATE_NOOP("Screens", "Receive"),
    "putaway": QT_TRANSLATE_NOOP("Screens", "Put away"),
    "orders": QT_TRANSLATE_NOOP("Screens", "Orders"),
    "customs": QT_TRANSLATE_NOOP("Screens", "Customs"),
    "picking": QT_TRANSLATE_NOOP("Screens", "Waves and picking"),
    "packing": QT_TRANSLATE_NOOP("Screens", "Packing"),
    "shipping": QT_TRANSLATE_NOOP("Screens", "Shipping"),
    "returns": QT_TRANSLATE_NOOP("Screens", "Returns and disposal"),
    "inventory": QT_TRANSLATE_NOOP("Screens", "Inventory"),
    "reports": QT_TRANSLATE_NOOP("Screens", "Reports"),
    "devices": QT_TRANSLATE_NOOP("Screens", "Devices"),
    "admin": QT_TRANSLATE_NOOP("Screens", "Administration"),
}


@dataclass(frozen=True)
class ScreenSpec:
    """One navigation entry. `permission` may be a tuple: any one of them lets the role open the screen."""

    key: str
    title: str
    group: str
    permission: Permission | tuple[Permission, ...]
    factory: Callable[[AppContext], QWidget]

    def allowed(self, role: str) -> bool:
        wanted = self.permission if isinstance(self.permission, tuple) else (self.permission,)
        return bool(role) and any(may(role, p) for p in wanted)

    def display_title(self) -> str:
        return QCoreApplication.translate("Screens", self.title)


SCREENS: dict[str, ScreenSpec] = {}


def register(spec: ScreenSpec) -> ScreenSpec:
    """Add (or replace, by key) a screen; its group must be one of GROUPS."""
    if spec.group not in GROUPS:
        raise ValueError(f"screen {spec.key}: unknown group {spec.group!r}, one of {', '.join(GROUPS)}")
    SCREENS[spec.key] = spec
    return spec


def group_title(group: str) -> str:
    return QCoreApplication.translate("Screens", GROUPS[group])


def visible_screens(role: str) -> list[tuple[str, list[ScreenSpec]]]:
    """(group, screens) in navigation order, only the screens `role` may open, empty groups left out."""
    out = []
    for group in GROUPS:
        specs = [s for s in SCREENS.values() if s.group == group and s.allowed(role)]
        if specs:
            out.append((group, specs))
    return out
