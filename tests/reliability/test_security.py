"""Security checks over a whole password-login setup (password + sudo password, agent, proxies, port-443
router), plus host-key strictness and rendering of hostile strings into nginx and TOML files."""

from __future__ import annotations

import base64
import logging
import os
import re
import secrets
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docker
import paramiko
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.state import state_to_dict
from mtpm_desktop.remote.errors import HostKeyChanged, HostKeyUnknown
from mtpm_desktop.remote.port443.nginx import NginxSpec, SniRoute, parse_decoy, render_nginx_config
from mtpm_desktop.remote.proxies.mtg_config import ProxyConfigInput, render_mtg_config, render_toml
from mtpm_desktop.remote.proxies.reconcile import LABEL_INSTANCE
from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.ssh.credentials import CredentialStore
from mtpm_desktop.remote.ssh.hostkeys import HostKeyStore
from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile
from mtpm_desktop.remote.ssh.session import connect
from tests.fixtures.ports import free_port
from tests.fixtures.remote import LocalUser
from tests.fixtures.sshd import SshdServer

HOST = "127.0.0.1"


def _instance_containers(client: docker.DockerClient, instance: str) -> list[dict[str, Any]]:
    found = client.api.containers(all=True, filters={"label": f"{LABEL_INSTANCE}={instance}"})
    return [client.api.inspect_container(c["Id"]) for c in found]


def _host_ports(attrs: dict[str, Any]) -> set[int]:
    bindings = attrs["HostConfig"].get("PortBindings") or {}
    return {int(b["HostPort"]) for binds in bindings.values() for b in (binds or []) if b.get("HostPort")}


def _secret_forms(secret_hex: str) -> list[str]:
    raw = bytes.fromhex(secret_hex)
    return [secret_hex, secret_hex[2:34], base64.urlsafe_b64encode(raw).decode().rstrip("=")]


@pytest.mark.integration
def test_password_login_setup_keeps_secrets_private(
    make_local_user: Callable[..., LocalUser],
    remote_data_dir: Path,
    tmp_path: Path,
    test_engine: Any,
    test_images: Any,
    docker_cleanup: Any,
    docker_engine: docker.DockerClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    password = "Pw-" + secrets.token_hex(8)
    user = make_local_user(password=password, sudo="password")
    root = tmp_path / "opt-mtpm"
    root.mkdir(mode=0o755)
    os.chown(root, 0, 0)
    store = ProfileStore(remote_data_dir)
    profile = ServerProfile(
        name="pw-setup",
        host=user.sshd.host,
        port=user.sshd.port,
        user=user.name,
        auth="password",
        install_root=str(root),
    )
    store.save(profile)
    creds = CredentialStore()
    creds.set(profile, "password", password, store=store)
    creds.set(profile, "sudo_password", password, store=store)
    session = connect(profile, data_dir=remote_data_dir, credentials=creds)
    service = ServerService(session, root=str(root), engine=test_engine, router_publish_host=HOST)
    try:
        service.ensure_state()
        instance = service.load_state().instance_id
        docker_cleanup.register_instance(instance)
        tag = secrets.token_hex(5)
        for key, value in (
            ("server_ip", HOST),
            ("docker_network", f"mtpm-sec-{tag}"),
            ("nginx_image", test_images.nginx),
            ("sni_listen_port", str(free_port())),
        ):
            service.set_setting(key, value)
        state = service.load_state()
        state.nginx_container_name = f"mtpm-nginx-sec-{tag}"
        service.store.commit(state_to_dict(state), state.revision)
        service.add_user("anna", port=free_port(), domain="ya.ru")
        service.add_user("boris", port=free_port(), domain="vk.com")
        report = service.reconcile()  # also deploys and starts the traffic agent (through sudo)
        assert report.ok, report.errors
        state = service.load_state()
        user_ports = {u.port for u in state.users}

        # 1. Server files holding secrets are 0600 (and the folders 0700).
        assert (root / "config.json").stat().st_mode & 0o777 == 0o600
        proxies = list((root / "proxies").iterdir())
        assert len(proxies) == 2
        for path in proxies:
            assert path.stat().st_mode & 0o777 == 0o600, path
        assert (root / "proxies").stat().st_mode & 0o077 == 0

        # 2. No secret in any process argument list, nor in the containers' command/env.
        ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True).stdout
        containers = _instance_containers(docker_engine, instance)
        assert len(containers) == 2
        for u in state.users:
            for form in _secret_forms(u.secret):
                assert form not in ps, f"{u.name}'s secret in a process argument list"
                for attrs in containers:
                    exposed = [
                        attrs.get("Path"),
                        attrs.get("Args"),
                        attrs["Config"].get("Cmd"),
                        attrs["Config"].get("Env"),
                        attrs["Config"].get("Entrypoint"),
                    ]
                    assert form not in repr(exposed), f"{u.name}'s secret in {attrs['Name']}'s command/env"
        assert password not in ps

        # 3. The agent runs and listens on no port.
        pid = int((root / "data" / "agent.pid").read_text())
        listening = subprocess.run(["ss", "-lntupH"], capture_output=True, text=True, check=True).stdout
        assert f"pid={pid}," not in listening

        # 4. The ports mtpm's containers publish are exactly the users' ports...
        published = set().union(*(_host_ports(a) for a in containers))
        assert published == user_ports
        # ...and in port-443 mode exactly the one SNI port (the router's); proxies publish nothing.
        assert service.set_setting("port_443_mode", "true").reconcile.ok
        containers = _instance_containers(docker_engine, instance)
        published = set().union(*(_host_ports(a) for a in containers))
        assert published == {service.load_state().sni_listen_port}

        # 5. Neither the password nor the sudo password is in any local file or log.
        for folder in (remote_data_dir, root):
            grep = subprocess.run(
                ["grep", "-r", "-a", "-F", "-l", password, str(folder)], capture_output=True
            )
            assert grep.returncode == 1, f"password found in {grep.stdout!r}"
        assert password not in caplog.text
        assert password not in user.sshd.log_text()
    finally:
        service.agent.stop()
        session.close()


