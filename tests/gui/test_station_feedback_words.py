"""Every feedback code a scan station can show has its banner text in English and Chinese: no English sentence
(the workflow's own text, the fallback) on a Chinese station.

The codes are read from the source of each station's workflow (its state machine and the services it drives):
every `rejected("code", …)`, `ScanResult(OUTCOME, "code", …)`, `Feedback(Tone.X, "code", …)` and
`Rejected(…, code="code")` there. Each goes through its screen's own `present` (the area's codes: refusals under
"receive.refused.…", a return's under "returns.…") and must land on a banner text (ui.widgets.feedback) whose
Chinese translation exists and takes no parameter the feedback does not carry.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication

from app.stations import Feedback, Tone
from tests.gui.test_no_raw_codes import SNAKE

ROOT = Path(__file__).resolve().parents[2]
REFUSING = {"rejected", "Rejected", "NotFound"}  # scanlog.rejected and the errors a station's `once` turns into one
# station (screen class, its `present`'s self) → the workflow modules whose codes it shows
STATIONS = {
    "receive": ("ui.inbound.receive_station:ReceiveStationScreen",
                ["app/inbound/receive_station.py", "app/inbound/receiving.py", "app/inbound/tally_close.py"]),
    "putaway": ("ui.inbound.putaway_station:PutawayStationScreen",
                ["app/inbound/putaway_station.py", "app/inbound/putaway.py"]),
    "pick": ("ui.outbound.pick_screen:PickScreen", ["app/outbound/pick_station.py", "app/outbound/picking.py"]),
    "pack": ("ui.outbound.pack_screen:PackScreen", ["app/outbound/pack_station.py", "app/outbound/packing.py"]),
    "gate": ("ui.outbound.gate_screen:GateScreen",  # the scans, the whole manifest's exit (F9 twice), unloading (F4)
             ["app/outbound/gate_station.py", "app/outbound/shipping.py::gate_scan,gate_parcel,gate_out,unload_parcel",
              "ui/outbound/gate_screen.py",
              "app/outbound/vehicle_pass.py::check_weights,check_ic_card"]),
    "returns": ("ui.returns.receive_screen:ReturnStationScreen",
                ["app/returns/receive_station.py", "app/returns/receiving.py"]),
    "count": ("ui.counts.count_station:CountStationScreen",
              ["app/counts/count_station.py", "app/counts/counting.py::count_location,count_goods,undo_last,close_count"]),
}
# (station, code) a station handles itself, never shown: the receive station scans locations and commands itself
INTERNAL = {("receive", "station_scan")}


def _reached(tree: ast.Module, entries: str) -> list[ast.AST]:
    """The module's functions named in `entries` (comma-separated) and those of the module they call, in turn."""
    functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    todo, seen = entries.split(","), set()
    while todo:
        name = todo.pop()
        if name in seen or name not in functions:
            continue
        seen.add(name)
        todo += [n.func.id for n in ast.walk(functions[name]) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
    return [functions[name] for name in seen]


def _codes(modules: list[str]) -> set[tuple[str, Tone]]:
    """(code, tone) of every literal feedback the modules give (`path::f,g`: what functions f and g reach)."""
    found = set()
    for module in modules:
        path, _, entries = module.partition("::")
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        for node in (n for root in (_reached(tree, entries) if entries else [tree]) for n in ast.walk(root)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            args = [a.value if isinstance(a, ast.Constant) else ast.unparse(a) for a in node.args]
            keyword = next((k.value.value for k in node.keywords if k.arg == "code" and isinstance(k.value, ast.Constant)),
                           None)
            if name == "rejected" and node.args and isinstance(node.args[0], ast.Constant):
                found.add((args[0], Tone.ERROR))
            elif name in REFUSING and keyword:
                found.add((keyword, Tone.ERROR))
            elif name == "ScanResult" and len(args) > 1 and isinstance(node.args[1], ast.Constant):
                found.add((args[1], {"REJECTED": Tone.ERROR, "FLAGGED": Tone.WARN}.get(args[0], Tone.OK)))
            elif name == "Feedback" and len(args) > 1 and isinstance(node.args[1], ast.Constant):
                found.add((args[1], Tone(args[0].split(".")[-1].lower())))
    return found


def _screen(path: str):
    module, name = path.split(":")
    return getattr(__import__(module, fromlist=[name]), name)


def test_every_station_feedback_has_its_banner_text_in_english_and_chinese(gui_app):
    from ui.i18n import Translations
    from ui.shell import install_texts
    from ui.widgets.feedback import FEEDBACK_TEXTS

    install_texts()
    translations = Translations(gui_app)
    assert translations.switch("zh_CN")
    missing, seen = [], 0
    try:
        for station, (screen, modules) in STATIONS.items():
            cls = _screen(screen)
            for code, tone in sorted(_codes(modules)):
                if (station, code) in INTERNAL:
                    continue
                seen += 1
                shown = cls.present(SimpleNamespace(area=getattr(cls, "area", station), order=None),
                                   Feedback(tone, code, "…"))
                source = FEEDBACK_TEXTS.get(shown.code)
                chinese = QCoreApplication.translate("FeedbackText", source) if source else ""
                if not source or not re.search(r"[\u4e00-\u9fff]", chinese):
                    missing.append(f"{station}: {code} ({tone}) → {shown.code}")
    finally:
        translations.switch("en")
    assert seen > 60, "the stations' workflows moved: follow them here"
    assert not missing, "\n".join(missing)


def test_every_banner_text_takes_the_same_parameters_in_both_languages_and_shows_no_code(gui_app):
    from ui.i18n import Translations
    from ui.shell import install_texts
    from ui.widgets.feedback import FEEDBACK_TEXTS

    install_texts()
    fields = re.compile(r"\{(\w+)\}")
    translations = Translations(gui_app)
    assert translations.switch("zh_CN")
    try:
        for source in FEEDBACK_TEXTS.values():
            chinese = QCoreApplication.translate("FeedbackText", source)
            assert set(fields.findall(chinese)) == set(fields.findall(source)), (source, chinese)
            assert not SNAKE.findall(fields.sub("", chinese)), chinese  # no raw code on a Chinese banner
    finally:
        translations.switch("en")
