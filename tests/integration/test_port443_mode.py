"""Port-443 mode through the service layer (what the CLI and GUI call): the switch is one reconcile of state,
secrets, containers and nginx, over the fixture sshd, with real test-engine proxies and Debian's nginx."""

from __future__ import annotations

import dataclasses
import secrets
from typing import Any

import docker
import pytest

from mtpm_desktop.core.errors import InvalidSetting
from mtpm_desktop.core.links import user_links
from mtpm_desktop.core.state import state_to_dict
from mtpm_desktop.remote.checks.faketls_probe import LinkStatus, probe_link
from mtpm_desktop.remote.checks.link_check import check_links
from mtpm_desktop.remote.port443 import nginx
from mtpm_desktop.remote.port443.sni_mode import nginx_target
from mtpm_desktop.remote.service import ServerService
from tests.fixtures.images import TestImages
from tests.fixtures.ports import free_port
from tests.integration.orchestration_helpers import wait_probe

pytestmark = pytest.mark.integration

HOST = "127.0.0.1"


@pytest.fixture
def service(
    server_session: Any, server_profile: Any, test_engine: Any, docker_cleanup: Any, test_images: TestImages
) -> ServerService:
    """A fresh install whose router publishes on loopback only, with unique Docker names."""
    svc = ServerService(
        server_session, root=server_profile.install_root, engine=test_engine, router_publish_host=HOST
    )
    svc.ensure_state()
    docker_cleanup.register_instance(svc.load_state().instance_id)
    tag = secrets.token_hex(5)
    for key, value in (
        ("server_ip", HOST),
        ("docker_network", f"mtpm-t443m-{tag}"),
        ("nginx_image", test_images.nginx),
        ("sni_listen_port", str(free_port())),
    ):
        svc.set_setting(key, value)
    state = svc.load_state()
    state.nginx_container_name = f"mtpm-nginx-{tag}"  # no setting for it: names come from the state file
    svc.store.commit(state_to_dict(state), state.revision)
    return svc


def _links(service: ServerService) -> dict[str, str]:
    state = service.load_state()
    return {u.name: user_links(state, u).tg for u in state.users}


def _published(client: docker.DockerClient, service: ServerService) -> dict[str, Any]:
    """Each user's container -> its published host ports (Docker's NetworkSettings.Ports, None-free)."""
    out = {}
    for uid, entry in service._container_index(service.load_state()).items():
        attrs = client.api.inspect_container(entry["Id"])
        ports = attrs["NetworkSettings"]["Ports"] or {}
        out[uid] = {k: v for k, v in ports.items() if v} | (attrs["HostConfig"]["PortBindings"] or {})
    return out


def _router(service: ServerService) -> Any:
    state = service.load_state()
    return nginx.find_nginx_container(service.session, nginx_target(state, service.root))


def test_mode_on_then_off_changes_the_right_links_and_every_link_works(
    service: ServerService, docker_engine: docker.DockerClient
) -> None:
    service.add_user("alice", port=free_port(), domain="ya.ru")
    service.add_user("bob", port=free_port(), domain="ya.ru")  # standard mode: a shared domain is fine
    service.add_user("carol", port=free_port(), domain="vk.com")
    start = {u.name: u for u in service.list_users()}
    start_links = _links(service)
    for u in start.values():
        assert wait_probe(u.port, u.secret, LinkStatus.ACCEPTED).ok, u.name

    on = service.set_setting("port_443_mode", "true")
    assert on.reconcile.ok, on.reconcile.errors
    users = {u.name: u for u in service.list_users()}
    # Bob shared Alice's domain: only his secret changes; everyone's link moves to the one SNI port.
    assert users["alice"].secret == start["alice"].secret
    assert users["carol"].secret == start["carol"].secret
    assert users["bob"].secret != start["bob"].secret and users["bob"].domain != "ya.ru"
    assert any("bob" in note and "ya.ru" in note for note in on.notes), on.notes
    assert {n.split("'")[0] for n in on.notes if "link changed" in n} == {"alice", "bob", "carol"}
    sni_port = service.load_state().sni_listen_port
    for name, u in users.items():
        assert f"port={sni_port}&" in (u.tg_link or ""), name
        assert wait_probe(sni_port, u.secret, LinkStatus.ACCEPTED).ok, name
        # The proxies publish nothing now: their own ports are closed.
        assert probe_link(HOST, u.port, u.secret, timeout=3).status is LinkStatus.UNREACHABLE, name
    assert all(not ports for ports in _published(docker_engine, service).values())
    assert _router(service) is not None
    # The product's own link check goes through the router too.
    report = check_links(service)
    assert {r.name: r.verdict.value for r in report.results} == dict.fromkeys(users, "accepted")
    # Drift: the router removed by hand comes back with the next reconcile.
    docker_engine.api.remove_container(_router(service).id, force=True)
    assert _router(service) is None
    service.reconcile()
    assert _router(service) is not None
    assert wait_probe(sni_port, users["alice"].secret, LinkStatus.ACCEPTED).ok

    off = service.set_setting("port_443_mode", "false")
    assert off.reconcile.ok, off.reconcile.errors
    final = {u.name: u for u in service.list_users()}
    assert {n: u.secret for n, u in final.items()} == {n: u.secret for n, u in users.items()}
    assert _router(service) is None
    final_links = _links(service)
    # Net effect of on + off: only Bob's link differs from the start.
    assert [n for n in final_links if final_links[n] != start_links[n]] == ["bob"]
    for name, u in final.items():
        assert wait_probe(u.port, u.secret, LinkStatus.ACCEPTED).ok, name


def test_proxy_protocol_on_proxies_unpublished_and_header_required(
    service: ServerService, docker_engine: docker.DockerClient
) -> None:
    service.set_setting("port_443_mode", "true")
    service.add_user("dora", port=free_port())
    result = service.set_setting("proxy_protocol", "true")
    assert result.reconcile.ok, result.reconcile.errors
    dora = service.get_user("dora")
    sni_port = service.load_state().sni_listen_port
    published = _published(docker_engine, service)
    assert list(published.values()) == [{}]
    # Through nginx (which sends the PROXY header) the proxy accepts the secret...
    assert wait_probe(sni_port, dora.secret, LinkStatus.ACCEPTED).ok
    # ...while the same proxy reached directly on the Docker bridge, without the header, refuses it.
    entry = service._container_index(service.load_state())[dora.id]
    attrs = docker_engine.api.inspect_container(entry["Id"])
    address = attrs["NetworkSettings"]["Networks"][service.load_state().docker_network]["IPAddress"]
    assert probe_link(address, dora.port, dora.secret, timeout=5).status is LinkStatus.REFUSED
    logs = docker_engine.api.logs(entry["Id"]).decode(errors="replace")
    assert "bad proxy protocol headers" in logs


def test_proxy_protocol_is_refused_for_an_engine_that_cannot_read_it(
    server_session: Any, server_profile: Any, test_engine: Any, docker_cleanup: Any
) -> None:
    engine = dataclasses.replace(test_engine, supports_proxy_protocol=False)
    svc = ServerService(server_session, root=server_profile.install_root, engine=engine)
    svc.ensure_state()
    docker_cleanup.register_instance(svc.load_state().instance_id)
    revision = svc.load_state().revision
    with pytest.raises(InvalidSetting) as err:
        svc.set_setting("proxy_protocol", "true")
    assert "proxy_protocol to false" in err.value.message
    assert svc.load_state().revision == revision and not svc.load_state().proxy_protocol
