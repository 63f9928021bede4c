"""The Traffic page: round byte ticks, aligned time ticks, the quota-period line against the limit, the
top-users view, hover values, the empty state, and ranges that reload as they are chosen."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.demo_backend import DemoBackend
from mtpm_desktop.ui.fmt import human_bytes
from mtpm_desktop.ui.models import Col
from mtpm_desktop.ui.page_traffic import TrafficPage
from mtpm_desktop.ui.window import MainWindow
from tests.ui.helpers import demo_controller, ensure_app_names

pytestmark = pytest.mark.ui
GB = 1024**3


@pytest.fixture
def backend() -> DemoBackend:
    b = DemoBackend("alpha", users=6)
    over = b.users[0]  # the case: 51.4 of 50 GB in this period, throttled
    over.used_bytes, over.limit_bytes, over.throttled = int(51.4 * GB), 50 * GB, True
    return b


@pytest.fixture
def window(tmp_path: Path, backend: DemoBackend, qtbot: QtBot) -> Iterator[MainWindow]:
    ensure_app_names()
    controller: Controller = demo_controller(tmp_path, {"alpha": backend})
    w = MainWindow(controller)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.users.model.rowCount() == 6, timeout=5000)
    yield w
    controller.shutdown()


def choose(qtbot: QtBot, page: TrafficPage, user_id: str | None, range_key: str = "week") -> None:
    """Pick a user and a range as the admin does; each choice reloads by itself."""
    asked = page._load_seq
    page.user_combo.setCurrentIndex(page.user_combo.findData(user_id))
    page.range_combo.setCurrentIndex(page.range_combo.findData(range_key))
    if page._load_seq == asked:  # already chosen: as shown
        page.load_history()
    qtbot.waitUntil(lambda: page.shown_seq == page._load_seq, timeout=5000)


def test_limit_line_and_curve_use_the_quota_period_total_the_table_shows(
    qtbot: QtBot, window: MainWindow, backend: DemoBackend
) -> None:
    over = backend.users[0]
    page = window.traffic
    window.tabs.setCurrentWidget(page)
    choose(qtbot, page, over.id, "day")
    # The table's figure for this user...
    m = window.users.model
    row = next(r for r in range(m.rowCount()) if m.user_at(r).id == over.id)  # type: ignore[union-attr]
    table_used = m.user_at(row).used_bytes  # type: ignore[union-attr]
    assert str(m.data(m.index(row, Col.TRAFFIC))).startswith(human_bytes(table_used))
    # ... is where the chart's curve ends, above the limit line it crossed.
    last = page.series.at(page.series.count() - 1)
    assert last.y() == pytest.approx(table_used)
    assert page.limit_series.at(0).y() == pytest.approx(50 * GB)
    assert last.y() > page.limit_series.at(0).y()
    # The buckets only say when: the curve starts at what was used before them (not at 0, as a sum over
    # the range would).
    loaded = page.loaded
    assert loaded is not None
    in_range = sum(b.total for b in loaded.buckets if b.at >= loaded.since - 3600)
    assert page.series.at(0).y() == pytest.approx(max(0, table_used - in_range), rel=1e-6, abs=1)


def test_tick_labels_for_a_300_gb_range_are_round_gb_values(
    qtbot: QtBot, window: MainWindow, backend: DemoBackend
) -> None:
    for u in backend.users:
        u.used_bytes, u.throttled = 50 * GB, True  # 6 x 50 = 300 GB this period (throttled: no growth)
    backend.settings["quota_period"] = {"kind": "lifetime"}  # one period: the top of the range is 300 GB
    window.refresh_current()
    qtbot.waitUntil(lambda: window.controller.snapshot("alpha").used_bytes == 300 * GB, timeout=5000)  # type: ignore[union-attr]
    page = window.traffic
    window.tabs.setCurrentWidget(page)
    choose(qtbot, page, None, "month")
    labels = page.y_axis.categoriesLabels()
    assert labels[0] == "0 GB" and len(labels) >= 4
    values = [int(m.group(1)) for lbl in labels if (m := re.fullmatch(r"(\d+) GB", lbl))]
    assert len(values) == len(labels), labels  # every label a whole number of GB
    steps = {b - a for a, b in itertools.pairwise(values)}
    assert len(steps) == 1 and steps.pop() in (50, 100)
    assert values[-1] == 300


def test_time_ticks_are_midnights_on_the_week_range(qtbot: QtBot, window: MainWindow) -> None:
    page = window.traffic
    window.tabs.setCurrentWidget(page)
    choose(qtbot, page, None, "week")
    labels = page.x_axis.categoriesLabels()
    assert len(labels) == 7
    assert not any(":" in lbl for lbl in labels)  # dates, not times counted from now
    assert page.loaded is not None and page.loaded.step == "hour"
    assert page.bar_axis.titleText() == "per hour"


def test_changing_the_range_reloads_and_there_is_no_load_button(qtbot: QtBot, window: MainWindow) -> None:
    page = window.traffic
    window.tabs.setCurrentWidget(page)
    assert not [b for b in page.findChildren(QPushButton) if b.text() == "Load"]
    choose(qtbot, page, None, "day")
    assert page.loaded is not None and page.loaded.until - page.loaded.since == pytest.approx(86400, abs=5)
    choose(qtbot, page, None, "year")
    assert page.loaded.step == "day" and page.loaded.until - page.loaded.since == pytest.approx(
        365 * 86400, abs=5
    )
    assert len(page.x_axis.categoriesLabels()) >= 4
    page.range_combo.setCurrentIndex(page.range_combo.findData("custom"))
    assert page.from_date.isVisibleTo(page)
    page.from_date.setDate(page.to_date.date().addDays(-400))
    qtbot.waitUntil(lambda: page.shown_seq == page._load_seq, timeout=5000)
    assert page.loaded.until - page.loaded.since > 399 * 86400


def test_download_upload_split_with_values_on_hover(
    qtbot: QtBot, window: MainWindow, backend: DemoBackend
) -> None:
    page = window.traffic
    window.tabs.setCurrentWidget(page)
    choose(qtbot, page, backend.users[1].id, "day")
    assert [a.name() for a in page.bar_areas] == ["Download", "Upload"]
    bucket = max(page.loaded.buckets, key=lambda b: b.total)  # type: ignore[union-attr]
    text = page.hover_text(bucket.at + 60)
    assert human_bytes(bucket.down) in text and human_bytes(bucket.up) in text
    assert page.hover_text(0) == ""


def test_top_users_stacked_view_for_the_server(
    qtbot: QtBot, window: MainWindow, backend: DemoBackend
) -> None:
    page = window.traffic
    window.tabs.setCurrentWidget(page)
    choose(qtbot, page, None, "week")
    page.view_combo.setCurrentIndex(page.view_combo.findData("top"))
    qtbot.waitUntil(lambda: len(page.bar_areas) == 6, timeout=5000)
    names = [a.name() for a in page.bar_areas]
    top = sorted((u for u in backend.users if u.used_bytes > 0), key=lambda u: -u.used_bytes)[:5]
    assert names == [u.name for u in top] + ["Others"]
    # A single user has no top-N view.
    page.user_combo.setCurrentIndex(page.user_combo.findData(backend.users[2].id))
    assert not page.view_combo.isEnabled()


def test_a_user_without_history_shows_the_empty_state(
    qtbot: QtBot, window: MainWindow, backend: DemoBackend
) -> None:
    new_id = backend.add_user("newcomer", None, None, lambda _s: None)
    backend.set_enabled(new_id, False, lambda _s: None)  # so the demo adds no traffic to it meanwhile
    window.refresh_current()
    page = window.traffic
    qtbot.waitUntil(lambda: page.user_combo.findData(new_id) >= 0, timeout=5000)
    window.tabs.setCurrentWidget(page)
    choose(qtbot, page, new_id, "month")
    assert page.stack.currentWidget() is page.empty_label
    assert page.empty_label.text() == "No history yet"


def test_live_rate_says_whose_rate_it_is(qtbot: QtBot, window: MainWindow, backend: DemoBackend) -> None:
    page = window.traffic
    window.tabs.setCurrentWidget(page)
    assert page.rate_label.text().startswith("Live rate of the server")
    choose(qtbot, page, backend.users[1].id, "day")
    assert page.rate_label.text().startswith(f"Live rate of {backend.users[1].name}")


def test_russian_numbers_have_a_decimal_comma() -> None:
    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.Russian))
        assert human_bytes(1.5 * GB).startswith("1,5 ")
        QLocale.setDefault(QLocale(QLocale.Language.English))
        assert human_bytes(1.5 * GB) == "1.5 GB"
    finally:
        QLocale.setDefault(before)
