"""Render resources/icons/mtpm.svg to the PNG sizes desktop environments expect.

Run when the SVG changes (the PNGs are committed so a build needs no SVG renderer):
    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def main() -> int:
    app = QGuiApplication(sys.argv)  # QPainter on QImage needs a GUI application for fonts/plugins
    renderer = QSvgRenderer(str(ICONS / "mtpm.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"mtpm-{size}.png"))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
