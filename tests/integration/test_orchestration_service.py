"""Issue 4's "Done when" through the fixture sshd: real containers of the test engine, the real probe."""

from __future__ import annotations

import json
import os
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest

from mtpm_desktop.remote.checks.faketls_probe import LinkStatus, probe_link
from mtpm_desktop.remote.checks.link_check import check_links
from mtpm_desktop.remote.proxies.reconcile import container_name
from mtpm_desktop.remote.proxies.state_store import ConflictError
from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.service_models import LinkVerdict, UserState
from mtpm_desktop.remote.setup.import_panel import import_panel
from tests.fixtures.ports import free_port
from tests.integration.orchestration_helpers import new_service, started_at, wait_probe, wrong_secret_for

pytestmark = pytest.mark.integration


@pytest.fixture
def service(server_session: Any, server_profile: Any, test_engine: Any, docker_cleanup: Any) -> ServerService:
    return new_service(server_session, server_profile, test_engine, docker_cleanup)


def _containers(service: ServerService) -> dict[str, dict[str, Any]]:
    return service._container_index(service.load_state())


def test_users_get_their_own_containers_and_a_new_user_restarts_nobody(
    service: ServerService, docker_engine: Any
) -> None:
    added = [service.add_user(f"user{i}", port=free_port()) for i in range(3)]
    assert all(r.reconcile.ok for r in added), [r.reconcile.errors for r in added]
    users = service.list_users()
    assert len(users) == 3
    for u in users:
        assert wait_probe(u.port, u.secret, LinkStatus.ACCEPTED).status is LinkStatus.ACCEPTED, u
        assert (
            probe_link("127.0.0.1", u.port, wrong_secret_for(u.secret), timeout=5).status
            is LinkStatus.REFUSED
        )
        assert u.tg_link == f"tg://proxy?server=127.0.0.1&port={u.port}&secret={u.secret}"
    index = _containers(service)
    before = {uid: started_at(docker_engine, e["Id"]) for uid, e in index.items()}
    names = {docker_engine.api.inspect_container(e["Id"])["Name"].lstrip("/") for e in index.values()}
    assert names == {container_name(u.port) for u in users}
    inspect = docker_engine.api.inspect_container(next(iter(index.values()))["Id"])
    assert inspect["HostConfig"]["RestartPolicy"]["Name"] == "unless-stopped"
    assert inspect["HostConfig"]["LogConfig"]["Config"] == {"max-size": "1m", "max-file": "2"}
    assert service.load_state().docker_network in inspect["NetworkSettings"]["Networks"]

    fourth = service.add_user("user3", port=free_port())
    changed = {r.user_id for r in fourth.reconcile.changed}
    assert fourth.user is not None and changed == {fourth.user.id}
    after = {uid: started_at(docker_engine, e["Id"]) for uid, e in _containers(service).items()}
    for uid, ident in before.items():
        assert after[uid] == ident
    status = service.status()
    assert status.summary == "Running 4/4"
    assert status.clock is not None and status.clock.warning is None


def test_disable_enable_delete_and_drift(
    service: ServerService, docker_engine: Any, server_profile: Any
) -> None:
    a = service.add_user("anna", port=free_port()).user
    b = service.add_user("boris", port=free_port()).user
    assert a is not None and b is not None
    wait_probe(a.port, a.secret, LinkStatus.ACCEPTED)
    b_before = started_at(docker_engine, _containers(service)[b.id]["Id"])

    result = service.disable_user("anna")
    assert [r.action for r in result.reconcile.changed] == ["stopped"]
    assert service.get_user(a.id).state is UserState.DISABLED
    assert probe_link("127.0.0.1", a.port, a.secret, timeout=3).status is LinkStatus.UNREACHABLE
    service.enable_user(a.id)
    assert wait_probe(a.port, a.secret, LinkStatus.ACCEPTED).ok
    assert started_at(docker_engine, _containers(service)[b.id]["Id"]) == b_before

    # Drift: removed by hand -> recreated; stopped by hand -> started; converged -> nothing.
    docker_engine.api.remove_container(_containers(service)[a.id]["Id"], force=True)
    docker_engine.api.stop(_containers(service)[b.id]["Id"], timeout=1)
    report = service.reconcile()
    assert {(r.name, r.action) for r in report.changed} == {("anna", "created"), ("boris", "started")}
    assert wait_probe(a.port, a.secret, LinkStatus.ACCEPTED).ok
    assert wait_probe(b.port, b.secret, LinkStatus.ACCEPTED).ok
    assert service.reconcile().changed == []

    config_file = Path(server_profile.install_root) / "proxies" / f"{a.id}.config.py"
    assert config_file.exists() and (config_file.stat().st_mode & 0o777) == 0o600
    service.remove_user("anna")
    assert a.id not in _containers(service)
    assert not config_file.exists()
    assert [u.name for u in service.list_users()] == ["boris"]


