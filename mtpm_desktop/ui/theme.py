"""Dark and light themes: Fusion with a palette that follows the system's colour scheme.

`MTPM_THEME=dark|light` (or the `ui/theme` setting) forces one; screenshots use it. A small style sheet
from resources/theme adds the few touches a palette cannot express (the stale-snapshot banner).
"""

from __future__ import annotations

import os
from importlib.resources import files

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


def wanted_theme() -> str:
    forced = os.environ.get("MTPM_THEME") or str(QSettings().value("ui/theme", "system") or "system")
    if forced in ("dark", "light"):
        return forced
    return _system_theme()


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e1f22"), QColor("#2b2d30"), QColor("#dfe1e5")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#26282b"),
        QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#393b40"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Highlight: QColor("#3574f0"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#6ea8ff"),
        QPalette.ColorRole.PlaceholderText: QColor("#8c8f94"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f737a"))
    return p


def style_sheet(theme: str) -> str:
    try:
        return (files("mtpm_desktop.resources") / "theme" / f"{theme}.qss").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return ""


def apply_theme(app: QApplication, theme: str | None = None) -> str:
    theme = theme or wanted_theme()
    app.setStyle("Fusion")  # the same look on every platform, and it honours the palette fully
    app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
    app.setStyleSheet(style_sheet(theme))
    from mtpm_desktop.ui import icons

    icons.recolor()
    return theme


def choose_theme(app: QApplication, choice: str) -> str:
    """View → Theme: remember `choice` (system | light | dark) and apply it now; returns the theme shown.

    MTPM_THEME, when set, still decides at the next start (screenshots rely on it)."""
    s = QSettings()
    s.setValue("ui/theme", choice)
    s.sync()
    return apply_theme(app, choice if choice in ("dark", "light") else _system_theme())


def _system_theme() -> str:
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hasattr(hints, "colorScheme") else Qt.ColorScheme.Unknown
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def theme_setting() -> str:
    """The remembered View → Theme choice: system, light or dark."""
    value = str(QSettings().value("ui/theme", "system") or "system")
    return value if value in ("system", "light", "dark") else "system"


def follow_system(app: QApplication) -> None:
    """Re-apply when the desktop switches between dark and light."""
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "colorSchemeChanged"):
        hints.colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
