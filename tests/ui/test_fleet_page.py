"""The All servers page over in-memory servers, one of them unreachable: rows, totals, and the actions
across servers (add one person to several servers, disable one person everywhere)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from mtpm_desktop.remote.errors import Unreachable
from mtpm_desktop.ui.demo_backend import DemoBackend
from mtpm_desktop.ui.fleet_model import FleetCol
from mtpm_desktop.ui.window import MainWindow
from tests.ui.helpers import demo_controller, ensure_app_names

pytestmark = pytest.mark.ui


@pytest.fixture
def backends() -> dict[str, DemoBackend]:
    down = DemoBackend("gamma", users=1)
    down.fail_with = Unreachable("gamma.example:22 refused the connection: is sshd running on port 22?")
    return {
        "alpha": DemoBackend("alpha", users=4),
        "beta": DemoBackend("beta", users=2, seed=3),
        "gamma": down,
    }


@pytest.fixture
def window(tmp_path: Path, backends: dict[str, DemoBackend], qtbot: QtBot) -> Iterator[MainWindow]:
    ensure_app_names()
    controller = demo_controller(tmp_path, backends)
    w = MainWindow(controller)
    qtbot.addWidget(w)
    w.show()
    controller.refresh_all()
    qtbot.waitUntil(lambda: all(controller.snapshot(n) is not None for n in backends), timeout=10_000)
    yield w
    controller.shutdown()


def cell(w: MainWindow, server: str, col: FleetCol) -> str:
    model = w.fleet.model
    row = next(i for i, r in enumerate(model.rows()) if r.server == server)
    return str(model.data(model.index(row, col)))


def test_one_row_per_server_with_totals(window: MainWindow, backends: dict[str, DemoBackend]) -> None:
    assert window.tabs.tabText(window.tabs.indexOf(window.fleet)) == "All servers"
    assert [r.server for r in window.fleet.model.rows()] == ["alpha", "beta", "gamma"]
    alpha = backends["alpha"].users
    enabled = sum(u.enabled for u in alpha)
    assert cell(window, "alpha", FleetCol.USERS) == f"{enabled} / {len(alpha)}"
    assert cell(window, "beta", FleetCol.STATUS).startswith("Running ")
    assert cell(window, "gamma", FleetCol.STATUS).startswith("unreachable: gamma.example:22 refused")
    assert cell(window, "gamma", FleetCol.USERS) == "—"
    # No backups on the demo servers; no certificate read yet (the page was never shown).
    assert cell(window, "alpha", FleetCol.CERTIFICATE) == "—"
    assert cell(window, "alpha", FleetCol.BACKUP) == "—"
    every = alpha + backends["beta"].users
    totals = window.fleet.totals.text()
    assert totals.startswith("3 servers, 2 reachable")
    assert f"users {sum(u.enabled for u in every)} enabled of {len(every)}" in totals


def test_certificate_days_left_from_each_servers_site_status(
    window: MainWindow, backends: dict[str, DemoBackend], qtbot: QtBot
) -> None:
    expires = datetime.now(UTC) + timedelta(days=30, hours=1)
    site = backends["alpha"].site_status()
    backends["alpha"].site_status = lambda: site | {"not_after": expires.strftime("%Y-%m-%dT%H:%M:%SZ")}  # type: ignore[method-assign]
    window.tabs.setCurrentWidget(window.fleet)  # shown for the first time: every server is asked
    qtbot.waitUntil(lambda: cell(window, "alpha", FleetCol.CERTIFICATE) == "30 days left", timeout=10_000)
    assert cell(window, "beta", FleetCol.CERTIFICATE) == "—"  # no site on beta
    assert cell(window, "gamma", FleetCol.CERTIFICATE) == "—"  # unreachable


def test_add_one_person_to_several_servers_gives_one_link_each(
    window: MainWindow, backends: dict[str, DemoBackend], qtbot: QtBot
) -> None:
    dialog = window.fleet.open_add_dialog()
    qtbot.addWidget(dialog)
    assert not dialog.boxes["gamma"].isChecked()  # unreachable at the last refresh
    dialog.boxes["gamma"].setChecked(True)
    dialog.name_edit.setText("zoya")
    dialog.start()
    assert dialog.run is not None
    with qtbot.waitSignal(dialog.run.finished, timeout=10_000):
        pass
    links = {
        name: next(u.tme_link for u in backends[name].users if u.name == "zoya") for name in ("alpha", "beta")
    }
    assert all(links.values()) and links["alpha"] != links["beta"]
    text = dialog.text.toPlainText()
    assert text.startswith("Proxy links for zoya:")
    assert text.splitlines()[2:] == [f"alpha: {links['alpha']}", f"beta: {links['beta']}"]
    assert "gamma" in dialog.status.text() and "refused" in dialog.status.text()
    dialog.copy_btn.click()
    assert QGuiApplication.clipboard().text() == text


def test_disable_one_person_everywhere(
    window: MainWindow, backends: dict[str, DemoBackend], qtbot: QtBot
) -> None:
    run = window.fleet.switch_everywhere("anna", enabled=False)
    assert run.order == ["alpha", "beta"]  # gamma's last snapshot knows no anna
    with qtbot.waitSignal(run.finished, timeout=10_000):
        pass
    for name in ("alpha", "beta"):
        assert not next(u for u in backends[name].users if u.name == "anna").enabled
    assert "anna is not on: gamma" in window.fleet.log.toPlainText()


def test_last_backup_column_shows_the_newest_automatic_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mtpm_desktop.remote.migrate.local_backups import save_backup
    from mtpm_desktop.remote.ssh.profiles import ServerProfile
    from mtpm_desktop.ui import service_backend
    from mtpm_desktop.ui.fleet_model import FleetModel, FleetRow
    from mtpm_desktop.ui.snapshot import ServerSnapshot

    monkeypatch.setattr("mtpm_desktop.remote.ssh.profiles.app_data_dir", lambda *a, **k: tmp_path)
    backend = service_backend.ServiceBackend(ServerProfile(name="vps1", host="127.0.0.1"))
    assert backend._last_backup_at() is None  # no backup yet: the column says "—"
    now = datetime.now(UTC)
    save_backup(tmp_path, "vps1", b"older", now=now - timedelta(days=2))
    save_backup(tmp_path, "vps1", b"newest", now=now - timedelta(hours=3))
    taken = backend._last_backup_at()
    assert taken is not None and abs(taken - (now - timedelta(hours=3)).timestamp()) < 1
    model = FleetModel()
    model.set_rows([FleetRow.of("vps1", ServerSnapshot(server="vps1", last_backup_at=taken))])
    assert model.data(model.index(0, FleetCol.BACKUP)) == "3 h ago"
