"""Action icons: Lucide SVGs from resources/icons/actions (ISC licence beside them), in the theme's colours.

The files draw with `currentColor`; each icon is rendered with the palette's text colour (and the disabled
text colour for the disabled state), so one set serves the light and the dark theme. `assign` remembers
which action shows which icon, and `recolor` (called when the theme changes) draws them all again.
"""

from __future__ import annotations

import weakref
from functools import cache
from importlib.resources import files

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 20, 24, 32, 48)
_assigned: weakref.WeakKeyDictionary[QAction, str] = weakref.WeakKeyDictionary()


@cache
def svg_source(name: str) -> str:
    """The SVG text of icon `name` ("" when the file is missing)."""
    try:
        return (files("mtpm_desktop.resources") / "icons" / "actions" / f"{name}.svg").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return ""


def names() -> list[str]:
    folder = files("mtpm_desktop.resources") / "icons" / "actions"
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".svg"))


def _pixmap(source: str, color: QColor, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(source.replace("currentColor", color.name()).encode("utf-8")))
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pm)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pm


@cache
def _icon(name: str, normal: str, disabled: str) -> QIcon:
    source = svg_source(name)
    icon = QIcon()
    if not source:
        return icon
    for size in SIZES:
        icon.addPixmap(_pixmap(source, QColor(normal), size), QIcon.Mode.Normal)
        icon.addPixmap(_pixmap(source, QColor(disabled), size), QIcon.Mode.Disabled)
    return icon


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """Icon `name` drawn in `palette`'s text colours (default: the application's palette)."""
    pal = palette or QGuiApplication.palette()
    normal = pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText).name()
    disabled = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
    return _icon(name, normal, disabled)


def assign(actions: dict[QAction, str]) -> None:
    """Give each action its icon, now and again after every theme change."""
    for action, name in actions.items():
        _assigned[action] = name
        action.setIcon(icon(name))


def recolor() -> None:
    """Draw every assigned icon again in the current palette (the theme changed)."""
    for action, name in list(_assigned.items()):
        try:
            action.setIcon(icon(name))
        except RuntimeError:  # the C++ action is gone; its Python wrapper lingers for a moment
            _assigned.pop(action, None)
