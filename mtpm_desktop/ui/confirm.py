"""Questions before destructive actions: the button names the action ("Delete anna"); Cancel is default."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


def destructive_box(
    parent: QWidget | None, title: str, text: str, action: str
) -> tuple[QMessageBox, QAbstractButton]:
    """The question box and its action button (Enter and Escape both mean Cancel)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("confirmBox")
    do = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box, do


def confirm_destructive(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    box, do = destructive_box(parent, title, text, action)
    box.exec()
    return box.clickedButton() is do


def confirm_discard(parent: QWidget | None) -> bool:
    """Unapplied Settings edits: True = discard them and go on."""
    title = QCoreApplication.translate("confirm", "Unapplied settings")
    text = QCoreApplication.translate(
        "confirm", "The Settings page has changes that are not applied. Discard them?"
    )
    return confirm_destructive(parent, title, text, QCoreApplication.translate("confirm", "Discard changes"))
