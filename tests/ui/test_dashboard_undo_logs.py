"""Dashboard figures, undoable Delete / Reset counters, and the Logs page's search by user name."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from mtpm_desktop.ui import confirm, undo
from mtpm_desktop.ui.confirm import destructive_box
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.demo_backend import GB, DemoBackend
from mtpm_desktop.ui.window import MainWindow
from tests.ui.helpers import open_window, running_controller

pytestmark = pytest.mark.ui


class RecordingBackend(DemoBackend):
    """The demo server, noting every delete and counter reset that reaches it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.calls: list[tuple[str, str | None]] = []

    def remove_user(self, user_id: str, progress: Any) -> None:
        self.calls.append(("remove", user_id))
        super().remove_user(user_id, progress)

    def reset_counters(self, user_id: str | None, progress: Any) -> None:
        self.calls.append(("reset", user_id))
        super().reset_counters(user_id, progress)


@pytest.fixture
def backends() -> dict[str, DemoBackend]:
    return {"alpha": RecordingBackend("alpha", users=12), "empty": DemoBackend("empty", users=0)}


@pytest.fixture
def controller(tmp_path: Path, backends: dict[str, DemoBackend], qtbot: QtBot) -> Iterator[Controller]:
    with running_controller(tmp_path, backends) as c:
        yield c


@pytest.fixture
def window(controller: Controller, qtbot: QtBot) -> MainWindow:
    return open_window(qtbot, controller)


def refresh(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.controller.snapshot_changed, timeout=5000):
        window.refresh_current()


# -- dashboard ---------------------------------------------------------------------------------------
def test_dashboard_counts_12_users_with_2_disabled(
    qtbot: QtBot, window: MainWindow, backends: dict[str, DemoBackend]
) -> None:
    users = backends["alpha"].users
    for u in users:
        u.enabled, u.state = True, "running"
    for u in users[:2]:
        u.enabled, u.state = False, "disabled"
    soon = datetime.now(UTC) + timedelta(days=3)
    users[2].expires_at = soon.strftime("%Y-%m-%dT%H:%M:%SZ")
    users[3].used_bytes, users[3].limit_bytes, users[3].throttled = 60 * GB, 50 * GB, True
    refresh(qtbot, window)
    d = window.dashboard
    assert d.users_value.text() == "12 users, 10 enabled"
    assert d.card_expiring.value.text() == "1" and users[2].name in d.card_expiring.detail.text()
    assert int(d.card_over.value.text()) == sum(
        1 for u in users if u.limit_bytes and u.used_bytes >= u.limit_bytes
    )
    assert int(d.card_throttled.value.text()) == sum(1 for u in users if u.throttled)
    assert "up" in d.card_traffic.detail.text() and "down" in d.card_traffic.detail.text()
    top_name, top_bar, _amount = d.top_rows[0]
    assert top_name.text() == max(users, key=lambda u: u.used_bytes).name and top_bar.value() == 1000
    assert not d.empty_box.isVisible() and d.health_cards.parentWidget() is d.health_box


def test_dashboard_counts_who_is_online_and_their_devices(
    qtbot: QtBot, window: MainWindow, backends: dict[str, DemoBackend]
) -> None:
    users = backends["alpha"].users
    for u in users:
        u.online, u.devices_now = False, 0
    users[0].online, users[0].devices_now = True, 2
    users[1].online, users[1].devices_now = True, 1
    refresh(qtbot, window)
    card = window.dashboard.card_online
    assert card.value.text() == "2"
    assert card.detail.text().startswith("3 device(s): ")
    assert users[0].name in card.detail.text() and users[1].name in card.detail.text()


def test_dashboard_first_run_says_what_to_do(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.dashboard)
    window.select_server("empty")
    d = window.dashboard
    qtbot.waitUntil(lambda: d.snap is not None and d.snap.server == "empty", timeout=5000)
    assert d.empty_box.isVisible() and "Add the first user" in d.empty_btn.text()
    assert d.users_value.text() == "0 users, 0 enabled"


# -- destructive actions -----------------------------------------------------------------------------
def test_destructive_questions_name_the_action_and_default_to_cancel(qtbot: QtBot) -> None:
    box, do = destructive_box(None, "Delete users", "Delete anna?", "Delete anna")
    qtbot.addWidget(box)
    assert do.text() == "Delete anna"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert box.escapeButton() is box.button(QMessageBox.StandardButton.Cancel)


