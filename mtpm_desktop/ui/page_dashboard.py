"""Dashboard: Running X/Y, port range, totals this period, the top users, start/stop/restart all."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.fmt import human_bytes, state_label
from mtpm_desktop.ui.health_cards import HealthCards
from mtpm_desktop.ui.page_base import Page

TOP_N = 5


class DashboardPage(Page):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("dashboardPage")
        layout = QVBoxLayout(self)

        self.running_label = QLabel()
        self.running_label.setObjectName("runningLabel")
        font = self.running_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.running_label.setFont(font)
        layout.addWidget(self.running_label)

        box = QGroupBox(self.tr("Server"))
        form = QFormLayout(box)
        self.users_value = QLabel()
        self.ports_value = QLabel()
        self.traffic_value = QLabel()
        self.clock_value = QLabel()
        self.clock_value.setWordWrap(True)
        form.addRow(self.tr("Users:"), self.users_value)
        form.addRow(self.tr("Port range:"), self.ports_value)
        form.addRow(self.tr("Traffic this period:"), self.traffic_value)
        form.addRow(self.tr("Clock offset:"), self.clock_value)
        layout.addWidget(box)
        self.health_cards = HealthCards()
        layout.addWidget(self.health_cards)

        top_box = QGroupBox(self.tr("Top users this period"))
        top_layout = QVBoxLayout(top_box)
        self.top = QTreeWidget()
        self.top.setRootIsDecorated(False)
        self.top.setHeaderLabels([self.tr("Name"), self.tr("Traffic"), self.tr("State")])
        top_layout.addWidget(self.top)
        layout.addWidget(top_box, 1)

        buttons = QHBoxLayout()
        self.start_btn = QPushButton(self.tr("Start all"))
        self.stop_btn = QPushButton(self.tr("Stop all"))
        self.restart_btn = QPushButton(self.tr("Restart all"))
        self.start_btn.clicked.connect(lambda: self._proxies("start"))
        self.stop_btn.clicked.connect(lambda: self._proxies("stop"))
        self.restart_btn.clicked.connect(lambda: self._proxies("restart"))
        for b in (self.start_btn, self.stop_btn, self.restart_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.refresh_view()

    def refresh_view(self) -> None:
        snap = self.snap
        self.health_cards.show_snapshot(snap)
        for b in (self.start_btn, self.stop_btn, self.restart_btn):
            b.setEnabled(self.editable())
        if snap is None:
            self.running_label.setText(self.tr("No data yet"))
            for lbl in (self.users_value, self.ports_value, self.traffic_value, self.clock_value):
                lbl.setText("—")
            self.top.clear()
            return
        self.running_label.setText(
            self.tr("Running {running}/{total}").format(running=snap.running, total=snap.total)
        )
        enabled = sum(1 for u in snap.users if u.enabled)
        self.users_value.setText(
            self.tr("{total} ({enabled} enabled)").format(total=snap.total, enabled=enabled)
        )
        pr = snap.port_range
        self.ports_value.setText(f"{pr[0]}–{pr[1]}" if pr else "—")
        self.traffic_value.setText(human_bytes(snap.used_bytes))
        if snap.clock_offset_s is None:
            self.clock_value.setText("—")
        else:
            text = self.tr("{offset:+.2f} s").format(offset=snap.clock_offset_s)
            if abs(snap.clock_offset_s) > 1.0:
                text += " — " + self.tr(
                    "the server clock is off: links stop working past 3 s. Sync it (NTP)."
                )
            self.clock_value.setText(text)
        self.top.clear()
        for u in sorted(snap.users, key=lambda u: u.used_bytes, reverse=True)[:TOP_N]:
            self.top.addTopLevelItem(
                QTreeWidgetItem([u.name, human_bytes(u.used_bytes), state_label(u.state)])
            )

    def _proxies(self, action: str) -> None:
        if self.server is None:
            return
        if action == "stop":
            answer = QMessageBox.question(
                self,
                self.tr("Stop all proxies"),
                self.tr(
                    "Stop every proxy on {server}? All users are disconnected until you start them."
                ).format(server=self.server),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        titles = {
            "start": self.tr("Start all"),
            "stop": self.tr("Stop all"),
            "restart": self.tr("Restart all"),
        }
        self.controller.run(self.server, titles[action], lambda b, p: b.proxies(action, p))
