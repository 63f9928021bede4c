"""Moves, backups and restores between two real test servers, each with its own Docker.

OLD is a private sshd whose sessions reach a private dockerd (its own network namespace: OLD's proxy ports
do not take this machine's ports, as on another VPS); NEW is an install root on the fixture sshd with the
machine's Docker, so its links are checked from here like a client would. A fresh NEW is an empty install
root (cheap), wiped after use. Traffic history is seeded into OLD's agent database.
"""

from __future__ import annotations

import base64
import json
import random
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docker
import pytest
from mtpm_desktop.remote_agent.store import Store

from mtpm_desktop.core.backup_format import DamagedBackup, WrongPassphrase
from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.state import state_to_dict
from mtpm_desktop.remote.checks.link_check import check_links
from mtpm_desktop.remote.migrate import backup as backup_ops
from mtpm_desktop.remote.migrate.journal import journal_path
from mtpm_desktop.remote.migrate.move import move_server
from mtpm_desktop.remote.proxies.reconcile import LABEL_INSTANCE, LABEL_ROLE
from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.ssh.hostkeys import HostKeyStore
from mtpm_desktop.remote.ssh.profiles import ServerProfile
from mtpm_desktop.remote.ssh.session import ServerSession, connect
from tests.fixtures.faults import CutRelay, EnvSshd, PrivateDockerd
from tests.fixtures.ports import free_port
from tests.fixtures.remote import public_key_from_line
from tests.fixtures.sshd import SshdServer

pytestmark = pytest.mark.integration

HOST = "127.0.0.1"
OLD_IP = "192.0.2.10"  # TEST-NET-1: the old server's address in its links
SEED = 1515
POINTS = 10
HOUR = 3600


@dataclass
class Server:
    name: str
    service: ServerService
    session: ServerSession
    root: Path

    @property
    def db(self) -> Path:
        return self.root / "data" / "history.sqlite3"


@dataclass
class Pair:
    old: Server
    old_docker: PrivateDockerd
    data_dir: Path
    new_server: Callable[..., Server]  # a fresh, empty NEW (optionally behind a CutRelay)
    relays: list[CutRelay]


def _profile(name: str, host: str, port: int, key: Path, root: Path) -> ServerProfile:
    return ServerProfile(
        name=name, host=host, port=port, user="root", auth="key", key_path=str(key), install_root=str(root)
    )


def _pin(data_dir: Path, host: str, port: int, sshd: SshdServer) -> None:
    HostKeyStore.for_data_dir(data_dir, use_user_known_hosts=False).pin(
        host, port, public_key_from_line(sshd.host_public_key_line)
    )


def _settle(service: ServerService, tag: str, docker_cleanup: Any, test_images: Any) -> None:
    """A fresh state with its own Docker network, router name and SNI port (one write, no reconcile)."""
    service.ensure_state()
    state = service.load_state()
    docker_cleanup.register_instance(state.instance_id)
    state.server_ip = HOST
    state.docker_network = f"mtpm-mv-{tag}"
    state.nginx_image = test_images.nginx
    state.sni_listen_port = free_port()
    state.nginx_container_name = f"mtpm-nginx-mv-{tag}"
    service.store.commit(state_to_dict(state), state.revision)


def _seed_history(db: Path, users: list[Any]) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    store = Store(str(db))
    rng = random.Random(SEED)
    base = 1_780_000_000 // HOUR * HOUR
    store.begin()
    for i, u in enumerate(users):
        store.ensure_user(u.id, u.port, "lifetime")
        for h in range(24 + i):
            store.add_traffic(u.id, rng.randrange(1, 10**8), rng.randrange(1, 10**8), base + h * HOUR)
    store.commit()
    store.close()