@pytest.mark.integration
def test_unknown_and_changed_host_keys_are_refused(
    sshd_server: SshdServer, server_profile: ServerProfile, tmp_path: Path
) -> None:
    empty = tmp_path / "fresh-data"
    empty.mkdir()
    with pytest.raises(HostKeyUnknown):
        connect(server_profile, data_dir=empty)
    spoofed = tmp_path / "spoofed-data"
    spoofed.mkdir()
    # Same host and port, another key: a spoofed or reinstalled server.
    HostKeyStore.for_data_dir(spoofed, use_user_known_hosts=False).pin(
        sshd_server.host, sshd_server.port, paramiko.RSAKey.generate(2048)
    )
    with pytest.raises(HostKeyChanged):
        connect(server_profile, data_dir=spoofed)


# --- hostile strings rendered into config files -----------------------------------------------------------

hostile = st.text(
    alphabet=st.sampled_from([*list("abc.-; {}\"'\\\n\r\t#$`x"), "\x00", "я", "ü", "\u2028", "\x85"]),
    max_size=60,
)


@pytest.mark.unit
@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    domains=st.lists(hostile | st.sampled_from(["пример.рф", "ya.ru", "b\u00fccher.de"]), max_size=4),
    decoy=hostile,
)
def test_nginx_render_cannot_be_injected(domains: list[str], decoy: str) -> None:
    routes = tuple(SniRoute(d, f"mtg-proxy-{3000 + i}", 3000 + i) for i, d in enumerate(domains))
    try:
        parsed_decoy = parse_decoy(decoy)
        text = render_nginx_config(NginxSpec(listen_port=443, routes=routes, decoy=parsed_decoy))
    except MtpmError:
        return
    # Parse back: the map holds exactly one `"domain" "backend";` line per route and nothing else a
    # user typed; every line is one directive (no smuggled `;`, braces or newlines).
    map_block = text.split("$mtpm_backend {", 1)[1].split("}", 1)[0]
    entries = [ln.strip() for ln in map_block.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    assert len(entries) == len(routes) + 1  # + default
    for line in entries[:-1]:
        parts = line.rstrip(";").split(" ")
        assert len(parts) == 2 and line.count(";") == 1 and line.count('"') == 4, line
        domain = parts[0].strip('"')
        assert all(c.isalnum() or c in ".-" for c in domain) and domain.isascii()
    # The same domains key the user-port map (the device limit's): one plain line each, nothing more.
    user_block = text.split("$mtpm_user {", 1)[1].split("}", 1)[0]
    user_entries = [ln.strip() for ln in user_block.splitlines() if ln.strip()]
    assert len(user_entries) == len(routes) + 1
    for line in user_entries[:-1]:
        assert re.fullmatch(r'"[a-z0-9.-]+" "\d+";', line), line
    assert text.count("{") == text.count("}")
    if parsed_decoy is not None:
        assert f'default "{parsed_decoy.host_port}";' in text


@pytest.mark.unit
@settings(max_examples=200, deadline=None, derandomize=True)
@given(value=st.text(max_size=80).filter(lambda s: not any(0xD800 <= ord(c) <= 0xDFFF for c in s)))
def test_render_tomls_round_trip(value: str) -> None:
    assert tomllib.loads(render_toml({"k": value})) == {"k": value}


@pytest.mark.unit
@settings(max_examples=100, deadline=None, derandomize=True)
@given(secret=hostile, ip=hostile, prefer=hostile)
def test_mtg_config_refuses_or_parses(secret: str, ip: str, prefer: str) -> None:
    cfg = ProxyConfigInput(secret_hex=secret, port=3000, prefer_ip=prefer, public_ipv4=ip or None)
    try:
        text = render_mtg_config(cfg)
    except MtpmError:
        return
    doc = tomllib.loads(text)
    assert doc["secret"] == secret.strip().lower()
    assert set(doc) <= {"secret", "bind-to", "prefer-ip", "public-ipv4", "defense", "stats"}
