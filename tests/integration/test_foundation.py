"""The real components every later test stands on: the fixture sshd, Docker through it, and a real
MTProto proxy that accepts the FakeTLS probe only with the right key and a sane clock.
"""

from __future__ import annotations

import base64
import hashlib
import io
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import docker
import paramiko
import pytest

from mtpm_desktop.core.secret import FakeTLSSecret, new_secret, parse_secret
from mtpm_desktop.remote.checks.faketls_probe import LinkStatus, probe_link
from tests.fixtures.docker_engine import RUN_LABEL, DockerCleanup
from tests.fixtures.images import TestImages
from tests.fixtures.mtprotoproxy import RunningProxy, run_mtprotoproxy
from tests.fixtures.ports import free_port
from tests.fixtures.sshd import SshdServer

pytestmark = pytest.mark.integration

DOMAIN = "www.cloudflare.com"


def ssh_client(server: SshdServer) -> paramiko.SSHClient:
    """Root on the fixture sshd, with its host key pinned (an unknown or changed key is refused)."""
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    key = paramiko.Ed25519Key.from_private_key_file(str(server.host_key_path))
    client.get_host_keys().add(f"[{server.host}]:{server.port}", key.get_name(), key)
    client.connect(
        server.host,
        server.port,
        username="root",
        key_filename=str(server.root_key_path),
        look_for_keys=False,
        allow_agent=False,
        timeout=10,
    )
    return client


def run(client: paramiko.SSHClient, command: str) -> tuple[int, str, str]:
    _, stdout, stderr = client.exec_command(command, timeout=60)
    out, err = stdout.read().decode(), stderr.read().decode()
    return stdout.channel.recv_exit_status(), out, err


# --- sshd ---------------------------------------------------------------------------------------------


def test_paramiko_reaches_fixture_sshd_as_root(sshd_server: SshdServer) -> None:
    client = ssh_client(sshd_server)
    try:
        code, out, _ = run(client, "id -u")
        assert (code, out.strip()) == (0, "0")
        # What paramiko saw is the key whose fingerprint the fixture reports, in ssh-keygen's format.
        remote_key = client.get_transport().get_remote_server_key()  # type: ignore[union-attr]
        digest = base64.b64encode(hashlib.sha256(remote_key.asbytes()).digest()).decode().rstrip("=")
        assert sshd_server.host_key_fingerprint == f"SHA256:{digest}"
    finally:
        client.close()
    assert "Accepted publickey for root" in sshd_server.log_text()


def test_sftp_works_on_fixture_sshd(sshd_server: SshdServer, tmp_path: Path) -> None:
    client = ssh_client(sshd_server)
    try:
        with client.open_sftp() as sftp:
            sftp.putfo(io.BytesIO(b"hello"), str(tmp_path / "via-sftp"))
        assert (tmp_path / "via-sftp").read_bytes() == b"hello"
    finally:
        client.close()


def test_docker_answers_through_ssh(sshd_server: SshdServer, docker_engine: docker.DockerClient) -> None:
    client = ssh_client(sshd_server)
    try:
        code, out, err = run(client, "docker version --format '{{.Server.Version}}'")
    finally:
        client.close()
    assert code == 0, err
    assert out.strip() == docker_engine.version()["Version"]


def test_replaced_host_key_is_refused_by_a_pinned_client(tmp_path: Path) -> None:
    # A private server: the session one keeps its key for every other test.
    server = SshdServer(workdir=tmp_path)
    server.setup()
    try:
        old_fingerprint = server.host_key_fingerprint
        pinned = paramiko.Ed25519Key.from_private_key_file(str(server.host_key_path))
        port = server.port
        server.replace_host_key()
        assert server.port == port
        assert server.host_key_fingerprint != old_fingerprint
        client = paramiko.SSHClient()
        client.set_missing_host_key_policy(paramiko.RejectPolicy())
        client.get_host_keys().add(f"[{server.host}]:{server.port}", pinned.get_name(), pinned)
        with pytest.raises(paramiko.BadHostKeyException):
            client.connect(
                server.host,
                server.port,
                username="root",
                key_filename=str(server.root_key_path),
                look_for_keys=False,
                allow_agent=False,
                timeout=10,
            )
        client.close()
        ssh_client(server).close()  # the new key works once pinned
    finally:
        server.stop()


def test_authorize_lets_another_key_in(sshd_server: SshdServer, tmp_path: Path) -> None:
    key_path = tmp_path / "extra_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key_path)], check=True)
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    connect_args = dict(username="root", key_filename=str(key_path), look_for_keys=False, allow_agent=False)
    with pytest.raises(paramiko.AuthenticationException):
        client.connect(sshd_server.host, sshd_server.port, **connect_args)  # type: ignore[arg-type]
    client.close()
    sshd_server.authorize("root", key_path.with_suffix(".pub").read_text())
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(sshd_server.host, sshd_server.port, **connect_args)  # type: ignore[arg-type]
    client.close()


