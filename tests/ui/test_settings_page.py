"""Settings page: tracked edits, refreshes that keep them, asking before they are lost, a tidy form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mtpm_desktop.ui import confirm
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.demo_backend import DemoBackend
from mtpm_desktop.ui.window import MainWindow
from tests.ui.helpers import open_window, running_controller

pytestmark = pytest.mark.ui


@pytest.fixture
def backends() -> dict[str, DemoBackend]:
    return {"alpha": DemoBackend("alpha", users=3), "beta": DemoBackend("beta", users=2, seed=3)}


@pytest.fixture
def controller(tmp_path: Path, backends: dict[str, DemoBackend], qtbot: QtBot) -> Iterator[Controller]:
    with running_controller(tmp_path, backends) as c:
        yield c


@pytest.fixture
def window(controller: Controller, qtbot: QtBot) -> MainWindow:
    w = open_window(qtbot, controller)
    w.tabs.setCurrentWidget(w.settings_page)
    return w


def refresh(qtbot: QtBot, window: MainWindow, controller: Controller) -> None:
    with qtbot.waitSignal(controller.snapshot_changed, timeout=5000):
        window.refresh_current()


def test_unapplied_edit_survives_a_refresh_and_the_server_change_is_shown(
    qtbot: QtBot, window: MainWindow, controller: Controller, backends: dict[str, DemoBackend]
) -> None:
    page = window.settings_page
    assert not page.apply_btn.isEnabled()  # nothing changed yet
    page.server_domain.setText("proxy.example.org")
    assert page.apply_btn.isEnabled()
    # Meanwhile the server changes: a field the admin did not touch, and the one being edited.
    backends["alpha"].settings["proxy_port"] = 2600
    refresh(qtbot, window, controller)
    assert page.server_domain.text() == "proxy.example.org"  # the edit is kept
    assert page.proxy_port.value() == 2600  # the untouched field follows the server
    assert page.changes() == {"server_domain": "proxy.example.org"}
    assert page.changed_label.isVisible() and "Base port" in page.changed_label.text()
    backends["alpha"].settings["server_domain"] = "other.example.org"
    refresh(qtbot, window, controller)
    assert page.server_domain.text() == "proxy.example.org"
    assert (
        "Server domain" in page.changed_label.text() and "Your values are kept" in page.changed_label.text()
    )
    page.revert()
    assert page.server_domain.text() == "other.example.org" and not page.apply_btn.isEnabled()


def test_apply_is_enabled_only_while_something_differs(qtbot: QtBot, window: MainWindow) -> None:
    page = window.settings_page
    before = page.limit.value()
    page.limit.setValue(before + 5)
    assert page.apply_btn.isEnabled() and page.revert_btn.isEnabled()
    page.limit.setValue(before)  # typed back: nothing to apply
    assert not page.apply_btn.isEnabled()
    page.period.setCurrentIndex(0 if page.period.currentIndex() == 1 else 1)
    assert page.apply_btn.isEnabled() and list(page.changes()) == ["quota_period"]


def test_leaving_with_unapplied_edits_asks_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.settings_page
    page.server_ip.setText("192.0.2.77")
    answers: list[bool] = []
    monkeypatch.setattr(confirm, "confirm_discard", lambda parent: answers.pop(0))
    # Another page, answered Cancel: stays on Settings with the edit.
    answers.append(False)
    window.tabs.setCurrentWidget(window.users)
    assert window.tabs.currentWidget() is page and page.server_ip.text() == "192.0.2.77"
    # Another server, Cancel: the selection goes back.
    answers.append(False)
    window.select_server("beta")
    assert window.current_server() == "alpha" and page.server_ip.text() == "192.0.2.77"
    # Closing the window, Cancel: it stays open.
    answers.append(False)
    window.close()
    assert window.isVisible()
    # Discard: the page is left and the form shows the server's value again.
    answers.append(True)
    window.tabs.setCurrentWidget(window.users)
    assert window.tabs.currentWidget() is window.users
    assert page.server_ip.text() == "203.0.113.10" and not page.has_unapplied()
    assert answers == []


def test_no_question_without_edits(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    def never(parent: object) -> bool:
        raise AssertionError("asked without unapplied edits")

    monkeypatch.setattr(confirm, "confirm_discard", never)
    window.tabs.setCurrentWidget(window.users)
    window.select_server("beta")
    assert window.current_server() == "beta"


def test_form_port443_fields_tooltips_and_aligned_capped_fields(qtbot: QtBot, window: MainWindow) -> None:
    page = window.settings_page
    window.resize(1900, 1000)
    assert not page.port443.isChecked()
    assert not page.sni_port.isEnabled() and not page.decoy.isEnabled()
    page.port443.setChecked(True)
    assert page.sni_port.isEnabled() and page.decoy.isEnabled()
    page.port443.setChecked(False)
    assert not page.sni_port.isEnabled()
    for key, f in page.fields.items():
        assert f.widget.toolTip(), key
        # Capped (a check box is capped by its column: its text is its label).
        assert f.widget.maximumWidth() < 800 or key == "port_443_mode", key
        assert f.widget.width() <= page.column.maximumWidth(), key
    qtbot.waitUntil(lambda: page.server_domain.width() > 0)
    xs = {f.widget.mapTo(page, f.widget.rect().topLeft()).x() for f in page.fields.values() if f.label.text()}
    assert len(xs) == 1, xs  # every group's fields start at the same x
    assert page.column.width() < 1000  # at 1900 px the form does not stretch across the window
    assert (
        "Reconcile makes the server match"
        in page.findChild(type(page.result_label), "reconcileExplained").text()
    )
    # Reset all counters is not next to Apply.
    assert page.reset_btn.parentWidget() is not page.apply_btn.parentWidget() or (
        abs(
            page.reset_btn.mapTo(page, page.reset_btn.rect().topLeft()).y()
            - page.apply_btn.mapTo(page, page.apply_btn.rect().topLeft()).y()
        )
        > 40
    )
