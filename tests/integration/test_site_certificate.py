"""The website and its certificate, end to end with real components: pebble (a real ACME CA) validates over
HTTP-01 against the site's nginx, certbot (the distribution's package, what a server installs) gets the
certificate through the agent's site-renew, nginx serves it behind the port-443 router, and the test proxies
front wrong-secret clients to it. DNS for pebble is its challtestsrv, mapping the test names to loopback."""

from __future__ import annotations

import secrets
import socket
import ssl
import time
from pathlib import Path
from typing import Any

import docker
import pytest
from cryptography import x509

from mtpm_desktop.core.state import state_to_dict
from mtpm_desktop.remote.checks.faketls_probe import LinkStatus
from mtpm_desktop.remote.port443 import nginx
from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.site import plan as site_plan
from tests.fixtures.engines import ENGINE_NAME
from tests.fixtures.pebble import PebbleCA
from tests.fixtures.ports import free_port
from tests.integration.mtproto_client import MtprotoSession, start_dc_echo
from tests.integration.orchestration_helpers import wait_probe
from tests.integration.test_orchestration_cli import Mtpm

pytestmark = pytest.mark.integration

HOST = "127.0.0.1"


def _https_get(port: int, server_name: str, root_pem: str, path: str = "/") -> tuple[x509.Certificate, str]:
    """GET `path` over TLS with SNI `server_name`, verifying the chain against `root_pem` and the name."""
    context = ssl.create_default_context(cadata=root_pem)
    with (
        socket.create_connection((HOST, port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=server_name) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
        assert der is not None
        request = f"GET {path} HTTP/1.1\r\nHost: {server_name}\r\nConnection: close\r\n\r\n"
        tls.sendall(request.encode())
        chunks = []
        while chunk := tls.recv(65536):
            chunks.append(chunk)
    return x509.load_der_x509_certificate(der), b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def site_env(
    server_session: Any,
    server_profile: Any,
    test_engine: Any,
    docker_cleanup: Any,
    site_nginx_image: str,
    pebble_ca: Any,
) -> tuple[ServerService, PebbleCA, dict[str, Any]]:
    """Port-443 mode with 3 users named under the site's domain, pebble mapping every name to loopback."""
    svc = ServerService(
        server_session,
        root=server_profile.install_root,
        engine=test_engine,
        router_publish_host=HOST,
        manage_agent=False,
    )
    svc.ensure_state()
    docker_cleanup.register_instance(svc.load_state().instance_id)
    tag = secrets.token_hex(4)
    domain = f"site-{tag}.test"
    for key, value in (
        ("server_ip", HOST),
        ("server_domain", domain),
        ("docker_network", f"mtpm-tsite-{tag}"),
        ("nginx_image", site_nginx_image),
        ("sni_listen_port", str(free_port())),
    ):
        svc.set_setting(key, value)
    state = svc.load_state()
    state.nginx_container_name = f"mtpm-nginx-{tag}"
    svc.store.commit(state_to_dict(state), state.revision)
    users = {}
    for name in ("anna", "boris", "vera"):
        label = secrets.token_hex(3)
        svc.add_user(name, port=free_port(), domain=f"{label}.{domain}")
        users[name] = svc.get_user(name)
    assert svc.set_setting("port_443_mode", "true").reconcile.ok
    http_port = free_port()
    ca: PebbleCA = pebble_ca(http_port)
    for name in (domain, *(u.domain for u in users.values())):
        ca.add_a(name, HOST)
    result = svc.site_enable(
        acme_directory=ca.directory_url, ca_file=ca.directory_ca_pem, http_port=http_port
    )
    assert result.reconcile.ok, result.reconcile.errors
    assert not [n for n in result.notes if "certificate:" in n and "renewal" not in n], result.notes
    return svc, ca, {"domain": domain, "users": users, "http_port": http_port}


def test_pebble_issues_one_certificate_for_the_domain_and_the_users_and_nginx_serves_it(
    site_env: tuple[ServerService, PebbleCA, dict[str, Any]],
) -> None:
    svc, ca, env = site_env
    domain, users = env["domain"], env["users"]
    status = svc.site_status()
    expected = {domain, *(u.domain for u in users.values())}
    assert set(status.names) == expected
    assert status.domain == domain
    assert status.issuer and "Pebble" in status.issuer
    assert status.not_after and status.not_before and status.not_before < status.not_after
    assert status.last_error is None and status.last_renewal
    assert status.renewal in ("systemd-timer", "agent-loop")

    sni_port = svc.load_state().sni_listen_port
    root = ca.root_pem()
    # The bare domain: the router sends it to the site, whose certificate verifies against pebble's root.
    cert, page = _https_get(sni_port, domain, root)
    assert "200 OK" in page.splitlines()[0] and "<h1>Welcome</h1>" in page
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert set(san.get_values_for_type(x509.DNSName)) == expected

    # A user's name without the secret: the router sends it to that user's proxy, which fronts it to the
    # site; the browser gets the real page with a valid certificate for that exact name.
    anna = users["anna"]
    _, page = _https_get(sni_port, anna.domain, root)
    assert "<h1>Welcome</h1>" in page
    # ... and the same user's secret is accepted on the same port.
    assert wait_probe(sni_port, anna.secret, LinkStatus.ACCEPTED).ok

    # An unknown name is refused during the handshake (nginx's ssl_reject_handshake: an alert, no cert).
    context = ssl.create_default_context(cadata=root)
    with (
        socket.create_connection((HOST, sni_port), timeout=10) as raw,
        pytest.raises(ssl.SSLError, match=r"UNRECOGNIZED_NAME|unrecognized name"),
    ):
        context.wrap_socket(raw, server_hostname=f"nobody.{domain}")

    # Port 80 redirects to https (and answers HTTP-01 under /.well-known, which pebble just used).
    with socket.create_connection((HOST, env["http_port"]), timeout=10) as plain:
        plain.sendall(f"GET /x HTTP/1.1\r\nHost: {domain}\r\nConnection: close\r\n\r\n".encode())
        answer = plain.recv(4096).decode()
    assert " 301 " in answer.splitlines()[0]
    assert f"Location: https://{domain}:{sni_port}/x" in answer


def _serial(port: int, name: str, root_pem: str) -> int:
    return _https_get(port, name, root_pem)[0].serial_number


def test_forced_renewal_reloads_nginx_while_an_open_proxy_connection_keeps_moving_bytes(
    site_env: tuple[ServerService, PebbleCA, dict[str, Any]], docker_engine: docker.DockerClient
) -> None:
    svc, ca, env = site_env
    state = svc.load_state()
    sni_port, domain, anna = state.sni_listen_port, env["domain"], env["users"]["anna"]
    proxy = docker_engine.containers.get(svc._container_index(state)[anna.id]["Id"])
    start_dc_echo(proxy)
    router = nginx.find_nginx_container(svc.session, site_plan.nginx_target(state, svc.root))
    assert router is not None
    started = router.attrs["State"]["StartedAt"]
    root = ca.root_pem()
    old_serial = _serial(sni_port, domain, root)

    session = MtprotoSession(HOST, sni_port, anna.secret)
    try:
        session.exchange(4096)  # through nginx's stream router and anna's proxy to its "data centre"
        status = svc.site_renew(force=True)
        assert status["last_error"] is None and status["changed"] == ["mtpm-site-0"], status
        deadline = time.monotonic() + 30
        while (new_serial := _serial(sni_port, domain, root)) == old_serial:
            assert time.monotonic() < deadline, "nginx still serves the old certificate"
            time.sleep(0.2)
        # The same connection, opened before the reload, still carries bytes both ways.
        session.exchange(65536)
        session.exchange(1)
    finally:
        session.close()
    assert new_serial != old_serial
    router.reload()
    assert router.attrs["State"]["StartedAt"] == started  # a graceful reload, not a restart
    assert svc.site_status().last_renewal == status["last_renewal"]


def test_site_from_the_cli_in_standard_mode_with_the_admins_own_pages(
    server_profile: Any,
    remote_data_dir: Path,
    test_images: Any,
    docker_cleanup: Any,
    site_nginx_image: str,
    pebble_ca: Any,
    tmp_path: Path,
) -> None:
    cli = Mtpm(remote_data_dir, test_images.proxy)
    s = ("-s", server_profile.name)
    cli.run(*s, "settings", "set", "engine", ENGINE_NAME)
    docker_cleanup.register_instance(cli.json(*s, "settings", "show")["instance_id"])
    tag = secrets.token_hex(4)
    domain = f"cli-{tag}.test"
    for key, value in (
        ("server_ip", HOST),
        ("server_domain", domain),
        ("docker_network", f"mtpm-tsitec-{tag}"),
        ("nginx_container_name", f"mtpm-nginx-{tag}"),
        ("nginx_image", site_nginx_image),
    ):
        cli.run(*s, "settings", "set", key, value)
    user_name = f"{secrets.token_hex(3)}.{domain}"
    cli.json(*s, "user", "add", "dora", "--port", str(free_port()), "--domain", user_name)
    http_port, https_port = free_port(), free_port()
    ca: PebbleCA = pebble_ca(http_port)
    for name in (domain, user_name):
        ca.add_a(name, HOST)
    pages = tmp_path / "pages"
    (pages / "css").mkdir(parents=True)
    (pages / "index.html").write_text("<html><body><h1>Dora's garden</h1></body></html>\n")
    (pages / "css" / "site.css").write_text("h1 { color: green; }\n")
    ca_file = tmp_path / "acme-ca.pem"
    ca_file.write_bytes(ca.directory_ca_pem.read_bytes())
    cli.run(
        *s, "site", "enable", "--acme-directory", ca.directory_url, "--acme-ca-file", str(ca_file),
        "--email", "admin@example.org", "--site-dir", str(pages),
        "--http-port", str(http_port), "--https-port", str(https_port),
    )  # fmt: skip
    status = cli.json(*s, "site", "status")
    assert set(status) == {
        "domain", "names", "issuer", "not_before", "not_after", "last_renewal", "last_error", "renewal",
    }  # fmt: skip
    assert status["domain"] == domain and set(status["names"]) == {domain, user_name}
    assert status["last_error"] is None and "Pebble" in status["issuer"]

    root = ca.root_pem()
    # Standard mode: nginx itself listens on the HTTPS port, with the admin's own pages.
    _, page = _https_get(https_port, domain, root)
    assert "Dora's garden" in page
    _, css = _https_get(https_port, user_name, root, "/css/site.css")
    assert "color: green" in css
    # Unknown names are refused by default, and get the site with sni_unknown=site.
    context = ssl.create_default_context(cadata=root)
    context.check_hostname = False
    with (
        socket.create_connection((HOST, https_port), timeout=10) as raw,
        pytest.raises(ssl.SSLError, match=r"UNRECOGNIZED_NAME|unrecognized name"),
    ):
        context.wrap_socket(raw, server_hostname=f"other.{domain}")
    bad = cli.run(*s, "settings", "set", "sni_unknown", "maybe", ok=False)
    assert bad.returncode == 1 and "reject" in bad.stderr
    cli.run(*s, "settings", "set", "sni_unknown", "site")
    assert cli.json(*s, "settings", "show")["sni_unknown"] == "site"
    with (
        socket.create_connection((HOST, https_port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=f"other.{domain}") as tls,
    ):
        assert tls.getpeercert() is not None  # the site's certificate, not a refusal

    renewed = cli.json(*s, "site", "renew")
    assert renewed["changed"] == [] and renewed["last_error"] is None  # nothing due yet

    cli.run(*s, "site", "disable")
    assert cli.json(*s, "site", "status")["domain"] is None
    with pytest.raises(OSError):
        _https_get(https_port, domain, root)