# --- a real proxy and the FakeTLS probe ---------------------------------------------------------------


@pytest.fixture(scope="module")
def core_secret() -> str:
    return new_secret(DOMAIN)


@pytest.fixture(scope="module")
def proxy(
    docker_engine: docker.DockerClient,
    docker_cleanup: DockerCleanup,
    test_images: TestImages,
    core_secret: str,
) -> Iterator[RunningProxy]:
    running = run_mtprotoproxy(
        docker_engine, test_images.proxy, core_secret, free_port(), docker_cleanup.labels
    )
    yield running
    running.remove()


def test_proxy_accepts_probe_with_core_secret(proxy: RunningProxy, core_secret: str) -> None:
    result = probe_link(proxy.host, proxy.host_port, core_secret)
    assert result.status is LinkStatus.ACCEPTED, result.detail
    assert result.ok and result.rtt_ms is not None and result.rtt_ms >= 0
    # The base64 form of the same secret is the same secret.
    assert probe_link(proxy.host, proxy.host_port, parse_secret(core_secret).base64()).ok


def test_proxy_refuses_wrong_key(proxy: RunningProxy, core_secret: str) -> None:
    # Only allowed because this proxy is configured never to forward a rejected client anywhere.
    right = parse_secret(core_secret)
    wrong = FakeTLSSecret(key=bytes(b ^ 0x5A for b in right.key), domain=right.domain).hex()
    result = probe_link(proxy.host, proxy.host_port, wrong)
    assert result.status is LinkStatus.REFUSED, result.detail
    assert "did not accept" in result.detail


@pytest.mark.parametrize("offset_s", [30 * 60, -30 * 60], ids=["clock-30min-ahead", "clock-30min-behind"])
def test_proxy_refuses_timestamp_30_minutes_off(proxy: RunningProxy, core_secret: str, offset_s: int) -> None:
    result = probe_link(proxy.host, proxy.host_port, core_secret, clock_offset_s=offset_s)
    assert result.status is LinkStatus.REFUSED, result.detail
    assert "time skew" in proxy.logs().lower()
    # The proxy is still fine for a client whose clock is right.
    assert probe_link(proxy.host, proxy.host_port, core_secret).ok


def test_proxy_container_keeps_secret_out_of_argv_and_cannot_resolve_outside(
    proxy: RunningProxy, docker_engine: docker.DockerClient, test_run_id: str
) -> None:
    attrs = docker_engine.api.inspect_container(proxy.container.id)
    key_hex = parse_secret(proxy.secret_hex).key.hex()
    assert key_hex not in " ".join(attrs["Config"]["Cmd"] or [])
    assert key_hex not in " ".join(attrs["Config"]["Env"] or [])
    assert attrs["Config"]["Labels"][RUN_LABEL] == test_run_id
    mount = next(m for m in attrs["Mounts"] if m["Destination"] == "/etc/mtprotoproxy/config.py")
    assert mount["RW"] is False
    assert attrs["HostConfig"]["Dns"] == ["127.0.0.1"]
    hosts = proxy.container.exec_run(["cat", "/etc/hosts"]).output.decode()
    for name in (DOMAIN, "v4.ident.me", "ipv4.icanhazip.com", "core.telegram.org"):
        assert f"127.0.0.1\t{name}" in hosts or f"127.0.0.1 {name}" in hosts, name


def test_probe_reports_unreachable_for_closed_port(core_secret: str) -> None:
    result = probe_link("127.0.0.1", free_port(), core_secret, timeout=3)
    assert result.status is LinkStatus.UNREACHABLE
    assert result.rtt_ms is None and "connection refused" in result.detail


def test_probe_refuses_silent_listener(core_secret: str) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # accepted by the kernel's backlog, never answered
        result = probe_link("127.0.0.1", listener.getsockname()[1], core_secret, timeout=0.5)
    assert result.status is LinkStatus.REFUSED
    assert "did not answer" in result.detail


def test_probe_refuses_a_real_tls_server(core_secret: str, tmp_path: Path) -> None:
    # What a proxy with another secret does with our hello: fronting to a real TLS site. A real TLS 1.3
    # server answers with ServerHello/CCS/ApplicationData too, but cannot produce the HMAC.
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", f"/CN={DOMAIN}"],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    handshake_errors: list[BaseException] = []

    def serve_one() -> None:
        conn, _ = listener.accept()
        try:
            with context.wrap_socket(conn, server_side=True) as tls:
                tls.recv(1)
        except (ssl.SSLError, OSError) as exc:  # the probe hangs up mid-handshake: expected
            handshake_errors.append(exc)

    thread = threading.Thread(target=serve_one, daemon=True)
    thread.start()
    try:
        result = probe_link("127.0.0.1", port, core_secret, timeout=5)
    finally:
        thread.join(timeout=10)
        listener.close()
    assert result.status is LinkStatus.REFUSED, result.detail
    assert "answered like a TLS server" in result.detail
