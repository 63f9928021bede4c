"""QR code of a user's t.me link: rendered natively from segno's matrix; save PNG/SVG; copy image."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

QUIET_ZONE = 4  # modules of white border a decoder needs around the code


def qr_image(text: str, scale: int = 8) -> QImage:
    """Paint the code module by module: crisp at any scale, no PNG round trip."""
    import segno  # imported on first use: it pulls in urllib and xml, a noticeable share of start-up

    qr = segno.make(text, error="m", micro=False)
    matrix = [list(row) for row in qr.matrix]
    n = len(matrix)
    size = (n + 2 * QUIET_ZONE) * scale
    img = QImage(size, size, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    painter = QPainter(img)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect((x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale, scale, scale)
    painter.end()
    return img


class QrDialog(QDialog):
    def __init__(self, user_name: str, link: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrDialog")
        self.setWindowTitle(self.tr("QR code: {name}").format(name=user_name))
        self.link = link
        self.image = qr_image(link)
        layout = QVBoxLayout(self)
        self.picture = QLabel()
        self.picture.setObjectName("qrPicture")
        self.picture.setPixmap(QPixmap.fromImage(self.image))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.picture)
        self.link_edit = QLineEdit(link)
        self.link_edit.setReadOnly(True)
        layout.addWidget(self.link_edit)
        row = QHBoxLayout()
        self.copy_btn = QPushButton(self.tr("Copy image"))
        self.copy_link_btn = QPushButton(self.tr("Copy link"))
        self.png_btn = QPushButton(self.tr("Save PNG…"))
        self.svg_btn = QPushButton(self.tr("Save SVG…"))
        self.copy_btn.clicked.connect(self.copy_image)
        self.copy_link_btn.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.link))
        self.png_btn.clicked.connect(lambda: self._save("png"))
        self.svg_btn.clicked.connect(lambda: self._save("svg"))
        for b in (self.copy_btn, self.copy_link_btn, self.png_btn, self.svg_btn):
            row.addWidget(b)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_image(self) -> None:
        QGuiApplication.clipboard().setImage(self.image)

    def save_to(self, path: str) -> None:
        if path.lower().endswith(".svg"):
            import segno

            segno.make(self.link, error="m", micro=False).save(path, scale=8, border=QUIET_ZONE)
        else:
            self.image.save(path, "PNG")  # type: ignore[call-overload]

    def _save(self, kind: str) -> None:
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save QR code"), f"proxy.{kind}", filters[kind])
        if path:
            if not path.lower().endswith("." + kind):
                path += "." + kind
            self.save_to(path)
