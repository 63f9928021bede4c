"""`mtpm --all` / `-s a,b,c` end to end: two servers on the fixture sshd (each its own install root, so its
own state), and a third whose address refuses connections."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile
from tests.fixtures.ports import free_port
from tests.fixtures.remote import pin_fixture_host_key
from tests.integration.test_orchestration_cli import Mtpm

pytestmark = pytest.mark.integration


@pytest.fixture
def fleet(sshd_server: Any, remote_data_dir: Path, tmp_path: Path) -> list[str]:
    pin_fixture_host_key(remote_data_dir, sshd_server)
    store = ProfileStore(remote_data_dir)
    on_fixture = ServerProfile(
        name="north",
        host=sshd_server.host,
        port=sshd_server.port,
        user="root",
        auth="key",
        key_path=str(sshd_server.root_key_path),
    )
    for name in ("north", "south"):
        root = tmp_path / f"opt-{name}"
        root.mkdir(mode=0o755)
        store.save(dataclasses.replace(on_fixture, name=name, install_root=str(root)))
    # Nothing listens there: the connection is refused, as for a server that is down.
    store.save(dataclasses.replace(on_fixture, name="blocked", host="127.0.0.1", port=free_port()))
    return ["north", "south", "blocked"]


def test_all_servers_answer_but_the_unreachable_one(fleet: list[str], remote_data_dir: Path) -> None:
    cli = Mtpm(remote_data_dir, "no-proxy-is-started:here")  # status and user list start no container
    # Each server its own state: a setting on one does not show on the other.
    cli.run("-s", "north", "settings", "set", "server_ip", "127.0.0.1")

    proc = cli.run("--all", "status", "--json", ok=False)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    servers = json.loads(proc.stdout)["servers"]
    assert list(servers) == fleet
    assert servers["north"]["summary"] == "Running 0/0"
    assert servers["south"]["summary"] == "Running 0/0"
    assert set(servers["blocked"]) == {"error"}
    assert "127.0.0.1" in servers["blocked"]["error"]
    assert proc.stderr.startswith("mtpm: blocked: ") and proc.stderr.count("\n") == 1

    text = cli.run("status", "--all", ok=False)
    assert text.returncode == 1
    assert "== north ==\nRunning 0/0" in text.stdout and "== south ==\nRunning 0/0" in text.stdout
    assert "== blocked ==\nerror: " in text.stdout

    # Two reachable servers: all good, exit 0, the fleet shape because -s lists several.
    both = cli.json("-s", "north,south", "user", "list")
    assert both == {"servers": {"north": [], "south": []}}
    # One server: today's shape.
    assert cli.json("-s", "south", "user", "list") == []
