"""A fresh VPS (minimal Debian, sshd, python3, an iptables firewall, no Docker, no systemd) bootstrapped
over SSH end to end, then uninstalled.

Docker comes from the local package repository the fixture built (tests/fixtures/fresh_vps.py), the proxy
image is streamed from this machine's Docker over the SSH session, the agent is started, and the first
user's link is accepted by the FakeTLS probe through the VPS's published port. A second run changes
nothing; uninstall leaves no mtpm container, network, file or firewall rule, and Docker keeps running.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mtpm_desktop.remote.agent_client import AgentClient
from mtpm_desktop.remote.proxies.engines import Engine
from mtpm_desktop.remote.service_models import LinkVerdict
from mtpm_desktop.remote.setup.bootstrap import StepState, run_steps
from mtpm_desktop.remote.setup.bootstrap_steps import agent_running, bootstrap_steps
from mtpm_desktop.remote.setup.context import BootstrapContext, BootstrapOptions
from mtpm_desktop.remote.setup.uninstall import UninstallContext, uninstall_steps
from mtpm_desktop.remote.ssh.hostkeys import HostKeyStore
from mtpm_desktop.remote.ssh.profiles import ServerProfile
from mtpm_desktop.remote.ssh.session import ServerSession, connect
from tests.fixtures.fresh_vps import FreshVps, wait_links_accepted
from tests.fixtures.remote import public_key_from_line

pytestmark = pytest.mark.integration

ROOT = "/opt/mtpm"


@pytest.fixture
def vps_session(fresh_vps: FreshVps, remote_data_dir: Path) -> Iterator[ServerSession]:
    HostKeyStore.for_data_dir(remote_data_dir, use_user_known_hosts=False).pin(
        fresh_vps.host, fresh_vps.ssh_port, public_key_from_line(fresh_vps.host_public_key_line)
    )
    profile = ServerProfile(
        name="fresh-vps", host=fresh_vps.host, port=fresh_vps.ssh_port, user="root", auth="key",
        key_path=str(fresh_vps.key_path), install_root=ROOT,
    )  # fmt: skip
    session = connect(profile, data_dir=remote_data_dir)
    try:
        yield session
    finally:
        session.close()


def test_fresh_vps_bootstrap_second_run_and_uninstall(
    fresh_vps: FreshVps, vps_session: ServerSession, test_engine: Engine
) -> None:
    assert fresh_vps.exec("command -v docker")[0] != 0  # really fresh

    options = BootstrapOptions(push_image=True, first_user="bob", first_user_port=fresh_vps.proxy_port)

    def context() -> BootstrapContext:
        return BootstrapContext(vps_session, options, root=ROOT, engine=test_engine, check_host="127.0.0.1")

    ctx = context()
    lines: list[tuple[str, str]] = []
    report = run_steps(bootstrap_steps(), ctx, output=lambda n, t: lines.append((n, t)))
    print("step seconds:", [(r.name, round(r.seconds, 1)) for r in report.results])
    assert report.ok, report.failed and (report.failed.name, report.failed.output, report.failed.remedy)
    states = {r.name: r.state for r in report.results}
    for made in ("prerequisites", "docker-install", "docker-running", "state", "engine-image",
                 "server-address", "first-user", "firewall"):  # fmt: skip
        assert states[made] is StepState.CHANGED, (made, report.to_json())
    assert agent_running(AgentClient(vps_session, ROOT))
    assert states["clock"] is StepState.UNCHANGED  # a container: its clock is the host's
    # Output was streamed per step: apt's own lines, dockerd started without systemd, the image sent.
    assert any(n == "docker-install" and "Setting up docker.io" in t for n, t in lines)
    assert any(n == "docker-running" and "no systemd" in t for n, t in lines)
    assert any(n == "engine-image" and t.startswith("Loaded image") for n, t in lines)

    code, rules = fresh_vps.exec("iptables -S INPUT")
    assert code == 0 and f"--dport {fresh_vps.proxy_port} -m comment --comment mtpm -j ACCEPT" in rules

    (user,) = ctx.service.list_users()
    assert user.port == fresh_vps.proxy_port and ctx.first_link is not None
    check = wait_links_accepted(ctx.service)
    assert [r.verdict for r in check.results] == [LinkVerdict.ACCEPTED], check.to_json()

    second = run_steps(bootstrap_steps(), context())
    assert second.ok and not second.changed, [(r.name, r.output) for r in second.results if r.changed]

    removal = run_steps(uninstall_steps(), UninstallContext(vps_session, ROOT))
    assert removal.ok and removal.changed, removal.to_json()
    assert fresh_vps.exec("docker ps -aq")[1].strip() == ""
    assert fresh_vps.exec("docker network ls --format '{{.Name}}' | grep -x mtpm")[0] != 0
    assert fresh_vps.exec(f"test -e {ROOT}")[0] != 0
    code, rules = fresh_vps.exec("iptables -S INPUT")
    assert code == 0 and "mtpm" not in rules and "-P INPUT DROP" in rules
    assert fresh_vps.exec("grep -l '[m]tpm_agent' /proc/[0-9]*/cmdline")[1].strip() == ""  # no agent process
    assert fresh_vps.exec("docker version --format '{{.Server.Version}}'")[0] == 0  # Docker stays
