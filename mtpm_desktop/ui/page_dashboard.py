"""Dashboard: Running X/Y, the user count, cards (traffic, over limit, throttled, expiring), the top users.

Cards are `Card` widgets in rows: `cards_row` holds this page's own; `health_row` is the slot for the
server's health and online counts (`add_health_card`), empty and hidden until something is put there.
A server without users shows what to do next instead of empty figures.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.fmt import human_bytes, locale_number, parse_iso, state_label
from mtpm_desktop.ui.health_cards import HealthCards
from mtpm_desktop.ui.page_base import Page
from mtpm_desktop.ui.snapshot import ServerSnapshot, UserRow

TOP_N = 5
EXPIRING_DAYS = 7


class Card(QFrame):
    """A titled figure with an optional detail line."""

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"card_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        self.value = QLabel("—")
        self.value.setObjectName("cardValue")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel()
        self.detail.setObjectName("cardDetail")
        self.detail.setWordWrap(True)
        for w in (self.title, self.value, self.detail):
            layout.addWidget(w)
        layout.addStretch(1)

    def set(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))


def expiring_within(users: list[UserRow], days: float, now: float | None = None) -> list[UserRow]:
    """Users whose expiry is in the future but within `days`."""
    now = time.time() if now is None else now
    out = []
    for u in users:
        when = parse_iso(u.expires_at)
        if when is not None and 0 < when.timestamp() - now <= days * 86400:
            out.append(u)
    return out


def over_limit(users: list[UserRow]) -> list[UserRow]:
    return [u for u in users if u.limit_bytes > 0 and u.used_bytes >= u.limit_bytes]


class DashboardPage(Page):
    add_user_requested = Signal()  # the first-run state's button: the window opens Add user

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
        self.users_value = QLabel()
        self.users_value.setObjectName("usersCount")
        head = QHBoxLayout()
        head.addWidget(self.running_label)
        head.addSpacing(24)
        head.addWidget(self.users_value, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(head)

        # First run: what to do next.
        self.empty_box = QFrame()
        self.empty_box.setObjectName("dashboardEmpty")
        el = QVBoxLayout(self.empty_box)
        self.empty_label = QLabel(
            self.tr(
                "No users on this server yet. Add the first user: mtpm starts a proxy for them and shows "
                "the link and QR code to send. Each person gets their own link, so you can see and limit "
                "their traffic and switch one off without touching the others."
            )
        )
        self.empty_label.setWordWrap(True)
        self.empty_btn = QPushButton(self.tr("Add the first user…"))
        self.empty_btn.setObjectName("addFirstUser")
        self.empty_btn.clicked.connect(self.add_user_requested.emit)
        el.addWidget(self.empty_label)
        row = QHBoxLayout()
        row.addWidget(self.empty_btn)
        row.addStretch(1)
        el.addLayout(row)
        layout.addWidget(self.empty_box)

        self.cards_row = QHBoxLayout()
        self.card_traffic = Card("traffic", self.tr("Traffic this period"))
        self.card_over = Card("overLimit", self.tr("Over the limit"))
        self.card_throttled = Card("throttled", self.tr("Throttled"))
        self.card_expiring = Card("expiring", self.tr("Expiring within 7 days"))
        self.card_online = Card("online", self.tr("Online now"))
        for c in self._cards():
            self.cards_row.addWidget(c, 1)
        layout.addLayout(self.cards_row)
        self.health_row = QHBoxLayout()  # server health and online counts go here
        self.health_row.setContentsMargins(0, 0, 0, 0)
        self.health_box = QWidget()
        self.health_box.setObjectName("healthSlot")
        self.health_box.setLayout(self.health_row)
        self.health_box.setVisible(False)
        layout.addWidget(self.health_box)
        self.health_cards = HealthCards()  # CPU, memory, disk, network once the agent reports them
        self.add_health_card(self.health_cards)

        box = QGroupBox(self.tr("Server"))
        form = QFormLayout(box)
        self.ports_value = QLabel()
        self.clock_value = QLabel()
        self.clock_value.setWordWrap(True)
        form.addRow(self.tr("Port range:"), self.ports_value)
        form.addRow(self.tr("Clock offset:"), self.clock_value)
        layout.addWidget(box)

        self.top_box = QGroupBox(self.tr("Top users this period"))
        self.top_grid = QGridLayout(self.top_box)
        self.top_grid.setColumnStretch(1, 1)
        self.top_rows: list[tuple[QLabel, QProgressBar, QLabel]] = []
        for i in range(TOP_N):
            name, bar, amount = QLabel(), QProgressBar(), QLabel()
            bar.setTextVisible(False)
            bar.setMaximumHeight(12)
            bar.setRange(0, 1000)
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.top_grid.addWidget(name, i, 0)
            self.top_grid.addWidget(bar, i, 1)
            self.top_grid.addWidget(amount, i, 2)
            self.top_rows.append((name, bar, amount))
        layout.addWidget(self.top_box)
        layout.addStretch(1)

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

    def _cards(self) -> tuple[Card, ...]:
        return (self.card_traffic, self.card_online, self.card_over, self.card_throttled, self.card_expiring)

    def add_health_card(self, card: QWidget) -> None:
        """Put a card into the health slot (server health, online counts); the slot shows from then on."""
        self.health_row.addWidget(card, 1)
        self.health_box.setVisible(True)

    def refresh_view(self) -> None:
        snap = self.snap
        self.health_cards.show_snapshot(snap)
        for b in (self.start_btn, self.stop_btn, self.restart_btn):
            b.setEnabled(self.editable())
        self.empty_box.setVisible(snap is not None and not snap.users)
        self.empty_btn.setEnabled(self.editable())
        if snap is None:
            self.running_label.setText(self.tr("No data yet"))
            self.users_value.setText("")
            for lbl in (self.ports_value, self.clock_value):
                lbl.setText("—")
            for c in self._cards():
                c.set("—")
            self._show_top([])
            return
        self.running_label.setText(
            self.tr("Running {running}/{total}").format(running=snap.running, total=snap.total)
        )
        self.users_value.setText(self.users_text(snap))
        pr = snap.port_range
        self.ports_value.setText(f"{pr[0]}–{pr[1]}" if pr else "—")
        if snap.clock_offset_s is None:
            self.clock_value.setText("—")
        else:
            sign = "+" if snap.clock_offset_s >= 0 else "−"
            text = self.tr("{offset} s").format(offset=sign + locale_number(abs(snap.clock_offset_s), 2))
            if abs(snap.clock_offset_s) > 1.0:
                text += " — " + self.tr(
                    "the server clock is off: links stop working past 3 s. Sync it (NTP)."
                )
            self.clock_value.setText(text)
        self._fill_cards(snap)
        self._show_top(snap.users)

    def users_text(self, snap: ServerSnapshot) -> str:
        enabled = sum(1 for u in snap.users if u.enabled)
        return self.tr("{total} users, {enabled} enabled").format(total=len(snap.users), enabled=enabled)

    def _fill_cards(self, snap: ServerSnapshot) -> None:
        up = sum(u.up_bytes for u in snap.users)
        down = sum(u.down_bytes for u in snap.users)
        detail = (
            self.tr("↑ {up} up · ↓ {down} down").format(up=human_bytes(up), down=human_bytes(down))
            if up or down
            else ""
        )
        self.card_traffic.set(human_bytes(snap.used_bytes), detail)
        over = over_limit(snap.users)
        self.card_over.set(
            str(len(over)), ", ".join(u.name for u in over[:3]) + ("…" if len(over) > 3 else "")
        )
        throttled = [u for u in snap.users if u.throttled]
        self.card_throttled.set(
            str(len(throttled)),
            ", ".join(u.name for u in throttled[:3]) + ("…" if len(throttled) > 3 else ""),
        )
        online = [u for u in snap.users if u.online]
        devices = sum(u.devices_now for u in online)
        self.card_online.set(
            str(len(online)),
            self.tr("{devices} device(s): {names}").format(
                devices=devices,
                names=", ".join(u.name for u in online[:3]) + ("…" if len(online) > 3 else ""),
            )
            if online
            else "",
        )
        soon = expiring_within(snap.users, EXPIRING_DAYS)
        self.card_expiring.set(
            str(len(soon)), ", ".join(u.name for u in soon[:3]) + ("…" if len(soon) > 3 else "")
        )

    def _show_top(self, users: list[UserRow]) -> None:
        top = sorted(users, key=lambda u: u.used_bytes, reverse=True)[:TOP_N]
        peak = max((u.used_bytes for u in top), default=0)
        for i, (name, bar, amount) in enumerate(self.top_rows):
            u = top[i] if i < len(top) else None
            for w in (name, bar, amount):
                w.setVisible(u is not None)
            if u is None:
                continue
            name.setText(u.name)
            name.setToolTip(state_label(u.state))
            bar.setValue(int(1000 * u.used_bytes / peak) if peak else 0)
            limit = f" / {human_bytes(u.limit_bytes)}" if u.limit_bytes else ""
            amount.setText(human_bytes(u.used_bytes) + limit)
        self.top_box.setVisible(bool(top))

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