def test_delete_user_and_remove_server_ask_with_the_action_named(
    qtbot: QtBot, window: MainWindow, backends: dict[str, DemoBackend], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answer = [False]

    def fake(parent: object, title: str, text: str, action: str) -> bool:
        asked.append(action)
        return answer[0]

    monkeypatch.setattr(confirm, "confirm_destructive", fake)
    victim = window.users.model.user_at(0)
    assert victim is not None
    window.users.select_user(victim.id)
    assert window.users.remove_selected() is None  # Cancel: nothing waits, nothing is hidden
    assert asked == [f"Delete {victim.name}"] and window.users.model.row_of(victim.id) >= 0
    window.select_server("empty")
    window.remove_server()
    assert asked[-1] == "Remove empty" and "empty" in window.controller.servers()
    answer[0] = True
    window.remove_server()
    assert "empty" not in window.controller.servers()
    assert window.last_status == "empty removed from the list"


def test_undo_of_delete_within_the_window_leaves_the_server_unchanged(
    qtbot: QtBot, window: MainWindow, backends: dict[str, DemoBackend], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(undo, "UNDO_SECONDS", 0.3)
    backend = backends["alpha"]
    assert isinstance(backend, RecordingBackend)
    page = window.users
    victim = page.model.user_at(0)
    assert victim is not None
    page.select_user(victim.id)
    action = page.remove_selected(confirm_first=False)
    assert action is not None
    assert page.model.row_of(victim.id) < 0  # hidden while it waits
    assert window.undo_bar.isVisible() and victim.name in window.undo_bar.label.text()
    with qtbot.waitSignal(window.controller.pending.done) as blocker:
        window.undo_bar.undo_btn.click()
    assert blocker.args == [action, False]
    assert page.model.row_of(victim.id) >= 0 and not window.undo_bar.isVisible()
    assert (
        window.controller.pending.actions == [] and not window.controller.pending._timers
    )  # nothing left to fire
    refresh(qtbot, window)  # a round trip to the server: it still has the user, and never saw a delete
    assert backend.calls == [] and any(u.id == victim.id for u in backend.users)


def test_delete_runs_through_the_queue_when_the_window_closes(
    qtbot: QtBot, window: MainWindow, backends: dict[str, DemoBackend], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(undo, "UNDO_SECONDS", 0.2)
    backend = backends["alpha"]
    assert isinstance(backend, RecordingBackend)
    victim = window.users.model.user_at(1)
    assert victim is not None
    window.users.select_user(victim.id)
    window.users.remove_selected(confirm_first=False)
    assert backend.calls == []  # nothing before the window closes
    qtbot.waitUntil(lambda: window.last_status == f"User {victim.name} deleted", timeout=5000)
    assert backend.calls == [("remove", victim.id)]
    assert all(u.id != victim.id for u in backend.users)


def test_a_waiting_delete_is_carried_out_at_exit(
    qtbot: QtBot, window: MainWindow, backends: dict[str, DemoBackend]
) -> None:
    backend = backends["alpha"]
    assert isinstance(backend, RecordingBackend)
    victim = window.users.model.user_at(2)
    assert victim is not None
    window.users.select_user(victim.id)
    window.users.remove_selected(confirm_first=False)  # the full 10 s undo window
    window.controller.finish_pending()  # what shutdown does: run it now and let the queue finish
    assert backend.calls == [("remove", victim.id)]


def test_reset_counters_waits_and_can_be_undone(
    qtbot: QtBot, window: MainWindow, backends: dict[str, DemoBackend], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(undo, "UNDO_SECONDS", 0.2)
    backend = backends["alpha"]
    assert isinstance(backend, RecordingBackend)
    before = [u.used_bytes for u in backend.users]
    window.settings_page.reset_counters(ask=False)
    window.controller.pending.undo()
    refresh(qtbot, window)
    # Not reset (the demo server only adds traffic between looks).
    assert backend.calls == [] and all(u.used_bytes >= b for u, b in zip(backend.users, before, strict=True))
    window.settings_page.reset_counters(ask=False)
    qtbot.waitUntil(lambda: backend.calls == [("reset", None)], timeout=5000)


# -- logs --------------------------------------------------------------------------------------------
def test_log_search_by_user_name_finds_that_users_lines(qtbot: QtBot, window: MainWindow) -> None:
    page = window.logs
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: len(page.lines) > 10, timeout=5000)
    name = window.users.model.user_at(0).name  # type: ignore[union-attr]
    page.search.setText(name)
    shown = page.text.toPlainText().splitlines()
    assert shown and all(f"[{name}" in ln for ln in shown)
    assert all(ln[:4].isdigit() and ln[4] == "-" for ln in shown)  # dated
    assert page.text.font().family() == QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    page.search.setText("no-such-user-anywhere")
    assert page.stack.currentWidget() is page.empty_label and "No matching lines" in page.empty_label.text()
    assert not page.copy_btn.isEnabled()


def test_log_copy_and_save(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    page = window.logs
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: len(page.lines) > 10, timeout=5000)
    page.copy_shown()
    assert QGuiApplication.clipboard().text().splitlines() == page.lines
    page.save_to(str(tmp_path / "x.log"))
    assert (tmp_path / "x.log").read_text(encoding="utf-8").splitlines() == page.lines
    assert window.last_status.startswith("Log saved to")