@pytest.fixture(scope="module")
def pair(
    sshd_server: SshdServer,
    tmp_path_factory: pytest.TempPathFactory,
    test_engine: Any,
    test_images: Any,
    docker_cleanup: Any,
    docker_engine: docker.DockerClient,
) -> Iterator[Pair]:
    data_dir = tmp_path_factory.mktemp("move-data")
    workdir = Path(tempfile.mkdtemp(prefix="mtpm-pd-", dir="/tmp"))  # short: unix socket paths
    daemon = PrivateDockerd(workdir)
    daemon.start()
    sshd_dir = Path(tempfile.mkdtemp(prefix="mtpm-envsshd-"))
    env_sshd = EnvSshd(sshd_dir, {"DOCKER_HOST": daemon.host})
    sessions: list[ServerSession] = []
    relays: list[CutRelay] = []
    roots: list[tuple[ServerService, Path]] = []
    try:
        save = subprocess.run(["docker", "save", test_images.proxy], capture_output=True, check=True)
        daemon.docker("load", input=save.stdout)
        env_sshd.setup()
        _pin(data_dir, env_sshd.host, env_sshd.port, env_sshd)
        old_root = tmp_path_factory.mktemp("old") / "opt-mtpm"
        old_root.mkdir()
        session = connect(
            _profile("old", env_sshd.host, env_sshd.port, env_sshd.root_key_path, old_root), data_dir=data_dir
        )
        sessions.append(session)
        old_svc = ServerService(session, root=str(old_root), engine=test_engine, manage_agent=False)
        _settle(old_svc, "old" + secrets.token_hex(3), docker_cleanup, test_images)
        old_svc.set_setting("traffic_limit_gb", "40")
        old_svc.set_setting("server_ip", OLD_IP)  # never dialled: OLD's links are not checked from here
        names = ["anna", "boris", "vera", "gleb", "dina"]
        for name in names:
            old_svc.add_user(name, port=free_port())
        old_svc.update_user("boris", traffic_limit_gb=7.5, expires_at="2099-01-01T00:00:00Z")
        old_svc.update_user("vera", quota_period="monthly:5", throttle_speed_mbps=3)
        old_svc.disable_user("dina")
        _seed_history(old_root / "data" / "history.sqlite3", old_svc.load_state().users)

        def new_server(*, relay: bool = False) -> Server:
            root = tmp_path_factory.mktemp("new") / "opt-mtpm"
            root.mkdir()
            host, port = sshd_server.host, sshd_server.port
            if relay:
                r = CutRelay(sshd_server.host, sshd_server.port)
                relays.append(r)
                host, port = r.host, r.port
                _pin(data_dir, host, port, sshd_server)
            else:
                _pin(data_dir, host, port, sshd_server)
            s = connect(_profile("new", host, port, sshd_server.root_key_path, root), data_dir=data_dir)
            sessions.append(s)
            svc = ServerService(
                s, root=str(root), engine=test_engine, manage_agent=False, router_publish_host=HOST
            )
            _settle(svc, "new" + secrets.token_hex(3), docker_cleanup, test_images)
            roots.append((svc, root))
            return Server("new", svc, s, root)

        yield Pair(Server("old", old_svc, session, old_root), daemon, data_dir, new_server, relays)
    finally:
        for s in sessions:
            s.close()
        for r in relays:
            r.close()
        env_sshd.stop()
        daemon.stop()
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(sshd_dir, ignore_errors=True)


def wipe(server: Server, client: docker.DockerClient) -> None:
    """Remove a NEW's containers and every file: the machine is as before mtpm."""
    instance = server.service.load_state().instance_id
    for c in client.containers.list(all=True, filters={"label": f"{LABEL_INSTANCE}={instance}"}):
        c.remove(force=True)
    for child in server.root.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()


