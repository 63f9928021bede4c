"""Share a user's proxy: both links, the QR code and a ready-to-paste invitation, each with a copy button.

Opened after Add user (with the new user selected) and from the Users page. Every copy says so on its
button for a moment and through `copied` (the page puts it into the status bar).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.ui.dlg_qr import qr_image

FEEDBACK_MS = 1500  # how long a copy button says "Copied"


class ShareDialog(QDialog):
    copied = Signal(str)  # a confirmation for the status bar

    def __init__(self, user_name: str, tme_link: str, tg_link: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shareDialog")
        self.setWindowTitle(self.tr("Share: {name}").format(name=user_name))
        self.user_name = user_name
        self.tme_link = tme_link
        self.tg_link = tg_link
        self.image = qr_image(tme_link, scale=6)

        self.picture = QLabel()
        self.picture.setObjectName("qrPicture")
        self.picture.setPixmap(QPixmap.fromImage(self.image))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setToolTip(self.tr("Scan with the phone's camera; Telegram opens the proxy"))

        grid = QGridLayout()
        self.tme_edit = self._link_edit(tme_link, "tmeLink")
        self.tg_edit = self._link_edit(tg_link, "tgLink")
        self.copy_tme_btn = QPushButton(self.tr("Copy"))
        self.copy_tme_btn.setObjectName("copyTme")
        self.copy_tg_btn = QPushButton(self.tr("Copy"))
        self.copy_tg_btn.setObjectName("copyTg")
        self.copy_tme_btn.clicked.connect(self.copy_tme)
        self.copy_tg_btn.clicked.connect(self.copy_tg)
        grid.addWidget(QLabel(self.tr("Link (opens in any browser):")), 0, 0)
        grid.addWidget(self.tme_edit, 0, 1)
        grid.addWidget(self.copy_tme_btn, 0, 2)
        grid.addWidget(QLabel(self.tr("Link for the Telegram app:")), 1, 0)
        grid.addWidget(self.tg_edit, 1, 1)
        grid.addWidget(self.copy_tg_btn, 1, 2)
        grid.setColumnStretch(1, 1)

        self.invitation = QPlainTextEdit(self.invitation_text())
        self.invitation.setObjectName("invitationText")
        self.invitation.setReadOnly(True)
        self.invitation.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        inv_row = QHBoxLayout()
        self.copy_invitation_btn = QPushButton(self.tr("Copy invitation"))
        self.copy_invitation_btn.setObjectName("copyInvitation")
        self.copy_invitation_btn.clicked.connect(self.copy_invitation)
        self.copy_image_btn = QPushButton(self.tr("Copy QR image"))
        self.copy_image_btn.setObjectName("copyQrImage")
        self.copy_image_btn.clicked.connect(self.copy_image)
        inv_row.addWidget(self.copy_invitation_btn)
        inv_row.addWidget(self.copy_image_btn)
        inv_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.picture)
        layout.addLayout(grid)
        layout.addWidget(QLabel(self.tr("Invitation to send:")))
        layout.addWidget(self.invitation)
        layout.addLayout(inv_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.copy_invitation_btn.setDefault(True)

    def _link_edit(self, text: str, name: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        edit.setReadOnly(True)
        edit.setCursorPosition(0)
        edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        return edit

    def invitation_text(self) -> str:
        """In the admin's UI language: the link and two lines on adding a proxy in Telegram."""
        return self.tr(
            "Hi! Here is your own proxy for Telegram:\n"
            "{link}\n"
            "\n"
            "Open the link on the device with Telegram and tap “Connect proxy”.\n"
            "Or in Telegram: Settings → Data and Storage → Proxy → Add proxy, and paste the link."
        ).format(link=self.tme_link)

    # -- copying --------------------------------------------------------------------------------------
    def copy_tme(self) -> None:
        QGuiApplication.clipboard().setText(self.tme_link)
        self._feedback(self.copy_tme_btn, self.tr("t.me link for {name} copied").format(name=self.user_name))

    def copy_tg(self) -> None:
        QGuiApplication.clipboard().setText(self.tg_link)
        self._feedback(self.copy_tg_btn, self.tr("tg:// link for {name} copied").format(name=self.user_name))

    def copy_invitation(self) -> None:
        QGuiApplication.clipboard().setText(self.invitation.toPlainText())
        self._feedback(
            self.copy_invitation_btn, self.tr("Invitation for {name} copied").format(name=self.user_name)
        )

    def copy_image(self) -> None:
        QGuiApplication.clipboard().setImage(self.image)
        self._feedback(self.copy_image_btn, self.tr("QR code of {name} copied").format(name=self.user_name))

    def _feedback(self, button: QPushButton, message: str) -> None:
        if not button.property("mtpm_label"):
            button.setProperty("mtpm_label", button.text())
        button.setText(self.tr("Copied ✓"))
        QTimer.singleShot(FEEDBACK_MS, button, lambda: button.setText(str(button.property("mtpm_label"))))
        self.copied.emit(message)
