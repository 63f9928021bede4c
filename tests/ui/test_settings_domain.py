"""Settings page: a new server domain is checked in DNS before it is applied, and switching per-user
subdomains lists whose links change first; both go through only after a yes (demo backend)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from mtpm_desktop.ui.demo_backend import DemoBackend
from mtpm_desktop.ui.window import MainWindow
from tests.ui.helpers import open_window, running_controller

pytestmark = pytest.mark.ui


@pytest.fixture
def backend() -> DemoBackend:
    return DemoBackend("alpha", users=2)


@pytest.fixture
def window(tmp_path: Path, backend: DemoBackend, qtbot: QtBot) -> Iterator[MainWindow]:
    with running_controller(tmp_path, {"alpha": backend}) as controller:
        w = open_window(qtbot, controller)
        w.tabs.setCurrentWidget(w.settings_page)
        yield w


def _answer(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(*args: Any) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_missing_dns_record_is_shown_and_no_means_nothing_applied(
    qtbot: QtBot, window: MainWindow, backend: DemoBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    problem = "Add an A record proxy.example.org -> 203.0.113.7 at your DNS provider."
    monkeypatch.setattr(backend, "domain_problems", lambda domain, wildcard: [problem])
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    page = window.settings_page
    page.server_domain.setText("proxy.example.org")
    page.apply()
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert problem in asked[0]
    assert backend.settings.get("server_domain") != "proxy.example.org"


def test_subdomains_switch_lists_the_users_then_applies_after_yes(
    qtbot: QtBot, window: MainWindow, backend: DemoBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend.settings["server_domain"] = "proxy.example.org"
    window.refresh_current()
    qtbot.waitUntil(lambda: window.settings_page.server_domain.text() == "proxy.example.org", timeout=5000)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    page = window.settings_page
    page.subdomains.setChecked(True)
    assert page.changes() == {"user_subdomains": True}
    page.apply()
    qtbot.waitUntil(lambda: backend.settings.get("user_subdomains") is True, timeout=5000)
    assert len(asked) == 1 and all(u.name in asked[0] for u in backend.users)


def test_the_domain_sentence_opens_the_guide_at_its_section(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QLabel

    from mtpm_desktop.ui.dlg_help import HelpDialog

    why = window.settings_page.findChild(QLabel, "domainWhy")
    assert why is not None and 'href="guide"' in why.text()
    why.linkActivated.emit("guide")
    dlg = next(d for d in window.findChildren(HelpDialog) if d.isVisible())
    qtbot.addWidget(dlg)
    assert dlg.browser.textCursor().selectedText() == "Your own domain"
    dlg.close()
