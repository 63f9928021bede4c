"""Traffic: QtCharts of one user or all users over a day, week or month from the agent's history.

The chart shows cumulative traffic over the range, so the user's limit is a horizontal line the curve
runs into. The live rate comes from the difference of two snapshots' counters.
"""

from __future__ import annotations

import time
from itertools import accumulate

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mtpm_desktop.ui.backend import HistoryPoint
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.fmt import human_bytes, human_rate
from mtpm_desktop.ui.page_base import Page

RANGES = {"day": (86400, "hour"), "week": (7 * 86400, "hour"), "month": (31 * 86400, "day")}
GB = 1024**3


class TrafficPage(Page):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("trafficPage")
        self.points: list[HistoryPoint] = []
        self._prev_total: dict[str, tuple[float, int]] = {}
        self.rate_bps: float | None = None

        self.user_combo = QComboBox()
        self.user_combo.setObjectName("trafficUser")
        self.range_combo = QComboBox()
        self.range_combo.setObjectName("trafficRange")
        self.range_combo.addItem(self.tr("Day"), "day")
        self.range_combo.addItem(self.tr("Week"), "week")
        self.range_combo.addItem(self.tr("Month"), "month")
        self.reload_btn = QPushButton(self.tr("Load"))
        self.reload_btn.clicked.connect(self.load_history)
        self.user_combo.activated.connect(lambda _i: self.load_history())
        self.range_combo.activated.connect(lambda _i: self.load_history())
        self.rate_label = QLabel()
        self.rate_label.setObjectName("rateLabel")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("User:")))
        top.addWidget(self.user_combo, 1)
        top.addWidget(QLabel(self.tr("Range:")))
        top.addWidget(self.range_combo)
        top.addWidget(self.reload_btn)
        top.addStretch(1)
        top.addWidget(self.rate_label)

        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.series = QLineSeries()
        self.series.setName(self.tr("Traffic (cumulative)"))
        self.limit_series = QLineSeries()
        self.limit_series.setName(self.tr("Limit"))
        pen = QPen(QColor("#c62828"))
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setWidth(2)
        self.limit_series.setPen(pen)
        self.chart.addSeries(self.series)
        self.chart.addSeries(self.limit_series)
        self.x_axis = QDateTimeAxis()
        self.x_axis.setFormat("dd.MM HH:mm")
        self.y_axis = QValueAxis()
        self.y_axis.setTitleText(self.tr("MB"))
        self.y_axis.setLabelFormat("%.0f")
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        for s in (self.series, self.limit_series):
            s.attachAxis(self.x_axis)
            s.attachAxis(self.y_axis)
        self.view = QChartView(self.chart)
        self.view.setObjectName("trafficChart")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.status = QLabel()
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self._theme_chart()

    def _theme_chart(self) -> None:
        dark = self.palette().color(self.backgroundRole()).lightness() < 128
        self.chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
        pen = QPen(QColor("#c62828"))
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setWidth(2)
        self.limit_series.setPen(pen)

    def refresh_view(self) -> None:
        snap = self.snap
        current = self.user_combo.currentData()
        self.user_combo.blockSignals(True)
        self.user_combo.clear()
        self.user_combo.addItem(self.tr("All users"), None)
        for u in sorted(snap.users if snap else [], key=lambda u: u.name.casefold()):
            self.user_combo.addItem(u.name, u.id)
        idx = self.user_combo.findData(current)
        self.user_combo.setCurrentIndex(max(0, idx))
        self.user_combo.blockSignals(False)
        self.reload_btn.setEnabled(self.editable())
        self._update_rate()

    def _update_rate(self) -> None:
        snap = self.snap
        if snap is None or self.server is None or not snap.reachable:
            self.rate_label.setText("")
            return
        prev = self._prev_total.get(self.server)
        now = (snap.taken_at, snap.used_bytes)
        if prev is not None and now[0] > prev[0] and now[1] >= prev[1]:
            self.rate_bps = (now[1] - prev[1]) / (now[0] - prev[0])
        if prev is None or now[0] > prev[0]:
            self._prev_total[self.server] = now
        if self.rate_bps is not None:
            self.rate_label.setText(self.tr("Live rate: {rate}").format(rate=human_rate(self.rate_bps)))
        else:
            self.rate_label.setText(self.tr("Live rate: measuring…"))

    def load_history(self) -> None:
        if self.server is None:
            return
        span, step = RANGES[str(self.range_combo.currentData())]
        uid = self.user_combo.currentData()
        until = time.time()
        since = until - span
        self.status.setText(self.tr("Loading history…"))
        self.controller.run(
            self.server,
            self.tr("Traffic history"),
            lambda b, p: b.history(uid, since, until, step),
            lambda pts: self.show_points(pts, since, until),
            refresh_after=False,
        )

    def show_points(self, points: list[HistoryPoint], since: float, until: float) -> None:
        self.points = list(points)
        totals = list(accumulate(p.up + p.down for p in self.points))
        self.series.clear()
        for p, total in zip(self.points, totals, strict=True):
            self.series.append(p.at * 1000.0, total / 1024**2)
        limit_mb = self._limit_mb()
        self.limit_series.clear()
        if limit_mb is not None:
            self.limit_series.append(since * 1000.0, limit_mb)
            self.limit_series.append(until * 1000.0, limit_mb)
        self.x_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(since * 1000)), QDateTime.fromMSecsSinceEpoch(int(until * 1000))
        )
        top = max([totals[-1] / 1024**2 if totals else 0.0, limit_mb or 0.0, 1.0])
        self.y_axis.setRange(0, top * 1.1)
        total = totals[-1] if totals else 0
        self.status.setText(
            self.tr("{n} buckets, {total} in this range").format(n=len(self.points), total=human_bytes(total))
        )

    def _limit_mb(self) -> float | None:
        uid = self.user_combo.currentData()
        if self.snap is None or uid is None:
            return None
        u = self.snap.user(uid)
        if u is None or u.limit_bytes <= 0:
            return None
        return u.limit_bytes / 1024**2
