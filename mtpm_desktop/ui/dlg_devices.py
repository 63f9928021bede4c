"""One user's devices: the client IPs the server's agent saw in the last 30 days, connected ones first.

The list is asked of the server when the dialog opens (and on Refresh) and lives only in this dialog: the
snapshot, its cache and the logs get counts, never addresses.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.remote.agent_client import Device
from mtpm_desktop.ui.fmt import ago, parse_iso


class DevicesDialog(QDialog):
    refresh_requested = Signal()

    def __init__(self, user_name: str, max_devices: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("devicesDialog")
        self.setWindowTitle(self.tr("Devices: {name}").format(name=user_name))
        self.max_devices = max_devices
        self.devices: list[Device] = []
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("Asking the server…"))
        self.summary.setObjectName("devicesSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("devicesTable")
        self.table.setHorizontalHeaderLabels([self.tr("Address"), self.tr("Now"), self.tr("Last seen")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        note = QLabel(
            self.tr(
                "Addresses stay on the server: this list is asked for when you open it and is not saved "
                "on this computer. Over the device limit, a device's place is freed 10 minutes after its "
                "last connection."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("devicesNote")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.refresh_btn = QPushButton(self.tr("Refresh"))
        self.refresh_btn.clicked.connect(self._refresh)
        buttons.addButton(self.refresh_btn, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 380)

    def _refresh(self) -> None:
        self.refresh_btn.setEnabled(False)
        self.summary.setText(self.tr("Asking the server…"))
        self.refresh_requested.emit()

    def show_devices(self, devices: list[Device], now: datetime | None = None) -> None:
        self.devices = devices
        self.refresh_btn.setEnabled(True)
        now = now or datetime.now(UTC)
        connected = sum(1 for d in devices if d.connected)
        if self.max_devices:
            text = self.tr("Devices connected now: {n} of {limit} allowed; in the last 30 days: {total}.")
            self.summary.setText(text.format(n=connected, limit=self.max_devices, total=len(devices)))
        else:
            text = self.tr("Devices connected now: {n} (no limit); in the last 30 days: {total}.")
            self.summary.setText(text.format(n=connected, total=len(devices)))
        self.table.setRowCount(len(devices))
        for row, d in enumerate(devices):
            seen = parse_iso(d.last_seen)
            when = ago(d.last_seen, now.timestamp()) if seen else d.last_seen  # as the Users table says it
            state = self.tr("connections: {n}").format(n=d.connections) if d.connected else ""
            for col, text in enumerate((d.ip, state, when)):
                item = QTableWidgetItem(text)
                if col == 2 and seen is not None:
                    item.setToolTip(seen.astimezone().strftime("%Y-%m-%d %H:%M"))
                if col == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)

    def show_error(self, message: str) -> None:
        self.refresh_btn.setEnabled(True)
        self.summary.setText(message)
