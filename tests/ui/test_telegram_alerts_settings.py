"""Settings → Telegram alerts from the server, driven in the real window against the fixture sshd, its
agent and a fake Bot API on loopback: on, a test message in the admin's language, off; a typo is said
before anything is sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from mtpm_desktop.remote.monitor import telegram_alerts as tg
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.demo_backend import DemoBackend
from mtpm_desktop.ui.window import MainWindow
from tests.fixtures.fake_bot_api import FakeBotApi, fake_bot_api  # noqa: F401
from tests.ui.helpers import demo_controller, ensure_app_names
from tests.ui.test_window_integration import controller, open_on_fixture_server  # noqa: F401

pytestmark = [pytest.mark.ui, pytest.mark.integration]

CHAT = "-100200300"


def test_telegram_alerts_are_set_tested_and_turned_off_from_the_settings_page(
    qtbot: QtBot,
    controller: Controller,  # noqa: F811
    fake_bot_api: FakeBotApi,  # noqa: F811
    server_profile: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_on_fixture_server(qtbot, controller)
    box = window.settings_page.telegram_box
    settings_file = Path(tg.settings_path(server_profile.install_root))
    box.check()
    qtbot.waitUntil(lambda: box.status.text().startswith("Off"), timeout=60000)
    assert not box.test_btn.isEnabled() and not box.off_btn.isEnabled()

    # A typo is said at once, and nothing goes to the server.
    box.token.setText("not-a-token")
    box.chat.setText(CHAT)
    box.on_btn.click()
    assert "not a bot token" in box.status.text()
    assert not settings_file.exists()

    monkeypatch.setenv("MTPM_LANG", "ru")  # the admin's language: the agent's messages come in Russian
    box.token.setText(fake_bot_api.token)
    box.api_base.setText(fake_bot_api.base)
    box.on_btn.click()
    qtbot.waitUntil(lambda: box.status.text().startswith("On"), timeout=60000)
    assert box.status.text() == f"On: chat {CHAT}, language: Русский, via {fake_bot_api.base}."
    assert box.token.text() == ""  # not kept in the window once the server has it
    assert tg.saved_token("fixture-sshd") == fake_bot_api.token
    assert oct(settings_file.stat().st_mode & 0o777) == "0o600"
    assert fake_bot_api.token in settings_file.read_text()

    box.test_btn.click()
    qtbot.waitUntil(lambda: len(fake_bot_api.messages) == 1, timeout=60000)
    (sent,) = fake_bot_api.messages
    assert str(sent["chat_id"]) == CHAT
    assert sent["text"].startswith("fixture-sshd: проверочное сообщение от mtpm"), sent
    qtbot.waitUntil(lambda: box.status.text().startswith("Test message sent"), timeout=10000)

    box.off_btn.click()
    qtbot.waitUntil(lambda: box.status.text().startswith("Off"), timeout=60000)
    assert not settings_file.exists()
    assert tg.saved_token("fixture-sshd") is None
    assert fake_bot_api.token not in "".join(
        p.read_text(errors="replace") for p in Path(server_profile.install_root).rglob("*") if p.is_file()
    )


def test_each_server_has_its_own_alerts_state_in_the_box(qtbot: QtBot, tmp_path: Path) -> None:
    ensure_app_names()
    c = demo_controller(tmp_path, {"alpha": DemoBackend("alpha"), "beta": DemoBackend("beta")})
    try:
        window = MainWindow(c)
        qtbot.addWidget(window)
        window.select_server("alpha")
        box = window.settings_page.telegram_box
        assert not box.on_btn.isEnabled()  # nothing to send yet
        box.token.setText("123456789:AAE" + "x" * 32)
        box.chat.setText("@mtpm_alerts")
        assert box.on_btn.isEnabled()
        box.on_btn.click()
        qtbot.waitUntil(lambda: box.status.text().startswith("On: chat @mtpm_alerts"), timeout=10000)
        assert box.test_btn.isEnabled() and box.off_btn.isEnabled()

        window.select_server("beta")  # another server: nothing of alpha's is shown or offered
        assert box.status.text() == "Not checked yet."
        assert (box.token.text(), box.chat.text()) == ("", "")
        assert not box.test_btn.isEnabled() and not box.off_btn.isEnabled()
        box.check()
        qtbot.waitUntil(lambda: box.status.text().startswith("Off"), timeout=10000)

        window.select_server("alpha")
        box.check()
        qtbot.waitUntil(lambda: box.status.text().startswith("On: chat @mtpm_alerts"), timeout=10000)
        assert box.chat.text() == "@mtpm_alerts"
    finally:
        c.shutdown()
