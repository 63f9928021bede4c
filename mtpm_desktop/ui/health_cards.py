"""The Dashboard's server health: CPU, memory, disk and network cards, each with the last day as a small
chart, plus uptime, Docker and the agent's warnings (disk over 90 %, memory under 10 % free)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from mtpm_desktop.remote.monitor.health import warning_text
from mtpm_desktop.ui.fmt import human_bytes
from mtpm_desktop.ui.i18n import localize
from mtpm_desktop.ui.snapshot import ServerSnapshot


class Sparkline(QWidget):
    """A line over the values (None = no reading that hour), scaled to their own range."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[float | None] = []
        self.setMinimumHeight(36)
        self.setMinimumWidth(80)

    def set_values(self, values: Sequence[float | None]) -> None:
        self.values = list(values)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        known = [v for v in self.values if v is not None]
        if len(known) < 2:
            return
        low, high = min(known), max(known)
        span = (high - low) or 1.0
        w, h = self.width() - 2, self.height() - 4
        step = w / max(1, len(self.values) - 1)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(self.palette().highlight().color()), 1.5))
        line = QPolygonF()
        for i, v in enumerate(self.values):
            if v is None:
                continue
            line.append(QPointF(1 + i * step, 2 + h - (v - low) / span * h))
        painter.drawPolyline(line)
        painter.end()


class HealthCard(QFrame):
    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.title = QLabel(title)
        self.value = QLabel("—")
        self.value.setObjectName(name + "Value")
        self.value.setWordWrap(True)  # long figures and translations wrap in narrow windows
        font = self.value.font()
        font.setBold(True)
        self.value.setFont(font)
        self.chart = Sparkline()
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.chart, 1)


def _series(points: list[dict[str, Any]], *keys: str) -> list[float | None]:
    out: list[float | None] = []
    for p in points:
        values = [p.get(k) for k in keys]
        out.append(None if any(v is None for v in values) else sum(float(v) for v in values if v is not None))
    return out


class HealthCards(QWidget):
    """Fed the selected server's snapshot by the Dashboard (`show_snapshot`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("healthCards")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.cpu = HealthCard(self.tr("CPU"), "healthCpu")
        self.memory = HealthCard(self.tr("Memory"), "healthMemory")
        self.disk = HealthCard(self.tr("Disk"), "healthDisk")
        self.network = HealthCard(self.tr("Network"), "healthNetwork")
        for col, card in enumerate((self.cpu, self.memory, self.disk, self.network)):
            grid.addWidget(card, 0, col)
        self.status = QLabel()
        self.status.setObjectName("healthStatus")
        self.status.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("healthWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #c62828; font-weight: bold")
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(self.status, 1, 0, 1, 4)
        grid.addWidget(self.warnings, 2, 0, 1, 4)
        self.show_snapshot(None)

    def _of(self, used: int, total: int) -> str:
        share = f"{100 * used / total:.0f} %" if total else "—"
        return self.tr("{used} of {total} ({share})").format(
            used=human_bytes(used), total=human_bytes(total), share=share
        )

    def show_snapshot(self, snap: ServerSnapshot | None) -> None:
        h = snap.health if snap is not None else None
        points = snap.health_history if snap is not None else []
        if not h:
            for card in (self.cpu, self.memory, self.disk, self.network):
                card.value.setText("—")
                card.chart.set_values([])
            self.status.setText(self.tr("No health data yet (the server's agent measures it)."))
            self.warnings.setVisible(False)
            return
        self.cpu.value.setText(
            self.tr("{cpu:.0f} %, load {load:.2f}").format(cpu=h["cpu_percent"], load=h["load1"])
        )
        self.memory.value.setText(self._of(h["mem_used_bytes"], h["mem_total_bytes"]))
        self.disk.value.setText(self._of(h["disk_used_bytes"], h["disk_total_bytes"]))
        self.network.value.setText(
            self.tr("in {rx}/s, out {tx}/s").format(
                rx=human_bytes(int(h["net_rx_bps"])), tx=human_bytes(int(h["net_tx_bps"]))
            )
        )
        self.cpu.chart.set_values(_series(points, "cpu_percent"))
        self.memory.chart.set_values(_series(points, "mem_used_bytes"))
        self.disk.chart.set_values(_series(points, "disk_used_bytes"))
        self.network.chart.set_values(_series(points, "net_rx_bytes", "net_tx_bytes"))
        days, rest = divmod(int(h["uptime_s"]), 86400)
        docker = self.tr("Docker answers") if h["docker_ok"] else self.tr("Docker does not answer")
        self.status.setText(
            self.tr("Up {days} d {hours} h · {docker} · {running} proxies running").format(
                days=days, hours=rest // 3600, docker=docker, running=h["proxies_running"]
            )
        )
        texts = [localize(warning_text(code)) for code in h.get("warnings") or []]
        self.warnings.setText("\n".join(texts))
        self.warnings.setVisible(bool(texts))
