"""UI language: the system's, unless the `ui/language` setting or `MTPM_LANG` says otherwise.

Our strings come from resources/translations/mtpm_<lang>.qm (compiled from the .ts sources by
pyside6-lrelease at build/test time). In a source checkout without compiled files, the .ts is compiled
into the cache folder on first start so `./dev app` is translated too. Qt's own strings (standard
buttons, file dialogs) come from Qt's qtbase_<lang>.qm.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from mtpm_desktop.core import messages

LANGUAGES = {"en": "English", "ru": "Русский"}

_installed: list[QTranslator] = []


# A pseudo-locale (MTPM_LANG=pseudo): every string accented and 40 % longer, to spot untranslated
# strings and clipped layouts in screenshots without knowing Russian.
PSEUDO = "pseudo"


def wanted_language() -> str:
    lang = os.environ.get("MTPM_LANG") or str(QSettings().value("ui/language", "") or "")
    if not lang:
        lang = QLocale.system().name().split("_")[0]
    return lang if lang in LANGUAGES or lang == PSEUDO else "en"


_ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_KEEP = re.compile(r"(\{[^}]*\}|&&|&\w|%\w|<[^>]*>|\n)")


def pseudo_text(text: str) -> str:
    """Accent letters outside placeholders ({name}), accelerators (&x) and tags; pad by 40 %."""
    parts = _KEEP.split(text)
    out = "".join(p if _KEEP.fullmatch(p) else p.translate(_ACCENTS) for p in parts)
    return f"[{out}{'~' * max(1, len(text) * 2 // 5)}]"


def _pseudo_ts(source_ts: Path, target_ts: Path) -> None:
    import xml.etree.ElementTree as ET

    tree = ET.parse(source_ts)
    root = tree.getroot()
    root.set("language", "en_XA")
    for message in root.iter("message"):
        src = message.findtext("source") or ""
        tr = message.find("translation")
        if tr is not None:
            tr.text = pseudo_text(src)
            tr.attrib.pop("type", None)
    tree.write(target_ts, encoding="utf-8", xml_declaration=True)


def _lrelease() -> str | None:
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    candidate = Path(sys.executable).with_name("pyside6-lrelease")
    return str(candidate) if candidate.exists() else None


def catalogue_stems() -> list[str]:
    """Our catalogues: `mtpm` (the widgets' strings, from lupdate) and `messages_<area>` (the service
    layer's msg() templates, from packaging/update_messages.py)."""
    folder = files("mtpm_desktop.resources") / "translations"
    areas = {
        entry.name.rsplit("_", 1)[0]
        for entry in folder.iterdir()
        if entry.name.startswith("messages_") and entry.name.endswith(("_ru.ts", "_ru.qm"))
    }
    return ["mtpm", *sorted(areas)]


def qm_path(lang: str, stem: str = "mtpm") -> Path | None:
    """The compiled catalogue `stem` for `lang`, compiling the .ts source into the cache if needed."""
    folder = files("mtpm_desktop.resources") / "translations"
    if lang == PSEUDO:
        return _pseudo_qm(folder / f"{stem}_ru.ts", stem)
    qm = folder / f"{stem}_{lang}.qm"
    ts = folder / f"{stem}_{lang}.ts"
    if qm.is_file():
        with as_file(qm) as path, as_file(ts) as src:
            # A .qm older than its .ts (a checkout after a string change) is recompiled below.
            if not Path(src).is_file() or Path(path).stat().st_mtime >= Path(src).stat().st_mtime:
                return Path(path)
    if not ts.is_file():
        return None
    tool = _lrelease()
    if tool is None:
        # No compiler (a frozen bundle, whose copies carry build-time mtimes): the shipped .qm is it.
        if qm.is_file():
            with as_file(qm) as path:
                return Path(path)
        return None
    out = Path(platformdirs.user_cache_dir("mtpm", appauthor=False)) / "translations" / f"{stem}_{lang}.qm"
    out.parent.mkdir(parents=True, exist_ok=True)
    with as_file(ts) as src:
        if out.exists() and out.stat().st_mtime >= Path(src).stat().st_mtime:
            return out
        subprocess.run([tool, "-silent", str(src), "-qm", str(out)], check=True, capture_output=True)
    return out


def _pseudo_qm(source: Any, stem: str) -> Path | None:
    """Build a pseudo catalogue from the Russian one's sources (every string, same contexts)."""
    tool = _lrelease()
    if tool is None or not source.is_file():
        return None
    out_dir = Path(platformdirs.user_cache_dir("mtpm", appauthor=False)) / "translations"
    out_dir.mkdir(parents=True, exist_ok=True)
    ts, qm = out_dir / f"{stem}_pseudo.ts", out_dir / f"{stem}_pseudo.qm"
    with as_file(source) as src:
        _pseudo_ts(Path(src), ts)
    subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm


def localize(text: object) -> str:
    """A service-layer message (or error) in the UI language; plain strings pass through unchanged.

    Safe on any thread: QCoreApplication.translate only reads the installed catalogues."""
    return messages.localize(text, lambda template: QCoreApplication.translate("messages", template))


def install(app: QApplication, lang: str | None = None) -> str:
    """Install our and Qt's translators for `lang` (default: wanted_language()); returns the language."""
    lang = lang or wanted_language()
    # Numbers and dates follow the UI language (a decimal comma in Russian), not only the system's.
    QLocale.setDefault(QLocale.system() if lang == PSEUDO else QLocale(lang))
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang == "en":
        return lang
    qt = QTranslator(app)
    if lang != PSEUDO and qt.load(
        f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt)
        _installed.append(qt)
    for stem in catalogue_stems():
        path = qm_path(lang, stem)
        ours = QTranslator(app)
        if path is not None and ours.load(str(path)):
            app.installTranslator(ours)
            _installed.append(ours)
    return lang
