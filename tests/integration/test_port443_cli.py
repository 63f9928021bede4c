"""Port-443 mode from the `mtpm` CLI (subprocesses, fixture sshd, test-engine proxies, Debian's nginx):
`settings set port_443_mode|sni_listen_port|sni_decoy|proxy_protocol|nginx_image` and `user set --domain`."""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

import pytest

from mtpm_desktop.remote.checks.faketls_probe import LinkStatus
from tests.fixtures.engines import ENGINE_NAME
from tests.fixtures.ports import free_port
from tests.integration.orchestration_helpers import wait_probe
from tests.integration.test_orchestration_cli import Mtpm

pytestmark = pytest.mark.integration


def test_port_443_mode_from_the_cli(
    server_profile: Any, remote_data_dir: Path, test_images: Any, docker_cleanup: Any
) -> None:
    cli = Mtpm(remote_data_dir, test_images.proxy)
    s = ("-s", server_profile.name)
    cli.run(*s, "settings", "set", "engine", ENGINE_NAME)
    docker_cleanup.register_instance(cli.json(*s, "settings", "show")["instance_id"])
    tag = secrets.token_hex(5)
    sni_port = free_port()
    for key, value in (
        ("server_ip", "127.0.0.1"),
        ("docker_network", f"mtpm-t443c-{tag}"),
        ("nginx_container_name", f"mtpm-nginx-{tag}"),
        ("nginx_image", test_images.nginx),
        ("sni_listen_port", str(sni_port)),
    ):
        cli.run(*s, "settings", "set", key, value)
    bad = cli.run(*s, "settings", "set", "sni_decoy", 'x.com:443"; }', ok=False)
    assert bad.returncode == 1 and "host:port" in bad.stderr and bad.stderr.count("\n") == 1

    cli.json(*s, "user", "add", "alice", "--port", str(free_port()), "--domain", "ya.ru")
    cli.json(*s, "user", "add", "bob", "--port", str(free_port()), "--domain", "ya.ru")
    on = cli.run(*s, "settings", "set", "port_443_mode", "true")
    assert "bob: domain ya.ru -> " in on.stdout and "link changed" in on.stdout, on.stdout
    users = {u["name"]: u for u in cli.json(*s, "user", "list")}
    assert users["alice"]["domain"] == "ya.ru" and users["bob"]["domain"] != "ya.ru"
    for u in users.values():
        assert f"port={sni_port}&" in u["tg_link"]
        assert wait_probe(sni_port, u["secret"], LinkStatus.ACCEPTED).ok, u["name"]

    # Alice's domain is Bob's now? Refused: in this mode each enabled user needs its own.
    taken = cli.run(*s, "user", "set", "alice", "--domain", users["bob"]["domain"], "--json", ok=False)
    assert taken.returncode == 1 and json.loads(taken.stdout)["error_type"] == "DomainInUse"
    moved = cli.json(*s, "user", "set", "alice", "--domain", "vk.com")
    assert moved["user"]["domain"] == "vk.com" and moved["user"]["secret"] != users["alice"]["secret"]
    assert wait_probe(sni_port, moved["user"]["secret"], LinkStatus.ACCEPTED).ok
    # The old secret no longer works: ya.ru is routed nowhere now.
    assert wait_probe(sni_port, users["alice"]["secret"], LinkStatus.REFUSED).status is LinkStatus.REFUSED

    cli.run(*s, "settings", "set", "proxy_protocol", "true")
    cli.run(*s, "settings", "set", "sni_decoy", "127.0.0.1:9")  # never dials out
    assert wait_probe(sni_port, moved["user"]["secret"], LinkStatus.ACCEPTED).ok

    off = cli.run(*s, "settings", "set", "port_443_mode", "false")
    assert "link changed" in off.stdout
    for u in cli.json(*s, "user", "list"):
        assert f"port={u['port']}&" in u["tg_link"]
        assert wait_probe(u["port"], u["secret"], LinkStatus.ACCEPTED).ok, u["name"]
