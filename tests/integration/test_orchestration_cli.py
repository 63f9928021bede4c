"""The `mtpm` CLI end to end: subprocesses against the fixture sshd, real containers of the test engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import zxingcpp

from mtpm_desktop.remote.checks.faketls_probe import LinkStatus
from tests.fixtures.engines import ENGINE_NAME, IMAGE_ENV
from tests.fixtures.ports import free_port
from tests.integration.orchestration_helpers import wait_probe

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]


def _png_pixels(path: Path) -> Any:
    """A grayscale numpy image of a PNG (read with Qt's QImage: no display needed)."""
    from PySide6.QtGui import QImage

    img = QImage(str(path)).convertToFormat(QImage.Format.Format_Grayscale8)
    assert not img.isNull()
    rows = np.frombuffer(img.constBits(), dtype=np.uint8).reshape(img.height(), img.bytesPerLine())
    return rows[:, : img.width()].copy()


class Mtpm:
    def __init__(self, data_dir: Path, image: str) -> None:
        self.env = {
            **os.environ,
            "MTPM_DATA_DIR": str(data_dir),
            "MTPM_ENGINE_MODULES": "tests.fixtures.engines",
            IMAGE_ENV: image,
            "PYTHONPATH": str(REPO),
        }

    def run(self, *args: str, ok: bool = True, stdin: str = "") -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "mtpm_desktop.cli", *args],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            input=stdin,
            timeout=300,
        )
        if ok:
            assert proc.returncode == 0, (args, proc.stdout, proc.stderr)
        return proc

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json").stdout)


def test_server_add_requires_the_host_key(sshd_server: Any, tmp_path: Path, test_images: Any) -> None:
    cli = Mtpm(tmp_path / "data", test_images.proxy)
    base = (
        "server",
        "add",
        "box",
        "--host",
        sshd_server.host,
        "--port",
        str(sshd_server.port),
        "--identity",
        str(sshd_server.root_key_path),
    )
    refused = cli.run(*base, ok=False)
    assert refused.returncode == 1
    assert sshd_server.host_key_fingerprint in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    wrong = cli.run(*base, "--trust-host-key", "SHA256:nope", ok=False)
    assert wrong.returncode == 1
    added = cli.json(*base, "--trust-host-key", sshd_server.host_key_fingerprint)
    assert added["name"] == "box"
    assert [s["name"] for s in cli.json("server", "list")] == ["box"]
    assert cli.json("-s", "box", "status")["summary"] == "Running 0/0"
    cli.run("server", "remove", "box")
    assert cli.json("server", "list") == []


@pytest.fixture
def stop_agent(server_profile: Any, server_session: Any) -> Any:
    """`mtpm reconcile` installs and starts the traffic agent in the test's install root: stop it after."""
    yield
    from mtpm_desktop.remote.agent_client import AgentClient

    AgentClient(server_session, server_profile.install_root).stop()


def test_cli_end_to_end(
    stop_agent: None,
    server_profile: Any,
    remote_data_dir: Path,
    test_images: Any,
    docker_cleanup: Any,
    tmp_path: Path,
) -> None:
    cli = Mtpm(remote_data_dir, test_images.proxy)
    s = ("-s", server_profile.name)
    cli.run(*s, "settings", "set", "engine", ENGINE_NAME)
    docker_cleanup.register_instance(cli.json(*s, "settings", "show")["instance_id"])
    cli.run(*s, "settings", "set", "server_ip", "127.0.0.1")
    cli.run(*s, "settings", "set", "docker_network", f"mtpm-t-{uuid.uuid4().hex[:10]}")
    bad = cli.run(*s, "settings", "set", "proxy_prefer_ip", "sometimes", "--json", ok=False)
    assert bad.returncode == 1 and json.loads(bad.stdout)["ok"] is False

    port = free_port()
    added = cli.json(*s, "user", "add", "alice", "--port", str(port), "--domain", "www.apple.com")
    user = added["user"]
    assert {"id", "name", "port", "secret", "enabled", "state", "tg_link", "tme_link"} <= set(user)
    assert user["port"] == port and user["state"] == "running"
    assert wait_probe(port, user["secret"], LinkStatus.ACCEPTED).ok
    cli.json(*s, "user", "add", "bob", "--port", str(free_port()))

    listed = cli.json(*s, "user", "list")
    assert [u["name"] for u in listed] == ["alice", "bob"]
    assert cli.json(*s, "user", "show", user["id"])["secret"] == user["secret"]
    link = cli.json(*s, "link", "alice")
    assert link["tg_link"] == f"tg://proxy?server=127.0.0.1&port={port}&secret={user['secret']}"
    assert link["tme_link"] == user["tme_link"]
    png = tmp_path / "alice.png"
    cli.run(*s, "qr", "alice", "--out", str(png))
    assert [d.text for d in zxingcpp.read_barcodes(_png_pixels(png))] == [user["tme_link"]]

    status = cli.json(*s, "status")
    assert status["summary"] == "Running 2/2" and status["clock"]["warning"] is None
    check = cli.json(*s, "check")
    assert {r["name"]: r["verdict"] for r in check["results"]} == {"alice": "accepted", "bob": "accepted"}

    assert cli.json(*s, "user", "disable", "alice")["user"]["state"] == "disabled"
    assert cli.json(*s, "status")["summary"] == "Running 1/1"
    assert cli.json(*s, "user", "enable", "alice")["user"]["state"] == "running"
    changed = cli.json(*s, "user", "set", "alice", "--name", "alicia", "--limit-gb", "5")
    assert changed["user"]["name"] == "alicia" and changed["reconcile"]["changed"] == 0
    reconciled = cli.json(*s, "reconcile")
    assert reconciled["changed"] == 0 and reconciled["notes"] == []
    # A full reconcile also installs and starts the traffic agent.
    assert (Path(server_profile.install_root) / "agent" / "VERSION").exists()
    assert cli.json(*s, "proxy", "stop")["changed"] == 2
    assert cli.json(*s, "reconcile")["changed"] == 0  # stop is remembered
    assert cli.json(*s, "proxy", "start")["changed"] == 2
    assert wait_probe(port, user["secret"], LinkStatus.ACCEPTED).ok
    logs = cli.json(*s, "logs", "--tail", "5")
    assert 0 < len(logs) <= 5 and {ln["container"] for ln in logs} <= {
        f"mtg-proxy-{port}",
        *(f"mtg-proxy-{u['port']}" for u in listed),
    }

    missing = cli.run(*s, "user", "show", "nobody", ok=False)
    assert missing.returncode == 1 and missing.stderr.startswith("mtpm: ") and missing.stderr.count("\n") == 1
    cli.json(*s, "user", "remove", "alicia")
    assert [u["name"] for u in cli.json(*s, "user", "list")] == ["bob"]
