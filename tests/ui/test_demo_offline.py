"""`mtpm-desktop --demo` never touches the network: every connect outside loopback fails the test.

The window is driven the way a visitor would try the demo: every page, the chart and the logs, a link
check, Add user, Test connection on a new server, Set up server, and the self-refresh that moves the live
rate. Loopback (Qt or a test helper talking to itself) and Unix sockets are allowed.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from mtpm_desktop.ui.app import DEMO_REFRESH_MS, start_controller
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.window import MainWindow
from tests.ui.helpers import ensure_app_names

pytestmark = pytest.mark.ui


def _local(address: Any) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    host = str(address[0])
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a name: resolving and dialing it is what must not happen


@pytest.fixture
def dials(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every non-loopback connect attempt, each refused with an AssertionError on the spot."""
    attempts: list[Any] = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guard(address: Any) -> None:
        if not _local(address):
            attempts.append(address)
            raise AssertionError(f"--demo dialled {address!r}")

    def connect(self: socket.socket, address: Any) -> None:
        guard(address)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        guard(address)
        return real_connect_ex(self, address)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        guard(address)
        raise AssertionError("create_connection in --demo")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return attempts


@pytest.fixture
def demo(tmp_path: Path, qtbot: QtBot, dials: list[Any]) -> Iterator[tuple[Controller, MainWindow]]:
    ensure_app_names()
    controller = start_controller(demo=True, folder=str(tmp_path / "demo"))
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    controller.refresh_all()
    yield controller, window
    controller.shutdown()


def test_the_guard_catches_a_real_dial(dials: list[Any]) -> None:
    with pytest.raises(AssertionError):
        socket.socket().connect(("203.0.113.10", 22))
    assert dials == [("203.0.113.10", 22)]


def test_demo_opens_no_socket(qtbot: QtBot, demo: tuple[Controller, MainWindow], dials: list[Any]) -> None:
    controller, window = demo
    qtbot.waitUntil(lambda: window.users.model.rowCount() == 12, timeout=5000)

    # Every page, with the chart and the logs filled.
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
    window.traffic.load_history()
    qtbot.waitUntil(lambda: window.traffic.shown_seq == window.traffic._load_seq > 0, timeout=5000)
    window.logs.load()
    qtbot.waitUntil(lambda: bool(window.logs.lines), timeout=5000)

    # Link checks, Add user, the QR code.
    window.users.check_all()
    qtbot.waitUntil(lambda: any(u.check_result for u in controller.snapshot("demo-1").users), timeout=5000)  # type: ignore[union-attr]
    window.users.add_user("visitor")
    qtbot.waitUntil(lambda: window.users.model.rowCount() == 13, timeout=5000)
    qr = window.users.open_qr(window.users.model.user_at(0))  # type: ignore[arg-type]
    qr.close()

    # Test connection for a new server, then save it: it becomes one more in-memory server.
    dlg = window.add_server()
    dlg.name_edit.setText("my-vps")
    dlg.host_edit.setText("198.51.100.7")
    dlg.run_test()
    qtbot.waitUntil(lambda: dlg.tested_ok, timeout=5000)
    assert "demo" in dlg.result_label.text()
    dlg.accept()
    qtbot.waitUntil(lambda: "my-vps" in controller.servers(), timeout=5000)
    edit = window.edit_server()
    assert edit is not None
    edit.run_test()
    qtbot.waitUntil(lambda: edit.tested_ok, timeout=5000)
    edit.reject()

    # Set up server walks every step and adds the first user.
    window.select_server("my-vps")
    wizard = window.setup_server()
    assert wizard is not None
    with qtbot.waitSignal(wizard.run_finished, timeout=10000) as finished:  # type: ignore[attr-defined]
        wizard.start()  # type: ignore[attr-defined]
    assert finished.args == [True]
    assert wizard.link and wizard.link.startswith("https://t.me/proxy?")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: [u.name for u in controller.snapshot("my-vps").users] == ["user1"], timeout=5000)  # type: ignore[union-attr]
    wizard.close()
    assert dials == []


def test_demo_refreshes_itself_so_the_live_rate_moves(
    qtbot: QtBot, demo: tuple[Controller, MainWindow], dials: list[Any]
) -> None:
    controller, window = demo
    assert controller._timer.isActive() and controller._timer.interval() == DEMO_REFRESH_MS
    controller.start_auto_refresh(50)  # the same timer, faster, so the test need not wait 5 s
    window.tabs.setCurrentWidget(window.traffic)
    qtbot.waitUntil(lambda: window.traffic.rate_bps is not None and window.traffic.rate_bps > 0, timeout=5000)
    assert "measuring" not in window.traffic.rate_label.text()
    assert dials == []
