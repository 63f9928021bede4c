"""`mtpm server bootstrap NAME --json` and `mtpm server uninstall NAME` against the fixture sshd.

The JSON is a public interface: every step with its name, whether it changed anything, and its outcome.
"""

from __future__ import annotations

import json

import pytest

from mtpm_desktop.cli.main import main
from mtpm_desktop.remote.proxies.engines import Engine, register_engine
from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.ssh.session import connect
from tests.fixtures.docker_engine import DockerCleanup
from tests.fixtures.ports import free_port, run_id

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("stop_agent_after")]


def test_cli_bootstrap_json_then_uninstall(
    server_profile, remote_data_dir, test_engine: Engine, docker_cleanup: DockerCleanup,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    # The CLI takes the engine from the server's state: register the offline test engine and select it.
    register_engine(test_engine)
    port = free_port()
    session = connect(server_profile, data_dir=remote_data_dir)
    try:
        service = ServerService(session, root=server_profile.install_root)
        service.ensure_state()
        service.set_setting("engine", test_engine.name)
        service.set_setting("docker_network", f"mtpm-btcli-{run_id()}-{port}")
        docker_cleanup.register_instance(service.settings()["instance_id"])
    finally:
        session.close()

    name = server_profile.name
    argv = ["server", "bootstrap", name, "--json", "--first-user", "carol", "--first-user-port", str(port)]
    assert main(argv) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["ok"] is True and first["changed"] is True and first["failed_step"] is None
    assert [s["name"] for s in first["steps"]][:2] == ["detect", "package-lock"]
    for step in first["steps"]:
        assert set(step) >= {"name", "title", "changed", "outcome", "error", "remedy", "output"}
        assert step["outcome"] in ("changed", "unchanged")
    by_name = {s["name"]: s for s in first["steps"]}
    assert by_name["first-user"]["changed"] is True
    assert f"port={port}" in first["first_user_link"]

    assert main(argv) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["ok"] is True and second["changed"] is False
    assert all(s["changed"] is False and s["outcome"] == "unchanged" for s in second["steps"])

    # No confirmation without a terminal: refused, nothing removed.
    assert main(["server", "uninstall", name]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["server", "uninstall", name, "--yes", "--json"]) == 0
    removed = json.loads(capsys.readouterr().out)
    assert removed["ok"] is True and removed["changed"] is True
    assert {s["name"]: s["changed"] for s in removed["steps"]}["containers"] is True
