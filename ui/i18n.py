"""Translations: switch the language at run time; `python -m ui.i18n update|compile` maintain the .ts/.qm files.

`resolve` settles .ts files left in conflict by a git merge (translations from both sides kept).
`update` runs pyside6-lupdate over ui/ into resources/translations/bwms_zh_CN.ts (no line numbers, so the
file does not churn); a translator fills it with Qt Linguist. `compile` runs pyside6-lrelease → .qm beside
the .ts (git-ignored; `make translations` calls it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
SOURCE_LANGUAGE = "en"
# Native names: a user who cannot read the current language still finds their own.
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


# One catalogue per area, so that people working on different areas never edit the same .ts file.
# A catalogue covers the ui/ files matching its patterns; "bwms" (the shell) covers every other file.
# `compile` merges all catalogues of a language into one bwms_<language>.qm.
CATALOGUES: dict[str, tuple[str, ...]] = {
    "admin": ("ui/admin/*.py",),
    "inbound": ("ui/inbound/*.py",),
    "customs": ("ui/customs/*.py",),
    "orders": ("ui/orders/*.py",),
    "outbound": ("ui/outbound/*.py",),
    "returns": ("ui/returns/*.py",),
    "stock": ("ui/stock/*.py",),
    "counts": ("ui/counts/*.py",),
    "overview": ("ui/overview/*.py",),
    "help": ("ui/help/*.py",),
    "bwms": (),
}


def ts_file(language: str, catalogue: str = "bwms") -> Path:
    return TRANSLATIONS / f"{catalogue}_{language}.ts"


def ts_files(language: str) -> list[Path]:
    """Every catalogue of `language` that exists."""
    return [p for name in CATALOGUES if (p := ts_file(language, name)).exists()]


def qm_file(language: str) -> Path:
    return TRANSLATIONS / f"bwms_{language}.qm"


def system_language() -> str:
    """zh_CN on a Chinese system, else the source language."""
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else SOURCE_LANGUAGE


def chinese_on_screen() -> bool:
    """True while the screens speak Chinese (data with both names, like customs units, follows it)."""
    return QLocale().language() == QLocale.Language.Chinese


class Translations:
    """The installed translators; `switch` replaces them, and Qt sends LanguageChange to every widget."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = SOURCE_LANGUAGE

    def switch(self, language: str) -> bool:
        """Use `language` ('en' or 'zh_CN'); False when its compiled .qm is missing (stays in English)."""
        if language not in LANGUAGES:
            language = SOURCE_LANGUAGE
        loaded: list[QTranslator] = []
        if language != SOURCE_LANGUAGE:
            ours = QTranslator(self._app)
            if not ours.load(str(qm_file(language))):
                return False
            loaded.append(ours)
            from PySide6.QtCore import QLibraryInfo  # only for a translation (English starts faster)

            qt_own = QTranslator(self._app)  # Qt's standard buttons and dialogs (OK, Cancel, …)
            if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                loaded.append(qt_own)
        for old in self._installed:
            self._app.removeTranslator(old)
        for new in loaded:
            self._app.installTranslator(new)
        self._installed = loaded
        self.language = language
        QLocale.setDefault(QLocale(language if language != SOURCE_LANGUAGE else "en_US"))
        # Qt posts LanguageChange to the windows; deliver it now, so every text is switched on return
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        return True


    def release(self) -> None:
        """Uninstall our translators (the application goes back to the source language)."""
        self.switch(SOURCE_LANGUAGE)


def _tool(name: str) -> str:
    import shutil

    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        raise SystemExit(f"{name} not found: install PySide6 (pip install -e .)")
    return found


def sources(catalogue: str = "bwms") -> list[str]:
    """The ui/ files whose strings belong to `catalogue`."""
    files = sorted(p.relative_to(ROOT) for p in (ROOT / "ui").rglob("*.py"))

    def owner(path: Path) -> str:
        return next((name for name, globs in CATALOGUES.items() if any(path.match(g) for g in globs)), "bwms")

    return [str(p) for p in files if owner(p) == catalogue]


def update(ts: Path | None = None, language: str = "zh_CN", catalogue: str = "bwms") -> int:
    """Collect the tr()/translate() strings of a catalogue's files into its .ts (translations are kept)."""
    import subprocess

    files = sources(catalogue)
    if not files:
        return 0
    target = ts or ts_file(language, catalogue)
    cmd = [_tool("pyside6-lupdate"), *files, "-locations", "none", "-no-obsolete", "-target-language",
           language, "-ts", str(target)]
    return subprocess.run(cmd, cwd=ROOT, check=False).returncode


def update_all(language: str = "zh_CN") -> int:
    code = 0
    for name in CATALOGUES:
        code = code or update(language=language, catalogue=name)
    return code


def compile_all() -> int:
    """Compile every language's catalogues into one bwms_<language>.qm."""
    import subprocess

    code = 0
    languages = {ts.stem.rsplit("_", 2)[-2] + "_" + ts.stem.rsplit("_", 1)[-1]
                 for ts in TRANSLATIONS.glob("*_*_*.ts")}
    for language in sorted(languages):
        cmd = [_tool("pyside6-lrelease"), "-silent", *map(str, ts_files(language)), "-qm", str(qm_file(language))]
        code = code or subprocess.run(cmd, check=False).returncode
    return code


def _translations(text: str) -> dict[tuple[str, str, str], str]:
    """(context, source, comment) → finished translation, from a .ts file's text."""
    import xml.etree.ElementTree as ET

    found: dict[tuple[str, str, str], str] = {}
    for context in ET.fromstring(text).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            node = message.find("translation")
            if node is None or node.get("type") in ("unfinished", "obsolete", "vanished") or not node.text:
                continue
            found[(name, message.findtext("source") or "", message.findtext("comment") or "")] = node.text
    return found


def resolve() -> int:
    """Settle .ts files left in conflict by a git merge: lupdate from the merged sources, then every
    message translated on either side keeps its translation. Prints what is still untranslated."""
    import subprocess
    import xml.etree.ElementTree as ET

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout

    conflicted = [ROOT / name for name in git("diff", "--name-only", "--diff-filter=U").split()
                  if name.endswith(".ts")]
    known: dict[tuple[str, str, str], str] = {}
    for ts in conflicted:
        rel = str(ts.relative_to(ROOT))
        for stage in (":2:", ":3:"):
            text = git("show", stage + rel)
            if text.strip():
                known.update(_translations(text))
        ts.write_text(git("show", ":2:" + rel))
    update_all()
    missing = 0
    for ts in TRANSLATIONS.glob("*_zh_CN.ts"):
        tree = ET.parse(ts)
        changed = False
        for context in tree.getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                node = message.find("translation")
                if node is None or node.get("type") != "unfinished":
                    continue
                key = (name, message.findtext("source") or "", message.findtext("comment") or "")
                if key in known:
                    node.text = known[key]
                    del node.attrib["type"]
                    changed = True
                else:
                    missing += 1
                    print(f"{ts.name}: untranslated [{name}] {key[1]!r}")
        if changed:
            tree.write(ts, encoding="utf-8", xml_declaration=True)
            update(ts, catalogue=ts.stem.rsplit("_", 2)[0])  # lupdate's own layout again
    for ts in conflicted:
        git("add", str(ts.relative_to(ROOT)))
    return 1 if missing else 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        return update_all()
    if argv[:1] == ["resolve"]:
        return resolve()
    if argv[:1] == ["compile"]:
        return compile_all()
    print("usage: python -m ui.i18n update|compile|resolve", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
