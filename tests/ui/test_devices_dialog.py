"""Users → Devices…: one user's client IPs, asked of the server when the dialog opens and on Refresh, kept
nowhere on this computer. First against the fixture sshd's real agent and a real FakeTLS client, then the
dialog's own summary and order on a demo server."""

from __future__ import annotations

import socket
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from mtpm_desktop.core.faketls import build_client_hello, complete_reply
from mtpm_desktop.remote.agent_client import Device
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.demo_backend import DemoBackend
from mtpm_desktop.ui.dlg_devices import DevicesDialog
from mtpm_desktop.ui.window import MainWindow
from tests.fixtures.ports import free_port
from tests.ui.helpers import demo_controller, ensure_app_names
from tests.ui.test_window_integration import controller, open_on_fixture_server, rows, secret_of  # noqa: F401

CLIENT_IP = "127.0.0.77"  # Docker's userland proxy keeps the source: the agent sees this address


def _hold_faketls(port: int, secret: str) -> socket.socket:
    """A FakeTLS handshake from CLIENT_IP with the user's secret; the connection is kept open."""
    raw = bytes.fromhex(secret)
    key, domain = raw[1:17], raw[17:].decode()
    deadline = time.monotonic() + 30
    while True:
        sock = socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(CLIENT_IP, 0))
        sock.sendall(build_client_hello(key, domain, int(time.time())).data)
        buf = b""
        try:
            while complete_reply(buf) is None:
                chunk = sock.recv(65536)
                if not chunk:
                    raise ConnectionResetError("closed during the handshake")
                buf += chunk
            return sock
        except OSError:  # the new proxy is not listening yet
            sock.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _rows(dlg: DevicesDialog) -> list[tuple[str, str]]:
    table = dlg.table
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


@pytest.mark.integration
def test_devices_come_from_the_servers_agent_and_stay_out_of_local_files(
    qtbot: QtBot,
    controller: Controller,  # noqa: F811
    tmp_path: Path,
    remote_data_dir: Path,
    server_profile: Any,  # the fixture sshd, saved among the app's servers
) -> None:
    window = open_on_fixture_server(qtbot, controller)
    window.users.add_user("anna", free_port(), None)
    qtbot.waitUntil(lambda: [u.name for u in rows(window)] == ["anna"], timeout=120000)
    anna = rows(window)[0]
    client = _hold_faketls(anna.port, secret_of(anna.tg_link))
    try:
        controller.backend("fixture-sshd").service().agent.reload()  # the agent polls now
        dlg = window.users.open_devices(anna)
        qtbot.addWidget(dlg)

        def seen() -> bool:
            if (CLIENT_IP, "connections: 1") in _rows(dlg):
                return True
            if dlg.refresh_btn.isEnabled():  # the last answer came before the agent's poll: ask again
                dlg.refresh_btn.click()
            return False

        qtbot.waitUntil(seen, timeout=60000)
        assert dlg.summary.text().startswith("Devices connected now: 1 (no limit)"), dlg.summary.text()
    finally:
        client.close()
    # The refresh after the dialog stored counts only: no client address in the app's files (its snapshot
    # cache and its data folder; the server's own files, which do hold it, are elsewhere).
    controller.refresh("fixture-sshd")
    qtbot.waitUntil(lambda: not any(q.is_busy() for q in controller.jobs.queues()), timeout=60000)
    files = [p for d in (tmp_path / "cache", remote_data_dir) for p in d.rglob("*") if p.is_file()]
    assert any(p.suffix == ".json" for p in files), files
    assert not [p for p in files if CLIENT_IP.encode() in p.read_bytes()]


@pytest.mark.ui
def test_the_dialog_says_how_many_places_are_used_and_lists_connected_devices_first(
    qtbot: QtBot, tmp_path: Path
) -> None:
    ensure_app_names()
    c = demo_controller(tmp_path, {"alpha": DemoBackend("alpha")})
    try:
        window = MainWindow(c)
        qtbot.addWidget(window)
        window.select_server("alpha")
        c.refresh("alpha")
        qtbot.waitUntil(lambda: window.users.model.rowCount() > 0, timeout=10000)
        window.users.table.selectRow(0)
        assert window.users.act_devices.isEnabled()
        window.users.show_devices()
        dlg = window.users.last_dialog
        assert isinstance(dlg, DevicesDialog)
        user = window.users.model.user_at(0)
        assert user is not None
        qtbot.waitUntil(lambda: dlg.table.rowCount() == user.devices_30d, timeout=10000)

        now = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
        two_hours = (now - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
        dlg.max_devices = 3
        dlg.show_devices(
            [
                Device("198.51.100.7", now.strftime("%Y-%m-%dT%H:%M:%SZ"), 2),
                Device("2001:db8::1", two_hours, 0),
            ],
            now=now,
        )
        assert dlg.summary.text() == "Devices connected now: 1 of 3 allowed; in the last 30 days: 2."
        assert _rows(dlg) == [("198.51.100.7", "connections: 2"), ("2001:db8::1", "")]
        assert dlg.table.item(1, 2).text() == "2 h ago"
    finally:
        c.shutdown()