def test_concurrent_clients_conflict_and_config_is_always_valid_json(
    service: ServerService, server_profile: Any, server_session: Any, test_engine: Any
) -> None:
    other = ServerService(
        server_session, root=server_profile.install_root, engine=test_engine, manage_agent=False
    )
    path = Path(server_profile.install_root) / "config.json"
    stop = threading.Event()
    bad: list[str] = []
    reads = [0]

    def reader() -> None:
        while not stop.is_set():
            text = path.read_text()
            try:
                json.loads(text)
            except json.JSONDecodeError as exc:
                bad.append(f"{exc}: {text[:80]!r}")
            reads[0] += 1

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        seen = service.load_state().revision
        assert other.load_state().revision == seen
        service.set_setting("server_domain", "a.example.com", expected_revision=seen)
        with pytest.raises(ConflictError):
            other.set_setting("fake_tls_domain", "www.apple.com", expected_revision=seen)
        # After a re-read the second change applies on top of the first.
        other.set_setting("fake_tls_domain", "www.apple.com", expected_revision=other.load_state().revision)
        # And a stale write straight at the store loses nothing either.
        stale = service.load_state().revision - 1
        with pytest.raises(ConflictError):
            service.store.commit({"revision": stale}, stale)
        for i in range(10):
            service.set_setting("proxy_port", str(20000 + i))
    finally:
        stop.set()
        thread.join()
    final = service.settings()
    assert final["server_domain"] == "a.example.com" and final["fake_tls_domain"] == "www.apple.com"
    assert final["proxy_port"] == 20009
    assert bad == [] and reads[0] > 0
    assert [p for p in os.listdir(server_profile.install_root) if p.endswith(".tmp")] == []


def test_check_reports_accepted_and_unreachable(service: ServerService, docker_engine: Any) -> None:
    a = service.add_user("up", port=free_port()).user
    b = service.add_user("down", port=free_port()).user
    c = service.add_user("off", port=free_port()).user
    assert a and b and c
    service.disable_user("off")
    wait_probe(a.port, a.secret, LinkStatus.ACCEPTED)
    wait_probe(b.port, b.secret, LinkStatus.ACCEPTED)
    docker_engine.api.stop(_containers(service)[b.id]["Id"], timeout=1)
    report = check_links(service)
    verdicts = {r.name: r.verdict for r in report.results}
    assert verdicts == {
        "up": LinkVerdict.ACCEPTED,
        "down": LinkVerdict.UNREACHABLE,
        "off": LinkVerdict.SKIPPED,
    }
    assert next(r for r in report.results if r.name == "up").rtt_ms is not None
    assert report.clock is not None and abs(report.clock.offset_s) < 1.0


def test_logs_are_merged_with_prefixes(service: ServerService) -> None:
    users = [service.add_user(f"log{i}", port=free_port()).user for i in range(3)]
    for u in users:
        assert u is not None
        wait_probe(u.port, u.secret, LinkStatus.ACCEPTED)
    lines = service.logs(tail=1000)
    containers = {ln.container for ln in lines}
    assert containers == {container_name(u.port) for u in users if u}
    assert lines == sorted(lines, key=lambda ln: ln.timestamp)
    # Tagged with the user's name, so a search for "log1" finds that user's lines.
    names = {container_name(u.port): u.name for u in users if u}
    assert all(ln.user == names[ln.container] and ln.format().startswith(f"[{ln.user}] ") for ln in lines)
    assert len(service.logs(tail=2)) == 2
    one = users[0]
    assert one is not None
    assert {ln.container for ln in service.logs(one.name, tail=50)} == {container_name(one.port)}


def _run_panel_proxy(
    client: Any, engine: Any, secret: str, port: int, labels: dict[str, str], workdir: Path
) -> Any:
    """A container as the old panel ran them: named mtg-proxy-PORT, on the panel's own network (not Docker's
    default bridge, which is not ours to rely on on a shared engine), without mtpm's labels."""
    from mtpm_desktop.remote.proxies.mtg_config import ProxyConfigInput

    config = workdir / "panel-proxy.conf"
    config.write_text(engine.render(ProxyConfigInput(secret_hex=secret, port=port)))
    config.chmod(0o600)
    network = client.networks.create(f"mtproto-panel-{uuid.uuid4().hex[:8]}", labels=labels)
    return client.containers.run(
        engine.image,
        list(engine.command),
        name=container_name(port),
        detach=True,
        labels=labels,
        network=network.name,
        ports={f"{port}/tcp": ("127.0.0.1", port)},
        volumes={str(config): {"bind": engine.config_mount, "mode": "ro"}},
        **engine.run_options,
    )


