"""`mtpm server bootstrap NAME --no-first-user` then `mtpm -s NAME import-panel`: the move from the old web
panel, whose import refuses a server that already has users."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mtpm_desktop.cli.main import main
from mtpm_desktop.remote.proxies.engines import Engine, register_engine
from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.ssh.session import connect
from tests.fixtures.docker_engine import DockerCleanup
from tests.fixtures.ports import free_port, run_id

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("stop_agent_after")]
DATA = Path(__file__).parents[1] / "data"


def test_bootstrap_without_first_user_then_import(
    server_profile: Any, remote_data_dir: Path, test_engine: Engine, docker_cleanup: DockerCleanup,
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    register_engine(test_engine)
    session = connect(server_profile, data_dir=remote_data_dir)
    try:
        service = ServerService(session, root=server_profile.install_root)
        service.ensure_state()
        service.set_setting("engine", test_engine.name)
        service.set_setting("docker_network", f"mtpm-btnfu-{run_id()}-{free_port()}")
        docker_cleanup.register_instance(service.settings()["instance_id"])
    finally:
        session.close()
    name = server_profile.name

    assert main(["server", "bootstrap", name, "--json", "--no-first-user"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["first_user_link"] is None
    assert {s["name"]: s["changed"] for s in report["steps"]}["first-user"] is False
    assert main(["-s", name, "user", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []

    # The old panel's state (no panel containers running: its proxies were stopped before the move).
    example = json.loads((DATA / "old_panel_config.json").read_text())
    for user in example["users"]:
        user["port"] = free_port()
    example.update(server_ip="127.0.0.1", server_domain="", port_443_mode=False)
    panel = tmp_path / "mtproto"
    (panel / "data").mkdir(parents=True)
    (panel / "data" / "config.json").write_text(json.dumps(example))
    assert main(["-s", name, "import-panel", "--panel-root", str(panel), "--json"]) == 0
    capsys.readouterr()
    assert main(["-s", name, "user", "list", "--json"]) == 0
    users = json.loads(capsys.readouterr().out)
    assert sorted(u["port"] for u in users) == sorted(u["port"] for u in example["users"])

    assert main(["server", "uninstall", name, "--yes", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