def counters(db: Path, ids: set[str]) -> tuple[dict[str, tuple[Any, ...]], list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as con:
        users = {
            r[0]: r[1:]
            for r in con.execute(
                "SELECT user_id, rx_total, tx_total, rx_period, tx_period, period_key FROM users"
            )
            if r[0] in ids
        }
        history = sorted(r for r in con.execute("SELECT user_id, hour, rx, tx FROM history") if r[0] in ids)
    return users, history


def user_facts(service: ServerService) -> dict[str, dict[str, Any]]:
    """What makes each user, by id (everything but the port, compared on its own)."""
    out = {}
    for u in service.load_state().users:
        out[u.id] = {
            "name": u.name,
            "secret": u.secret,
            "enabled": u.enabled,
            "limit": u.traffic_limit_gb,
            "throttle": u.throttle_speed_mbps,
            "expires": u.expires_at,
            "period": u.quota_period.to_json() if u.quota_period else None,
            "unlimited": u.unlimited,
        }
    return out


def _old_running(pair: Pair) -> set[str]:
    return set(pair.old_docker.docker("ps", "--format", "{{.Names}}").split())


def _assert_same_as_old(pair: Pair, new: Server) -> None:
    old_facts = user_facts(pair.old.service)
    assert user_facts(new.service) == old_facts
    old_ports = {u.id: u.port for u in pair.old.service.load_state().users}
    assert {u.id: u.port for u in new.service.load_state().users} == old_ports
    ids = set(old_facts)
    assert counters(new.db, ids) == counters(pair.old.db, ids)
    assert counters(new.db, ids)[1], "history was moved"


def _one_container_each(new: Server, client: docker.DockerClient) -> None:
    state = new.service.load_state()
    containers = client.containers.list(
        all=True, filters={"label": [f"{LABEL_INSTANCE}={state.instance_id}", f"{LABEL_ROLE}=proxy"]}
    )
    per_user = [c.labels["mtpm.user-id"] for c in containers]
    assert len(per_user) == len(set(per_user)), "a user has two containers"
    # Every enabled user runs; a user moved disabled needs no container until it is enabled.
    assert {u.id for u in state.users if u.enabled} <= set(per_user) <= {u.id for u in state.users}


def test_move_five_users_with_history(
    pair: Pair, docker_engine: docker.DockerClient, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    new = pair.new_server()
    running_before = _old_running(pair)
    assert len(running_before) == 4  # dina is disabled
    asked: list[tuple[bool, set[str]]] = []

    def confirm(report: Any) -> bool:
        asked.append((report.all_checked, _old_running(pair)))
        return False  # the admin says no

    report = move_server(
        pair.old.service,
        new.service,
        old_name="old",
        new_name="new",
        data_dir=pair.data_dir,
        stop_old=confirm,
    )
    assert [u.name for u in report.moved] == ["anna", "boris", "vera", "gleb", "dina"]
    assert asked == [(True, running_before)]  # asked once, after every link was checked, OLD untouched
    assert not report.old_stopped and _old_running(pair) == running_before
    _assert_same_as_old(pair, new)
    _one_container_each(new, docker_engine)
    checks = check_links(new.service)
    accepted = {r.name for r in checks.results if r.verdict == "accepted"}
    assert accepted == {"anna", "boris", "vera", "gleb"}
    by_name = {u.name: u for u in report.moved}
    assert all(by_name[n].checked for n in accepted) and not by_name["dina"].checked
    # No server domain: the links change (new address) and a share sheet is written.
    assert all(u.old_link != u.new_link for u in report.moved)
    assert report.dns == [] and report.share_sheet is not None
    sheet = report.share_sheet.read_text()
    assert all(u.new_link and u.new_link.replace("&", "&amp;") in sheet for u in report.moved)
    assert sheet.count("<svg") == 5

    # Again through the CLI, now with --stop-old: nobody is created twice, OLD's proxies stop, data stays.
    from mtpm_desktop.cli import migrate as cli_migrate
    from mtpm_desktop.cli.main import main

    services = {"old": pair.old.service, "new": new.service}
    monkeypatch.setattr(cli_migrate, "service_for", services.__getitem__)
    monkeypatch.setenv("MTPM_DATA_DIR", str(pair.data_dir))
    old_config = (pair.old.root / "config.json").read_text()
    old_history = counters(pair.old.db, set(user_facts(pair.old.service)))
    code = main(["server", "move", "old", "new", "--yes", "--stop-old", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert set(out) == {"moved", "dns", "old_stopped"}
    assert out["old_stopped"] is True and out["dns"] == []
    assert {tuple(sorted(m)) for m in out["moved"]} == {
        ("checked", "id", "link_changed", "name", "new_link", "old_link")
    }
    assert len(new.service.load_state().users) == 5
    _assert_same_as_old(pair, new)
    assert _old_running(pair) == set()
    assert len(pair.old_docker.docker("ps", "-a", "--format", "{{.Names}}").split()) == 5  # nothing deleted
    old_after = json.loads((pair.old.root / "config.json").read_text())
    assert [u["secret"] for u in old_after["users"]] == [u["secret"] for u in json.loads(old_config)["users"]]
    assert counters(pair.old.db, set(user_facts(pair.old.service))) == old_history
    pair.old.service.start_all()  # for the next tests
    wipe(new, docker_engine)


def _points(total: int) -> list[int]:
    rng = random.Random(SEED)
    step = 0.9 * total / POINTS
    return [max(1, int(i * step + rng.random() * step)) for i in range(POINTS)]


def test_move_cut_at_ten_points_then_resumed(pair: Pair, docker_engine: docker.DockerClient) -> None:
    # Calibrate: the bytes a whole move sends over NEW's connection.
    new = pair.new_server(relay=True)
    relay = pair.relays[-1]
    relay.reset_count()
    move_server(pair.old.service, new.service, old_name="old", new_name="cal", data_dir=pair.data_dir)
    total = relay.forwarded
    wipe(new, docker_engine)
    old_running = _old_running(pair)
    cuts = 0
    for i, at in enumerate(_points(total)):
        new = pair.new_server(relay=True)
        relay = pair.relays[-1]
        name = f"cut{i}"
        relay.arm(at)
        try:
            move_server(pair.old.service, new.service, old_name="old", new_name=name, data_dir=pair.data_dir)
            outcome = "completed"
        except MtpmError as exc:
            outcome = f"{type(exc).__name__}: {exc.message}"
        except Exception as exc:  # any other type is a failure this test exists for
            relay.disarm()
            raise AssertionError(
                f"untyped {type(exc).__name__} at offset {at} (seed {SEED}): {exc!r}"
            ) from exc
        cuts += relay.disarm()
        # Whatever the point: every user still has its working copy on OLD, none twice on NEW.
        assert _old_running(pair) == old_running, outcome
        ids = [u.id for u in new.service.load_state().users]
        assert len(ids) == len(set(ids)), outcome
        if journal_path(pair.data_dir, "old", name).exists():
            move_server(
                pair.old.service,
                new.service,
                old_name="old",
                new_name=name,
                data_dir=pair.data_dir,
                resume=True,
            )
        assert not journal_path(pair.data_dir, "old", name).exists()
        _assert_same_as_old(pair, new)
        _one_container_each(new, docker_engine)
        wipe(new, docker_engine)
    assert cuts >= POINTS - 1


def _secret_forms(secret_hex: str) -> list[bytes]:
    raw = bytes.fromhex(secret_hex)
    forms = [secret_hex.encode(), secret_hex.upper().encode(), raw]
    for part in (raw, raw[1:17]):
        forms += [base64.b64encode(part).rstrip(b"="), base64.urlsafe_b64encode(part).rstrip(b"=")]
    forms.append(raw[1:17].hex().encode())
    return forms


def _cli(argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> tuple[int, Any]:
    import io

    from mtpm_desktop.cli.main import main

    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_backup_wipe_restore(
    pair: Pair,
    docker_engine: docker.DockerClient,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    from mtpm_desktop.cli import migrate as cli_migrate

    servers: dict[str, Server] = {}
    monkeypatch.setattr(cli_migrate, "service_for", lambda name: servers[name].service)
    source = servers["src"] = pair.new_server()
    move_server(pair.old.service, source.service, old_name="old", new_name="src", data_dir=pair.data_dir)
    (source.root / "nginx").mkdir(exist_ok=True)
    (source.root / "nginx" / "site.conf").write_text("# the admin's router material\n")
    # Folders of features this code does not know (own site, certificates) come along by folder.
    (source.root / "site" / "www").mkdir(parents=True)
    (source.root / "site" / "www" / "index.html").write_text("<h1>hello</h1>")
    (source.root / "acme").mkdir()
    (source.root / "acme" / "fullchain.pem").write_bytes(b"-----BEGIN CERTIFICATE-----\n")
    live = source.root / "site" / "certbot" / "live" / "example"
    live.mkdir(parents=True)
    (source.root / "site" / "certbot" / "archive").mkdir()
    (source.root / "site" / "certbot" / "archive" / "cert1.pem").write_text("CERT")
    (live / "cert.pem").symlink_to("../../archive/cert1.pem")  # as certbot makes them
    file = tmp_path / "src.mtpmbak"
    code, out = _cli(
        ["-s", "src", "backup", "--out", str(file), "--passphrase-stdin"],
        "a good passphrase\n",
        monkeypatch,
        capsys,
    )
    assert code == 0 and out["file"] == str(file)
    data = file.read_bytes()
    expected_facts = user_facts(source.service)
    expected_counters = counters(source.db, set(expected_facts))
    for facts in expected_facts.values():
        for form in _secret_forms(facts["secret"]):
            assert form not in data, "a secret is readable in the backup file"
    assert data.startswith(b"mtpm-backup v1\n")
    wipe(source, docker_engine)

    target = pair.new_server()
    before = sorted(p.name for p in target.root.rglob("*"))
    config_before = (target.root / "config.json").read_bytes()
    with pytest.raises(WrongPassphrase, match="passphrase"):
        backup_ops.restore_backup(target.service, data, "not the passphrase")
    damaged = bytearray(data)
    damaged[len(damaged) // 2] ^= 0xFF
    with pytest.raises(DamagedBackup, match="damaged"):
        backup_ops.restore_backup(target.service, bytes(damaged), "a good passphrase")
    assert sorted(p.name for p in target.root.rglob("*")) == before  # nothing written to the server
    assert (target.root / "config.json").read_bytes() == config_before

    servers["tgt"] = target
    code, out = _cli(
        ["server", "restore", str(file), "--to", "tgt", "--passphrase-stdin"],
        "a good passphrase\n",
        monkeypatch,
        capsys,
    )
    assert code == 0, out
    assert out["users"] == list(expected_facts)
    enabled = {u for u, f in expected_facts.items() if f["enabled"]}
    assert out["checked"] == dict.fromkeys(enabled, True)
    assert user_facts(target.service) == expected_facts
    assert counters(target.db, set(expected_facts)) == expected_counters
    assert (target.root / "nginx" / "site.conf").read_text() == "# the admin's router material\n"
    assert (target.root / "site" / "www" / "index.html").read_text() == "<h1>hello</h1>"
    assert (target.root / "acme" / "fullchain.pem").read_bytes() == b"-----BEGIN CERTIFICATE-----\n"
    restored_link = target.root / "site" / "certbot" / "live" / "example" / "cert.pem"
    assert restored_link.is_symlink() and restored_link.read_text() == "CERT"
    wipe(target, docker_engine)


def test_every_change_in_the_app_leaves_a_backup_here(
    pair: Pair, docker_engine: docker.DockerClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mtpm_desktop.core.backup_format import decrypt
    from mtpm_desktop.remote.migrate.local_backups import backup_passphrase, list_backups
    from mtpm_desktop.ui.service_backend import ServiceBackend

    server = pair.new_server()
    monkeypatch.setenv("MTPM_DATA_DIR", str(pair.data_dir))
    backend = ServiceBackend(
        ServerProfile(name="app-box", host=HOST, install_root=str(server.root)),
        service_factory=lambda _p: server.service,
    )
    backend.add_user("zoya", None, None, lambda _m: None)
    backend.set_setting("traffic_limit_gb", 12, lambda _m: None)
    kept = list_backups(pair.data_dir, "app-box")
    assert len(kept) == 2
    newest = decrypt(kept[0].path.read_bytes(), str(backup_passphrase(create=False)))
    assert [u["name"] for u in newest.config["users"]] == ["zoya"]
    assert newest.config["traffic_limit_gb"] == 12
    wipe(server, docker_engine)
