"""Traffic: bars per hour or day (download and upload, or the top users stacked) and the quota-period line.

QtCharts draws it (see docs/architecture.md for why not pyqtgraph). Axes are `QCategoryAxis` so that the
page decides where every tick goes: round byte values in one unit (ui/chart_axes.py) and times on whole
hours, midnights, Mondays or first days of months. The cumulative line counts bytes in the quota period and
ends at the figure the Users table shows (ui/chart_data.py), so the limit line and the curve compare the
same thing. The live rate is the difference of two snapshots' counters, the server's or the selected user's.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import QAreaSeries, QCategoryAxis, QChart, QChartView, QLineSeries
from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QPointF, Qt, QTime, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.ui import chart_axes
from mtpm_desktop.ui.backend import HistoryPoint, Progress, ServerBackend
from mtpm_desktop.ui.chart_data import Bucket, cumulative_in_period, has_traffic, period_start, quota_period
from mtpm_desktop.ui.chart_data import top_users as rank_users
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.fmt import human_bytes, human_rate, locale_number, unit_label
from mtpm_desktop.ui.page_base import Page

DAY = 86400
RANGES = {"day": DAY, "week": 7 * DAY, "month": 31 * DAY, "year": 365 * DAY}
KEPT_DAYS = 430  # the agent keeps 400+ days of history; the custom range reaches back that far
TOP_N = 5
DOWN_COLOR, UP_COLOR, LINE_COLOR, LIMIT_COLOR = "#1e88e5", "#fb8c00", "#43a047", "#c62828"
STACK_COLORS = ["#1e88e5", "#fb8c00", "#8e24aa", "#00897b", "#f4511e", "#9e9e9e"]


@dataclass
class Loaded:
    """One history answer: the range asked for and the buckets, per stacked layer."""

    since: float
    until: float
    step: str
    buckets: list[Bucket]  # the whole selection (one user or the server)
    layers: list[tuple[str, list[Bucket]]]  # top-N view: (label, buckets) bottom to top; else empty


def _buckets(points: Sequence[HistoryPoint]) -> list[Bucket]:
    return [Bucket(p.at, int(p.up), int(p.down)) for p in points]


class ChartView(QChartView):
    """Reports the x value under the mouse so the page can show the bucket there."""

    hovered = Signal(float, object)  # x value (epoch seconds), global position (QPoint)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        value = self.chart().mapToValue(event.position())
        self.hovered.emit(float(value.x()), event.globalPosition().toPoint())
        super().mouseMoveEvent(event)


class TrafficPage(Page):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("trafficPage")
        self.points: list[HistoryPoint] = []
        self.loaded: Loaded | None = None
        self._prev_total: dict[tuple[str, str], tuple[float, int]] = {}
        self.rate_bps: float | None = None
        self._load_seq = 0  # loads asked for; an answer to an older one is dropped
        self.shown_seq = 0  # the load whose answer is on screen

        self.user_combo = QComboBox()
        self.user_combo.setObjectName("trafficUser")
        self.range_combo = QComboBox()
        self.range_combo.setObjectName("trafficRange")
        for label, key in (
            (self.tr("Day"), "day"),
            (self.tr("Week"), "week"),
            (self.tr("Month"), "month"),
            (self.tr("Year"), "year"),
            (self.tr("Custom"), "custom"),
        ):
            self.range_combo.addItem(label, key)
        self.view_combo = QComboBox()
        self.view_combo.setObjectName("trafficView")
        self.view_combo.addItem(self.tr("Download / upload"), "split")
        self.view_combo.addItem(self.tr("Top {n} users").format(n=TOP_N), "top")
        self.view_combo.setToolTip(self.tr("The top users view stacks the busiest users of the server"))
        today = QDate.currentDate()
        self.from_date = QDateEdit(today.addDays(-7))
        self.to_date = QDateEdit(today)
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDateRange(today.addDays(-KEPT_DAYS), today)
            edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
            edit.dateChanged.connect(lambda _d: self.load_history())
        self.from_label = QLabel(self.tr("From:"))
        self.to_label = QLabel(self.tr("to:"))
        # Every choice reloads at once: there is no Load button to forget.
        self.user_combo.currentIndexChanged.connect(lambda _i: self._selection_changed())
        self.range_combo.currentIndexChanged.connect(lambda _i: self._range_changed())
        self.view_combo.currentIndexChanged.connect(lambda _i: self.load_history())
        self.rate_label = QLabel()
        self.rate_label.setObjectName("rateLabel")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("User:")))
        top.addWidget(self.user_combo, 1)
        top.addWidget(QLabel(self.tr("Range:")))
        top.addWidget(self.range_combo)
        top.addWidget(self.from_label)
        top.addWidget(self.from_date)
        top.addWidget(self.to_label)
        top.addWidget(self.to_date)
        top.addWidget(self.view_combo)
        top.addStretch(1)
        top.addWidget(self.rate_label)

        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.x_axis = QCategoryAxis()
        self.y_axis = QCategoryAxis()  # left: bytes used in the quota period, and the limit
        self.bar_axis = QCategoryAxis()  # right: bytes per bucket
        for axis in (self.x_axis, self.y_axis, self.bar_axis):
            axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.bar_axis.setGridLineVisible(False)
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(self.bar_axis, Qt.AlignmentFlag.AlignRight)

        self.bar_areas: list[QAreaSeries] = []
        self.series = QLineSeries()  # the quota-period line
        self.series.setName(self.tr("Used in the quota period"))
        self.limit_series = QLineSeries()
        self.limit_series.setName(self.tr("Limit"))
        for s in (self.series, self.limit_series):
            self.chart.addSeries(s)
            s.attachAxis(self.x_axis)
            s.attachAxis(self.y_axis)

        self.view = ChartView(self.chart)
        self.view.setObjectName("trafficChart")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMouseTracking(True)
        self.view.hovered.connect(self._hovered)
        self.empty_label = QLabel(self.tr("No history yet"))
        self.empty_label.setObjectName("trafficEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)
        self.status = QLabel()
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self._range_changed(load=False)
        self._theme_chart()

    # -- looks ------------------------------------------------------------------------------------------
    def _theme_chart(self) -> None:
        dark = self.palette().color(self.backgroundRole()).lightness() < 128
        self.chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
        line = QPen(QColor(LINE_COLOR))
        line.setWidth(2)
        self.series.setPen(line)
        limit = QPen(QColor(LIMIT_COLOR))
        limit.setStyle(Qt.PenStyle.DashLine)
        limit.setWidth(2)
        self.limit_series.setPen(limit)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # View → Theme switched: the chart follows
            self._theme_chart()
        super().changeEvent(event)

    # -- choices ----------------------------------------------------------------------------------------
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
        self.view_combo.setEnabled(self.user_combo.currentData() is None)
        self._update_rate()

    def _selection_changed(self) -> None:
        self.view_combo.setEnabled(self.user_combo.currentData() is None)
        self._update_rate()
        self.load_history()

    def _range_changed(self, load: bool = True) -> None:
        custom = self.range_combo.currentData() == "custom"
        for w in (self.from_label, self.from_date, self.to_label, self.to_date):
            w.setVisible(custom)
        if load:
            self.load_history()

    def time_range(self, now: float | None = None) -> tuple[float, float]:
        """The chosen range in epoch seconds (a custom one: its first day's 00:00 to its last's end)."""
        now = time.time() if now is None else now
        key = str(self.range_combo.currentData())
        if key != "custom":
            return now - RANGES[key], now
        first, last = sorted((self.from_date.date(), self.to_date.date()))
        since = QDateTime(first, QTime(0, 0)).toSecsSinceEpoch()
        until = QDateTime(last.addDays(1), QTime(0, 0)).toSecsSinceEpoch()
        return float(since), float(min(until, now))

    # -- live rate ----------------------------------------------------------------------------------------
    def _update_rate(self) -> None:
        snap = self.snap
        if snap is None or self.server is None or not snap.reachable:
            self.rate_label.setText("")
            return
        uid = self.user_combo.currentData()
        user = snap.user(uid) if uid else None
        used = user.used_bytes if user is not None else snap.used_bytes
        key = (self.server, str(uid or ""))
        prev = self._prev_total.get(key)
        now = (snap.taken_at, used)
        self.rate_bps = None
        if prev is not None and now[0] > prev[0] and now[1] >= prev[1]:
            self.rate_bps = (now[1] - prev[1]) / (now[0] - prev[0])
        if prev is None or now[0] > prev[0]:
            self._prev_total[key] = now
        who = (
            self.tr("Live rate of {user}").format(user=user.name)
            if user is not None
            else self.tr("Live rate of the server")
        )
        if self.rate_bps is not None:
            self.rate_label.setText(self.tr("{who}: {rate}").format(who=who, rate=human_rate(self.rate_bps)))
        else:
            self.rate_label.setText(self.tr("{who}: measuring…").format(who=who))

    # -- loading ------------------------------------------------------------------------------------------
    def load_history(self) -> None:
        if self.server is None:
            return
        since, until = self.time_range()
        step = chart_axes.bucket_step(until - since)
        uid = self.user_combo.currentData()
        period = quota_period(self.snap.settings if self.snap else {})
        # From the start of the quota period the range begins in, so that period's line starts from 0.
        fetch_since = min(since, period_start(period, since) or since)
        top_ids: list[str] = []
        if uid is None and self.view_combo.currentData() == "top" and self.snap is not None:
            top_ids = rank_users({u.id: u.used_bytes for u in self.snap.users}, TOP_N)
        names = {u.id: u.name for u in self.snap.users} if self.snap else {}
        self._load_seq += 1
        seq = self._load_seq
        self.status.setText(self.tr("Loading history…"))

        def fetch(b: ServerBackend, _p: Progress) -> Loaded:
            total = _buckets(b.history(uid, fetch_since, until, step))
            layers = [(names.get(i, i), _buckets(b.history(i, fetch_since, until, step))) for i in top_ids]
            return Loaded(since, until, step, total, layers)

        def done(result: Loaded) -> None:
            if seq == self._load_seq:  # a later choice supersedes this answer
                self.shown_seq = seq
                self.show_loaded(result)

        self.controller.run(self.server, self.tr("Traffic history"), fetch, done, refresh_after=False)

    def show_points(self, points: list[HistoryPoint], since: float, until: float) -> None:
        """Draw `points` (one selection's buckets) for the range, as a load would."""
        step = chart_axes.bucket_step(until - since)
        self.show_loaded(Loaded(since, until, step, _buckets(points), []))

    # -- drawing ------------------------------------------------------------------------------------------
    def show_loaded(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.points = [HistoryPoint(b.at, b.up, b.down) for b in loaded.buckets]
        width = chart_axes.bucket_seconds(loaded.step)
        visible = [b for b in loaded.buckets if b.at + width > loaded.since]
        if not has_traffic(visible) and self._used_now() == 0:
            self.stack.setCurrentWidget(self.empty_label)
            self.series.clear()
            self.limit_series.clear()
            self._set_bars([])
            self.status.setText(self.tr("No history yet"))
            return
        self.stack.setCurrentWidget(self.view)

        # Bars: download then upload, or one layer per top user plus "Others".
        if loaded.layers:
            layers = self._top_layers(loaded, visible)
        else:
            layers = [
                (self.tr("Download"), DOWN_COLOR, [(b.at, b.down) for b in visible]),
                (self.tr("Upload"), UP_COLOR, [(b.at, b.up) for b in visible]),
            ]
        self._set_bars(layers, width)

        # The quota-period line, anchored to the table's figure, and the limit line.
        period = quota_period(self.snap.settings if self.snap else {})
        now = min(loaded.until, time.time())
        line = cumulative_in_period(loaded.buckets, width, self._used_now(), period, now)
        self.series.replace([QPointF(t, v) for t, v in line if t >= loaded.since - width])
        limit = self._limit_bytes()
        self.limit_series.clear()
        self.limit_series.setVisible(limit is not None)  # and so its legend entry
        if limit is not None:
            self.limit_series.append(loaded.since, limit)
            self.limit_series.append(loaded.until, limit)

        peak_line = max([v for _t, v in line] + [float(limit or 0), 1.0])
        self._set_byte_axis(self.y_axis, chart_axes.byte_ticks(peak_line))
        # Every layer lists the visible buckets in the same order: a column's height is the sum at its index.
        stacked = [
            sum(column) for column in zip(*([v for _at, v in vals] for _l, _c, vals in layers), strict=True)
        ]
        self._set_byte_axis(self.bar_axis, chart_axes.byte_ticks(max([*stacked, 1])))
        self.bar_axis.setTitleText(self.tr("per hour") if loaded.step == "hour" else self.tr("per day"))
        self._set_time_axis(loaded.since, loaded.until)
        total = sum(b.total for b in visible)
        self.status.setText(
            self.tr("{total} in this range; {used} in the quota period").format(
                total=human_bytes(total), used=human_bytes(self._used_now())
            )
        )

    def _top_layers(
        self, loaded: Loaded, visible: list[Bucket]
    ) -> list[tuple[str, str, list[tuple[float, int]]]]:
        out: list[tuple[str, str, list[tuple[float, int]]]] = []
        shown: dict[float, int] = {}
        for i, (label, buckets) in enumerate(loaded.layers):
            by_at = {b.at: b.total for b in buckets}
            vals = [(b.at, by_at.get(b.at, 0)) for b in visible]
            for at, v in vals:
                shown[at] = shown.get(at, 0) + v
            out.append((label, STACK_COLORS[i % (len(STACK_COLORS) - 1)], vals))
        others = [(b.at, max(0, b.total - shown.get(b.at, 0))) for b in visible]
        out.append((self.tr("Others"), STACK_COLORS[-1], others))
        return out

    def _set_bars(self, layers: list[tuple[str, str, list[tuple[float, int]]]], width: float = 1.0) -> None:
        for area in self.bar_areas:
            self.chart.removeSeries(area)
        self.bar_areas = []
        gap = width * 0.12
        below: list[float] | None = None
        for label, color, vals in layers:
            tops = [float(v) for _at, v in vals]
            if below is not None:
                tops = [t + b for t, b in zip(tops, below, strict=True)]
            upper = QLineSeries()
            lower = QLineSeries() if below is not None else None
            for j, (at, _v) in enumerate(vals):
                x0, x1 = at + gap, at + width - gap
                upper.append([QPointF(x0, 0), QPointF(x0, tops[j]), QPointF(x1, tops[j]), QPointF(x1, 0)])
                if lower is not None and below is not None:
                    base = below[j]
                    lower.append([QPointF(x0, 0), QPointF(x0, base), QPointF(x1, base), QPointF(x1, 0)])
            area = QAreaSeries(upper, lower) if lower is not None else QAreaSeries(upper)
            for edge in (upper, lower):
                if edge is not None:
                    edge.setParent(area)  # freed with the area when the next load replaces it
            area.setName(label)
            area.setBrush(QBrush(QColor(color)))
            area.setPen(QPen(Qt.PenStyle.NoPen))
            self.chart.addSeries(area)
            area.attachAxis(self.x_axis)
            area.attachAxis(self.bar_axis)
            self.bar_areas.append(area)
            below = tops
        # The lines go over the bars: a series added later is drawn on top.
        for line in (self.series, self.limit_series):
            self.chart.removeSeries(line)
            self.chart.addSeries(line)
            line.attachAxis(self.x_axis)
            line.attachAxis(self.y_axis)

    def _set_byte_axis(self, axis: QCategoryAxis, ticks: chart_axes.ByteTicks) -> None:
        for label in axis.categoriesLabels():
            axis.remove(label)
        axis.setStartValue(0)
        for v in ticks.values:
            axis.append(f"{locale_number(v, ticks.decimals)} {unit_label(ticks.unit)}", v * ticks.divisor)
        axis.setRange(0, ticks.top)

    def _set_time_axis(self, since: float, until: float) -> None:
        for label in self.x_axis.categoriesLabels():
            self.x_axis.remove(label)
        self.x_axis.setStartValue(since)
        loc = QLocale()
        formats = {"time": "HH:mm", "date": "d MMM"}
        used: set[str] = set()
        for tick in chart_axes.time_ticks(since, until):
            dt = QDateTime.fromSecsSinceEpoch(int(tick.at))
            if tick.kind == "month":  # the nominative ("май 2026"), not the genitive "MMM" gives in Russian
                day = dt.date()
                label = f"{loc.standaloneMonthName(day.month(), QLocale.FormatType.ShortFormat)} {day.year()}"
            else:
                label = loc.toString(dt, formats[tick.kind])
            if label in used:  # category labels must be unique (a 24 h range can show 12:00 twice)
                label = loc.toString(dt, "d MMM HH:mm")
            used.add(label)
            self.x_axis.append(label, tick.at)
        self.x_axis.setRange(since, until)

    # -- numbers the chart is about -----------------------------------------------------------------------
    def _used_now(self) -> int:
        """The quota-period total the Users table shows: the user's, or the sum of the server's users."""
        if self.snap is None:
            return 0
        uid = self.user_combo.currentData()
        if uid is None:
            return self.snap.used_bytes
        u = self.snap.user(uid)
        return u.used_bytes if u is not None else 0

    def _limit_bytes(self) -> int | None:
        uid = self.user_combo.currentData()
        if self.snap is None or uid is None:
            return None
        u = self.snap.user(uid)
        if u is None or u.limit_bytes <= 0:
            return None
        return u.limit_bytes

    def hover_text(self, at: float) -> str:
        """What the tooltip says for the bucket under x = `at` (epoch seconds); "" outside every bucket."""
        if self.loaded is None:
            return ""
        width = chart_axes.bucket_seconds(self.loaded.step)
        bucket = next((b for b in self.loaded.buckets if b.at <= at < b.at + width), None)
        if bucket is None:
            return ""
        fmt = "d MMM yyyy HH:mm" if self.loaded.step == "hour" else "d MMM yyyy"
        when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(bucket.at)), fmt)
        lines = [
            when,
            self.tr("Download: {n}").format(n=human_bytes(bucket.down)),
            self.tr("Upload: {n}").format(n=human_bytes(bucket.up)),
        ]
        for label, buckets in self.loaded.layers:
            mine = next((b.total for b in buckets if b.at == bucket.at), 0)
            if mine:
                lines.append(f"{label}: {human_bytes(mine)}")
        return "\n".join(lines)

    def _hovered(self, at: float, where: object) -> None:
        text = self.hover_text(at)
        if text:
            QToolTip.showText(where, text, self.view)  # type: ignore[arg-type]
        else:
            QToolTip.hideText()
