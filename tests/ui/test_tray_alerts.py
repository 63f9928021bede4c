"""Tray and desktop notifications over in-memory demo servers: the window, controller, job queues, tray
notifier and alert centre are the real ones; the demo backend stands in for the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.ui.alert_settings import enabled_kinds
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.demo_backend import DemoBackend
from mtpm_desktop.ui.health_cards import HealthCards
from mtpm_desktop.ui.notifications import TrayNotifier
from mtpm_desktop.ui.snapshot import ServerSnapshot
from mtpm_desktop.ui.window import MainWindow
from tests.ui.helpers import demo_controller, ensure_app_names

pytestmark = pytest.mark.ui


@pytest.fixture
def backends() -> dict[str, DemoBackend]:
    return {"alpha": DemoBackend("alpha", users=3)}


@pytest.fixture
def controller(tmp_path: Path, backends: dict[str, DemoBackend], qtbot: QtBot) -> Iterator[Controller]:
    ensure_app_names()
    c = demo_controller(tmp_path, backends)
    yield c
    c.shutdown()


def _refresh(qtbot: QtBot, controller: Controller, reachable: bool) -> None:
    """One refresh, and every refresh queued before it (the window asks for one when it opens), done."""
    queue = controller.jobs.queue("alpha")
    qtbot.waitUntil(lambda: not queue.is_busy(), timeout=5000)
    with qtbot.waitSignal(controller.snapshot_changed, timeout=5000):
        controller.refresh("alpha")
    qtbot.waitUntil(lambda: not queue.is_busy(), timeout=5000)
    snap = controller.snapshot("alpha")
    assert snap is not None and snap.reachable is reachable


def test_a_server_going_unreachable_notifies_exactly_once(
    qtbot: QtBot, controller: Controller, backends: dict[str, DemoBackend]
) -> None:
    window = MainWindow(controller)
    qtbot.addWidget(window)
    shown: list[tuple[str, str]] = []
    window.tray.notified.connect(lambda title, body: shown.append((title, body)))
    _refresh(qtbot, controller, True)
    # The demo server has a user past 80 % of the quota: that alert comes once, and never again below.
    assert [t for t, _ in shown] == ["alpha: katya at 81 % of the quota"]
    shown.clear()
    assert "alpha: running 3/3" in window.tray.tray.toolTip()

    backends["alpha"].fail_with = MtpmError("Cannot reach 203.0.113.1:22: connection refused.")
    _refresh(qtbot, controller, False)
    _refresh(qtbot, controller, False)  # still down: nothing new
    assert shown == [
        ("alpha is unreachable", "The server does not answer over SSH. Its proxies may still be running.")
    ]
    assert "alpha: unreachable" in window.tray.tray.toolTip()

    # The app restarts while the server is still down: no repeat (the fired keys are on disk).
    again = TrayNotifier(controller)
    repeats: list[str] = []
    again.notified.connect(lambda title, body: repeats.append(title))
    _refresh(qtbot, controller, False)
    assert repeats == []

    # Back, then down again: a new event.
    backends["alpha"].fail_with = None
    _refresh(qtbot, controller, True)
    backends["alpha"].fail_with = MtpmError("Timed out.")
    _refresh(qtbot, controller, False)
    assert [t for t, _ in shown] == ["alpha is unreachable", "alpha is unreachable"]


def test_a_kind_switched_off_in_settings_is_not_notified(
    qtbot: QtBot, controller: Controller, backends: dict[str, DemoBackend]
) -> None:
    window = MainWindow(controller)
    qtbot.addWidget(window)
    shown: list[str] = []
    window.tray.notified.connect(lambda title, body: shown.append(title))
    window.settings_page.alert_settings.boxes["unreachable"].setChecked(False)
    assert "unreachable" not in enabled_kinds() and "quota_80" in enabled_kinds()
    _refresh(qtbot, controller, True)
    backends["alpha"].fail_with = MtpmError("Timed out.")
    _refresh(qtbot, controller, False)
    assert shown == ["alpha: katya at 81 % of the quota"]  # the kinds still on


def test_health_cards_show_values_charts_and_warnings(qtbot: QtBot) -> None:
    cards = HealthCards()
    qtbot.addWidget(cards)
    gib = 1024**3
    health = {
        "cpu_percent": 12.0, "load1": 0.5, "mem_total_bytes": 4 * gib, "mem_used_bytes": 3.8 * gib,
        "disk_total_bytes": 100 * gib, "disk_used_bytes": 95 * gib,
        "net_rx_bps": 2048.0, "net_tx_bps": 1024.0,
        "uptime_s": 90000.0, "docker_ok": True, "proxies_running": 3,
        "warnings": ["disk_over_90", "memory_under_10_free"],
    }  # fmt: skip
    points = [
        {"t": f"2025-06-01T{h:02d}:00:00Z", "cpu_percent": 10.0 + h, "mem_used_bytes": h,
         "disk_used_bytes": h, "net_rx_bytes": h, "net_tx_bytes": h}
        for h in range(5)
    ]  # fmt: skip
    cards.show_snapshot(ServerSnapshot(server="alpha", health=health, health_history=points))
    assert cards.cpu.value.text() == "12 %, load 0.50"
    assert cards.disk.value.text().endswith("(95 %)")
    assert cards.cpu.chart.values == [10.0, 11.0, 12.0, 13.0, 14.0]
    assert cards.network.chart.values == [0.0, 2.0, 4.0, 6.0, 8.0]
    assert "Up 1 d 1 h" in cards.status.text() and "3 proxies running" in cards.status.text()
    assert not cards.warnings.isHidden()
    assert "more than 90 % full" in cards.warnings.text() and "memory is free" in cards.warnings.text()
    cards.grab()  # paints the charts
    health["warnings"] = []
    cards.show_snapshot(ServerSnapshot(server="alpha", health=health, health_history=points))
    assert cards.warnings.isHidden()
