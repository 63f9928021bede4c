"""Users page: Add user ends in Share, status-bar confirmations, the table's columns, menu and hints."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QScrollBar
from pytestqt.qtbot import QtBot

from mtpm_desktop.ui.backend import NewUser
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.demo_backend import GB, DemoBackend
from mtpm_desktop.ui.dlg_user import AddUserDialog, end_of_month
from mtpm_desktop.ui.models import Col
from mtpm_desktop.ui.page_users import UsersPage
from mtpm_desktop.ui.window import MainWindow
from tests.ui.helpers import open_window, running_controller

pytestmark = pytest.mark.ui


@pytest.fixture
def backends() -> dict[str, DemoBackend]:
    return {"alpha": DemoBackend("alpha", users=4), "empty": DemoBackend("empty", users=0)}


@pytest.fixture
def controller(tmp_path: Path, backends: dict[str, DemoBackend], qtbot: QtBot) -> Iterator[Controller]:
    with running_controller(tmp_path, backends) as c:
        yield c


@pytest.fixture
def window(controller: Controller, qtbot: QtBot) -> MainWindow:
    w = open_window(qtbot, controller)
    w.tabs.setCurrentWidget(w.users)
    return w


def iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_add_user_opens_share_with_the_new_user_selected(
    qtbot: QtBot, window: MainWindow, backends: dict[str, DemoBackend]
) -> None:
    page = window.users
    expires = iso(datetime.now(UTC) + timedelta(days=30))
    page.add_user("zoe", None, None, NewUser(limit_gb=20, throttle_mbps=2, expires_at=expires))
    qtbot.waitUntil(lambda: page.share_dialog is not None and page.share_dialog.isVisible(), timeout=5000)
    dlg = page.share_dialog
    assert dlg is not None
    current = page.current_user()
    assert current is not None and current.name == "zoe"
    assert [u.name for u in page.selected_users()] == ["zoe"]
    server_user = next(u for u in backends["alpha"].users if u.name == "zoe")
    assert (server_user.limit_gb, server_user.throttle_mbps, server_user.expires_at) == (20, 2, expires)
    assert dlg.tme_edit.text() == current.tme_link and dlg.tg_edit.text() == current.tg_link
    assert current.tme_link in dlg.invitation.toPlainText() and "Add proxy" in dlg.invitation.toPlainText()
    assert not dlg.picture.pixmap().isNull()
    assert window.last_status == "User zoe added"
    with qtbot.waitSignal(dlg.copied):
        dlg.copy_tme_btn.click()
    assert QGuiApplication.clipboard().text() == current.tme_link
    assert dlg.copy_tme_btn.text() == "Copied ✓"
    assert window.last_status == "t.me link for zoe copied"
    dlg.copy_invitation_btn.click()
    assert QGuiApplication.clipboard().text() == dlg.invitation.toPlainText()
    dlg.close()


def test_add_user_dialog_takes_limit_throttle_and_expiry_presets(qtbot: QtBot) -> None:
    dlg = AddUserDialog()
    qtbot.addWidget(dlg)
    dlg.name_edit.setText("anna")
    assert dlg.extra() == NewUser()  # server defaults, no expiry
    dlg.limit_spin.setValue(30)
    dlg.throttle_spin.setValue(1.5)
    now = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)
    dlg.apply_preset("7d", now)
    assert dlg.extra().expires_at == "2026-02-17T12:00:00Z"
    dlg.apply_preset("30d", now)
    assert dlg.extra().expires_at == "2026-03-12T12:00:00Z"
    dlg.apply_preset("month", now)
    assert dlg.extra().expires_at == "2026-02-28T23:59:00Z" == iso(end_of_month(now))
    assert dlg.extra().limit_gb == 30 and dlg.extra().throttle_mbps == 1.5


def test_copy_and_check_confirm_in_the_status_bar(qtbot: QtBot, window: MainWindow) -> None:
    page = window.users
    first = page.model.user_at(0)
    assert first is not None
    page.select_user(first.id)
    page.copy_link("tme")
    assert QGuiApplication.clipboard().text() == first.tme_link
    assert window.statusBar().currentMessage() == f"t.me link for {first.name} copied"
    enabled = [u for u in page.model.users() if u.enabled]
    with qtbot.waitSignal(window.controller.status, timeout=5000):
        page.check_all()
    assert window.last_status == f"{len(enabled)}/{len(enabled)} links accepted"


def test_disabled_users_are_not_checked_and_say_so(qtbot: QtBot, window: MainWindow) -> None:
    page = window.users
    m = page.model
    with qtbot.waitSignal(window.controller.status, timeout=5000):
        page.check_all()
    qtbot.waitUntil(lambda: all(u.check_result for u in m.users() if u.enabled), timeout=5000)
    disabled = next(u for u in m.users() if not u.enabled)
    assert m.data(m.index(m.row_of(disabled.id), Col.CHECK)) == "disabled, not checked"
    assert not disabled.check_result


def test_expiry_is_a_countdown_red_under_three_days(qtbot: QtBot, window: MainWindow) -> None:
    m = window.users.model
    users = m.users()
    now = datetime.now(UTC)
    users[0].expires_at = iso(now + timedelta(days=5, hours=1))
    users[1].expires_at = iso(now - timedelta(days=2, hours=1))
    users[2].expires_at = iso(now + timedelta(days=1, hours=1))
    m.set_users(users)

    def cell(u: object, role: int = 0) -> object:
        return m.data(m.index(m.row_of(u.id), Col.EXPIRES), role)  # type: ignore[attr-defined]

    assert cell(users[0]) == "in 5 d" and cell(users[0], 9) is None  # 9 = ForegroundRole
    assert cell(users[1]) == "expired 2 d ago" and cell(users[1], 9) is not None
    assert cell(users[2]) == "in 1 d" and cell(users[2], 9).name() == "#c62828"  # type: ignore[union-attr]


def test_context_menu_offers_only_what_applies(qtbot: QtBot, window: MainWindow) -> None:
    page = window.users
    enabled = next(u for u in page.model.users() if u.enabled)
    page.select_user(enabled.id)
    texts = [a.text() for a in page.context_menu().actions() if not a.isSeparator()]
    assert "Disable" in texts and "Enable" not in texts
    for wanted in ("Reset traffic…", "Traffic history", "Show logs", "Share…", "Delete"):
        assert wanted in texts
    disabled = next(u for u in page.model.users() if not u.enabled)
    page.select_user(disabled.id)
    texts = [a.text() for a in page.context_menu().actions() if not a.isSeparator()]
    assert "Enable" in texts and "Disable" not in texts
    page.act_logs.trigger()
    assert window.tabs.currentWidget() is window.logs
    assert window.logs.user_combo.currentData() == disabled.id


def test_columns_can_be_hidden_and_the_choice_is_remembered(
    qtbot: QtBot, window: MainWindow, controller: Controller
) -> None:
    page = window.users
    page.set_column_visible(Col.CREATED, False)
    assert page.table.isColumnHidden(Col.CREATED)
    menu = page.columns_menu()
    assert not next(a for a in menu.actions() if a.text() == "Created").isChecked()
    again = UsersPage(controller)
    qtbot.addWidget(again)
    assert again.table.isColumnHidden(Col.CREATED) and not again.table.isColumnHidden(Col.NAME)
    page.set_column_visible(Col.CREATED, True)
    assert QSettings().value("users/hidden_columns") in ([], None, "")


def test_empty_table_hint(qtbot: QtBot, window: MainWindow) -> None:
    page = window.users
    page.filter_edit.setText("nobody-has-this-name")
    assert page.stack.currentWidget() is page.empty_hint and "No user matches" in page.empty_hint.text()
    page.filter_edit.clear()
    assert page.stack.currentWidget() is page.table
    window.select_server("empty")
    qtbot.waitUntil(lambda: page.snap is not None and page.snap.server == "empty", timeout=5000)
    assert page.stack.currentWidget() is page.empty_hint and "Add user" in page.empty_hint.text()


@pytest.mark.parametrize("width", [1366, 1920])
def test_table_fits_without_scrollbar_or_a_huge_last_column(
    qtbot: QtBot, window: MainWindow, backends: dict[str, DemoBackend], width: int
) -> None:
    a = backends["alpha"]
    u = a.users[0]
    u.expires_at = iso(datetime.now(UTC) + timedelta(days=12))
    u.used_bytes, u.throttled = int(51.4 * GB), True
    window.refresh_current()
    with qtbot.waitSignal(window.users.controller.status, timeout=5000):
        window.users.check_all()
    window.resize(width, 768 if width == 1366 else 1000)
    page = window.users
    header = page.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() > 0 and window.width() == width)
    bar: QScrollBar = page.table.horizontalScrollBar()
    assert not bar.isVisible() or bar.maximum() == 0
    m = page.model
    shown = [col for col in Col if not page.table.isColumnHidden(col)]
    assert {Col.NAME, Col.ONLINE, Col.LAST_SEEN, Col.DEVICES, Col.TRAFFIC, Col.EXPIRES, Col.CHECK} <= set(
        shown
    )
    for col in shown:
        need = max(page.table.sizeHintForColumn(col), header.sectionSizeHint(col))
        assert header.sectionSize(col) >= need - 1, (col.name, header.sectionSize(col), need)
    assert header.sectionSize(Col.CHECK) < 400
    assert all("\n" not in str(m.data(m.index(r, Col.CHECK))) for r in range(m.rowCount()))
