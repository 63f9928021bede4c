"""Two small dialogs for a blocked server: Server → Restore from backup… (the automatic backups on this
computer, newest first) and Server → Move users to another server…"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class RestoreDialog(QDialog):
    """Pick one automatic backup (any server's) to restore onto `target`."""

    def __init__(self, target: str, backups: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from backup"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("Rebuild the users and settings of a backup on {server}:").format(server=target),
                wordWrap=True,
            )
        )
        self.list = QListWidget()
        for b in backups:
            when = b.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            item = QListWidgetItem(self.tr("{when}  —  {server}").format(when=when, server=b.server))
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            self.list.addItem(item)
        if backups:
            self.list.setCurrentRow(0)
        else:
            layout.addWidget(QLabel(self.tr("No automatic backups on this computer yet.")))
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(backups))
        layout.addWidget(buttons)

    def chosen_path(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))


class MoveDialog(QDialog):
    """Choose the new server, the users (all by default) and whether to stop them here afterwards."""

    def __init__(
        self, source: str, servers: list[str], users: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Move users to another server"))
        form = QFormLayout(self)
        self.target = QComboBox()
        self.target.addItems([s for s in servers if s != source])
        form.addRow(self.tr("New server:"), self.target)
        self.users = QListWidget()
        for uid, name in users:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, uid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.users.addItem(item)
        form.addRow(self.tr("Users:"), self.users)
        self.stop_old = QCheckBox(
            self.tr("Stop their proxies on {server} once every new link works (nothing is deleted)").format(
                server=source
            )
        )
        form.addRow(self.stop_old)
        note = self.tr(
            "The new server is set up first if needed. Every user keeps its secret; each link is checked "
            "from this computer before anything changes here."
        )
        form.addRow(QLabel(note, wordWrap=True))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.target.count() > 0)
        form.addRow(buttons)

    def chosen_ids(self) -> list[str]:
        items = [self.users.item(i) for i in range(self.users.count())]
        return [
            str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked
        ]
