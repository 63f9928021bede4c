"""Bootstrap through the fixture sshd of a server that already has Docker (this machine), then uninstall.

The first run completes the server (state, network, agent, address, first user) and the first user's link
passes the FakeTLS probe; a second run changes nothing and says so; uninstall removes every container,
the network, the agent, the files and firewall records of this install, and a second uninstall finds
nothing left.
"""

from __future__ import annotations

import pytest

from mtpm_desktop.remote.agent_client import AgentClient
from mtpm_desktop.remote.proxies.engines import Engine
from mtpm_desktop.remote.service_models import LinkVerdict
from mtpm_desktop.remote.setup.bootstrap import StepState, run_steps
from mtpm_desktop.remote.setup.bootstrap_steps import agent_running, bootstrap_steps
from mtpm_desktop.remote.setup.context import BootstrapContext, BootstrapOptions
from mtpm_desktop.remote.setup.uninstall import UninstallContext, uninstall_steps
from tests.fixtures.docker_engine import DockerCleanup
from tests.fixtures.fresh_vps import wait_links_accepted
from tests.fixtures.ports import free_port, run_id

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("stop_agent_after")]


def test_bootstrap_existing_docker_then_second_run_then_uninstall(
    server_session, server_profile, test_engine: Engine, docker_cleanup: DockerCleanup
) -> None:
    root = server_profile.install_root
    port = free_port()
    options = BootstrapOptions(first_user="alice", first_user_port=port)

    def context() -> BootstrapContext:
        return BootstrapContext(
            server_session, options, root=root, engine=test_engine, check_host="127.0.0.1"
        )

    ctx = context()
    # A partly set-up server: the state exists already, with a network name of its own so runs side by side
    # on this dockerd never share one.
    ctx.service.ensure_state()
    network = f"mtpm-bt-{run_id()}-{port}"
    ctx.service.set_setting("docker_network", network)
    instance = ctx.service.settings()["instance_id"]
    docker_cleanup.register_instance(instance)

    events: list[tuple[str, StepState]] = []
    lines: list[tuple[str, str]] = []
    report = run_steps(
        bootstrap_steps(),
        ctx,
        progress=lambda n, s: events.append((n, s)),
        output=lambda n, t: lines.append((n, t)),
    )
    print("step seconds:", [(r.name, round(r.seconds, 1)) for r in report.results])
    assert report.ok, report.failed and (report.failed.name, report.failed.output, report.failed.remedy)
    states = {r.name: r.state for r in report.results}
    for already in ("detect", "prerequisites", "docker-install", "docker-running", "state", "engine-image"):
        assert states[already] is StepState.UNCHANGED, (already, report.to_json())
    for made in ("server-address", "first-user"):
        assert states[made] is StepState.CHANGED, (made, report.to_json())
    assert ("first-user", StepState.RUNNING) in events
    # The agent runs (deployed by this step, or already by the service layer, which also manages it).
    assert agent_running(AgentClient(server_session, root))
    assert any(name == "detect" and "Debian" in text for name, text in lines)
    assert ctx.first_link is not None and f"port={port}" in ctx.first_link

    (user,) = ctx.service.list_users()
    assert user.name == "alice" and user.port == port
    check = wait_links_accepted(ctx.service)
    assert [r.verdict for r in check.results] == [LinkVerdict.ACCEPTED], check.to_json()

    second = run_steps(bootstrap_steps(), context())
    assert second.ok and not second.changed, [(r.name, r.output) for r in second.results if r.changed]
    assert {r.state for r in second.results} == {StepState.UNCHANGED}

    # Uninstall: nothing of this install is left; Docker still answers.
    api = server_session.docker.api
    assert api.containers(all=True, filters={"label": f"mtpm.instance={instance}"})
    removal = run_steps(uninstall_steps(), UninstallContext(server_session, root))
    assert removal.ok and removal.changed, removal.to_json()
    assert api.containers(all=True, filters={"label": f"mtpm.instance={instance}"}) == []
    assert [n for n in api.networks(names=[network]) if n["Name"] == network] == []
    assert not server_session.exists(root)
    assert server_session.run("docker version --format '{{.Server.Version}}'").exit_code == 0
    again = run_steps(uninstall_steps(), UninstallContext(server_session, root))
    assert again.ok and not again.changed, again.to_json()
