"""`doctor` over the fixture sshd with test-engine proxies and pebble-challtestsrv as the DNS: each seeded
fault (a missing DNS record, a clock skew, a closed port) is reported with its fix; the CLI's JSON shape and
exit code."""

from __future__ import annotations

import json
import time
from typing import Any

import docker
import pytest

from mtpm_desktop.remote.checks.doctor import Severity, run_doctor
from mtpm_desktop.remote.checks.faketls_probe import LinkStatus
from mtpm_desktop.remote.service import ServerService
from tests.fixtures.challtestsrv import PROBE, ChallTestSrv
from tests.fixtures.ports import free_port
from tests.integration.orchestration_helpers import new_service, wait_probe
from tests.integration.test_orchestration_cli import Mtpm

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("fixed_wildcard_probe")]

HOST = "127.0.0.1"
DOMAIN = "proxy.example.test"


@pytest.fixture
def service(server_session: Any, server_profile: Any, test_engine: Any, docker_cleanup: Any) -> ServerService:
    svc = new_service(server_session, server_profile, test_engine, docker_cleanup)
    svc.set_setting("server_domain", DOMAIN, force=True)
    svc.set_setting("user_subdomains", "true", force=True)
    svc.check_host = HOST  # links name the domain, which only the test DNS knows
    return svc


def _by_id(report: Any) -> dict[str, Any]:
    return {c.id: c for c in report.checks}


def test_doctor_reports_each_seeded_fault_with_its_fix(
    service: ServerService, challtestsrv: ChallTestSrv, docker_engine: docker.DockerClient
) -> None:
    anna = service.add_user("anna", port=free_port()).user
    boris = service.add_user("boris", port=free_port()).user
    assert anna is not None and boris is not None
    for view in (anna, boris):
        wait_probe(view.port, view.secret, LinkStatus.ACCEPTED)
    challtestsrv.add_a(DOMAIN, HOST)  # the bare name is there, the wildcard is not

    # The server's clock 30 s ahead of this computer's (this computer's clock moved back).
    report = run_doctor(service, resolver=challtestsrv.resolver, now=lambda: time.time() - 30)
    checks = _by_id(report)
    assert not report.ok
    dns = checks["dns.domain"]
    assert not dns.ok and dns.severity is Severity.ERROR
    assert dns.fix == f"Add an A record *.{DOMAIN} -> {HOST} at your DNS provider."
    user_dns = checks["dns.user"]
    label_name = service.load_state().users[0].domain
    assert not user_dns.ok and f"{label_name} -> {HOST}" in user_dns.fix
    clock = checks["clock"]
    assert not clock.ok and clock.severity is Severity.ERROR and "timedatectl set-ntp true" in clock.fix
    assert checks[f"port.{anna.port}"].ok and checks["link.anna"].ok
    assert checks["tls.certificate"].ok and checks["tls.certificate"].severity is Severity.INFO  # no site

    # Fix DNS, seed a closed port: boris's proxy is gone.
    challtestsrv.add_a(f"{PROBE}.{DOMAIN}", HOST)
    challtestsrv.add_a(label_name, HOST)
    container = service._container_index(service.load_state())[boris.id]
    docker_engine.api.stop(container["Id"], timeout=1)
    checks = _by_id(run_doctor(service, resolver=challtestsrv.resolver))
    assert checks["dns.domain"].ok and checks["dns.user"].ok and checks["clock"].ok
    closed = checks[f"port.{boris.port}"]
    assert not closed.ok and f"Open TCP port {boris.port}" in closed.fix
    assert not checks["link.boris"].ok and checks["link.anna"].ok


def test_doctor_cli_json_and_exit_code(
    service: ServerService,
    challtestsrv: ChallTestSrv,
    server_profile: Any,
    remote_data_dir: Any,
    test_images: Any,
) -> None:
    cli = Mtpm(remote_data_dir, test_images.proxy)
    proc = cli.run(
        "-s", server_profile.name, "doctor", "--json", "--resolver", challtestsrv.resolver, ok=False
    )
    assert proc.returncode == 1  # the domain's records are missing: an error
    data = json.loads(proc.stdout)
    assert set(data) == {"checks"}
    assert all(set(c) == {"id", "ok", "severity", "detail", "fix"} for c in data["checks"])
    failed = {c["id"]: c for c in data["checks"] if not c["ok"]}
    assert failed["dns.domain"]["severity"] == "error"
    assert f"Add an A record {DOMAIN} -> {HOST}" in failed["dns.domain"]["fix"]