def test_import_old_panel_keeps_links_ports_and_secrets(
    service: ServerService, docker_engine: Any, docker_cleanup: Any, test_engine: Any, tmp_path: Path
) -> None:
    example = json.loads((Path(__file__).parents[1] / "data" / "old_panel_config.json").read_text())
    ports = [free_port(), free_port()]
    for user, port in zip(example["users"], ports, strict=True):
        user["port"] = port
    # Standard mode on loopback, so the links can be dialled from here.
    example.update(server_ip="127.0.0.1", server_domain="", port_443_mode=False)
    panel = tmp_path / "mtproto"
    (panel / "data").mkdir(parents=True)
    config_text = json.dumps(example, indent=2)
    (panel / "data" / "config.json").write_text(config_text)
    traffic = {
        "rx_bytes": 10,
        "tx_bytes": 20,
        "users": {str(ports[0]): {"rx": 1, "tx": 2}},
        "last_per_container": {f"mtg-proxy-{ports[0]}": {"rx": 1, "tx": 2}},
    }
    (panel / "data" / "traffic.json").write_text(json.dumps(traffic))
    # The panel's own container for the first user, on that user's port, with that user's secret.
    old = _run_panel_proxy(
        docker_engine, test_engine, example["users"][0]["secret"], ports[0], docker_cleanup.labels, tmp_path
    )
    try:
        assert wait_probe(ports[0], example["users"][0]["secret"], LinkStatus.ACCEPTED).ok
        report = import_panel(service, panel_root=str(panel))
        assert report.reconcile.ok, report.reconcile.errors
        assert report.renamed_containers == {f"mtg-proxy-{ports[0]}": f"mtg-proxy-{ports[0]}-old-panel"}
        old.reload()
        assert old.status == "exited" and old.name == f"mtg-proxy-{ports[0]}-old-panel"
        assert report.traffic_seeded and report.rollback
        by_name = {u.name: u for u in report.users}
        for raw in example["users"]:
            u = by_name[raw["name"]]
            assert (u.port, u.secret) == (raw["port"], raw["secret"])
            assert u.tg_link == f"tg://proxy?server=127.0.0.1&port={raw['port']}&secret={raw['secret']}"
            assert wait_probe(u.port, raw["secret"], LinkStatus.ACCEPTED).ok
        phone = service.load_state().users[0]
        assert (phone.traffic_limit_gb, phone.throttle_speed_mbps) == (50, 2)
        assert service.load_state().proxy_image != "nineseconds/mtg:2"
        assert (panel / "data" / "config.json").read_text() == config_text  # the panel's files untouched
        with pytest.raises(Exception, match="already has 2 users"):
            import_panel(service, panel_root=str(panel))
    finally:
        old.remove(force=True)


def test_a_port_taken_by_another_program_is_reported_and_repaired_later(service: ServerService) -> None:
    import socket

    port = free_port()
    squatter = socket.socket()
    squatter.bind(("0.0.0.0", port))
    squatter.listen()
    try:
        result = service.add_user("squatted", port=port)
        assert not result.reconcile.ok
        error = result.reconcile.errors[0].error or ""
        assert f"Port {port} is already in use" in error and "--port" in error
        assert service.get_user("squatted").state is UserState.MISSING
    finally:
        squatter.close()
    assert [r.action for r in service.reconcile().changed] == ["created"]
    user = service.get_user("squatted")
    assert wait_probe(user.port, user.secret, LinkStatus.ACCEPTED).ok


def test_follow_logs_yields_new_lines(service: ServerService, docker_engine: Any) -> None:
    user = service.add_user("chatty", port=free_port()).user
    assert user is not None
    wait_probe(user.port, user.secret, LinkStatus.ACCEPTED)
    stop = threading.Event()
    seen: list[str] = []
    tail_len = len(service.logs(tail=1000))

    def follow() -> None:
        for line in service.follow_logs(tail=1000, stop=stop):
            seen.append(line.text)

    thread = threading.Thread(target=follow)
    thread.start()
    try:
        docker_engine.api.restart(_containers(service)[user.id]["Id"], timeout=1)
        wait_probe(user.port, user.secret, LinkStatus.ACCEPTED)
        # The restarted proxy prints its start-up lines again; they arrive through the follow stream.
        deadline = threading.Event()
        for _ in range(150):
            if len(seen) > tail_len:
                break
            deadline.wait(0.2)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert len(seen) > tail_len
    assert not thread.is_alive()


def test_a_held_lock_times_out_cleanly(
    service: ServerService, server_profile: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    from mtpm_desktop.remote.proxies import state_store

    monkeypatch.setattr(state_store, "LOCK_WAIT_S", 1)
    root = Path(server_profile.install_root)
    before = (root / "config.json").read_text()
    with open(root / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another writer holding the server's lock
        with pytest.raises(state_store.StateWriteError, match="held the lock"):
            service.set_setting("server_domain", "late.example.com")
    assert (root / "config.json").read_text() == before
    assert [p for p in os.listdir(root) if p.endswith(".tmp")] == []
    service.set_setting("server_domain", "late.example.com")  # free again
    assert service.settings()["server_domain"] == "late.example.com"
