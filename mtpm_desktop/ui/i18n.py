"""UI language: the system's, unless the `ui/language` setting or `MTPM_LANG` says otherwise.

Our strings come from resources/translations/mtpm_<lang>.qm (compiled from the .ts sources by
pyside6-lrelease at build/test time). In a source checkout without compiled files, the .ts is compiled
into the cache folder on first start so `./dev app` is translated too. Qt's own strings (standard
buttons, file dialogs) come from Qt's qtbase_<lang>.qm.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.resources import as_file, files
from pathlib import Path

import platformdirs
from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

LANGUAGES = {"en": "English", "ru": "Русский"}

_installed: list[QTranslator] = []


def wanted_language() -> str:
    lang = os.environ.get("MTPM_LANG") or str(QSettings().value("ui/language", "") or "")
    if not lang:
        lang = QLocale.system().name().split("_")[0]
    return lang if lang in LANGUAGES else "en"


def _lrelease() -> str | None:
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    candidate = Path(sys.executable).with_name("pyside6-lrelease")
    return str(candidate) if candidate.exists() else None


def qm_path(lang: str) -> Path | None:
    """The compiled catalogue for `lang`, compiling the .ts source into the cache if needed."""
    folder = files("mtpm_desktop.resources") / "translations"
    qm = folder / f"mtpm_{lang}.qm"
    ts = folder / f"mtpm_{lang}.ts"
    if qm.is_file():
        with as_file(qm) as path, as_file(ts) as src:
            # A .qm older than its .ts (a checkout after a string change) is recompiled below.
            if not Path(src).is_file() or Path(path).stat().st_mtime >= Path(src).stat().st_mtime:
                return Path(path)
    if not ts.is_file():
        return None
    tool = _lrelease()
    if tool is None:
        return None
    out = Path(platformdirs.user_cache_dir("mtpm", appauthor=False)) / "translations" / f"mtpm_{lang}.qm"
    out.parent.mkdir(parents=True, exist_ok=True)
    with as_file(ts) as src:
        if out.exists() and out.stat().st_mtime >= Path(src).stat().st_mtime:
            return out
        subprocess.run([tool, "-silent", str(src), "-qm", str(out)], check=True, capture_output=True)
    return out


def install(app: QApplication, lang: str | None = None) -> str:
    """Install our and Qt's translators for `lang` (default: wanted_language()); returns the language."""
    lang = lang or wanted_language()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang == "en":
        return lang
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    path = qm_path(lang)
    ours = QTranslator(app)
    if path is not None and ours.load(str(path)):
        app.installTranslator(ours)
        _installed.append(ours)
    return lang
