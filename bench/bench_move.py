"""The time to move N users (with hourly history) from one server to another with `move_server`.

    .venv/bin/python bench/bench_move.py [--users 100] [--hours 48]

Needs root, a running dockerd and the offline test image. One private sshd on loopback stands for both
servers: OLD is an install root holding N users in its config.json and an agent database with --hours of
hourly history per user (OLD needs no containers: a move only reads it); NEW is another install root whose
proxies are the test engine's containers on this machine's dockerd, so every moved link is checked from
here. Prints the wall time of each phase (collect, create + reconcile, history import, link check) and the
total. Everything it creates carries its own instance label and is removed at the end.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import docker

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mtpm_desktop.remote_agent.store import Store

from bench.bench_orchestration import free_ports
from mtpm_desktop.core import users as core_users
from mtpm_desktop.remote.migrate.move import move_server
from mtpm_desktop.remote.proxies.reconcile import LABEL_INSTANCE
from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.ssh.profiles import ServerProfile
from mtpm_desktop.remote.ssh.session import connect
from tests.fixtures.engines import mtprotoproxy_engine
from tests.fixtures.images import ensure_test_image
from tests.fixtures.remote import pin_fixture_host_key
from tests.fixtures.sshd import SshdServer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--hours", type=int, default=48)
    args = parser.parse_args()
    client = docker.from_env(timeout=300)
    engine = mtprotoproxy_engine(ensure_test_image(client).proxy)
    with tempfile.TemporaryDirectory(prefix="mtpm-bench-move-") as tmp:
        work = Path(tmp)
        sshd = SshdServer(workdir=work / "sshd")
        sshd.workdir.mkdir()
        sshd.setup()
        data_dir = work / "data"
        data_dir.mkdir()
        pin_fixture_host_key(data_dir, sshd)
        services: list[ServerService] = []
        for name in ("old", "new"):
            root = work / name
            root.mkdir()
            profile = ServerProfile(
                name=name, host=sshd.host, port=sshd.port, user="root", auth="key",
                key_path=str(sshd.root_key_path), install_root=str(root),
            )  # fmt: skip
            svc = ServerService(
                connect(profile, data_dir=data_dir), root=str(root), engine=engine, manage_agent=False
            )
            svc.ensure_state()
            svc.set_setting("server_ip", "127.0.0.1")
            svc.set_setting("docker_network", f"mtpm-bench-{uuid.uuid4().hex[:8]}")
            services.append(svc)
        old, new = services
        ports = free_ports(args.users)

        def add_many(state: Any) -> Any:
            for i, port in enumerate(ports):
                state, _user = core_users.add_user(state, f"user{i:03d}", port=port)
            return state, None

        old._write(add_many, None)
        (work / "old" / "data").mkdir(exist_ok=True)
        store = Store(str(work / "old" / "data" / "history.sqlite3"))
        store.begin()
        base = int(time.time()) // 3600 * 3600 - args.hours * 3600
        for user in old.load_state().users:
            store.ensure_user(user.id, user.port, "lifetime")
            for h in range(args.hours):
                store.add_traffic(user.id, 1000 + h, 2000 + h, base + h * 3600)
        store.commit()
        store.close()
        marks: list[tuple[float, str]] = []
        try:
            t0 = time.perf_counter()
            report = move_server(
                old, new, old_name="old", new_name="new", data_dir=data_dir,
                progress=lambda m: marks.append((time.perf_counter(), str(m))),
            )  # fmt: skip
            total = time.perf_counter() - t0
            checked = sum(1 for u in report.moved if u.checked)
            print(f"moved {len(report.moved)} users ({checked} checked) in {total:.1f} s")
            phases = [
                ("collect", "reading the server's state"),
                ("create + reconcile", "creating the users on"),
                ("history import", "importing the traffic counters"),
                ("link check", "checking every moved link"),
            ]
            starts = []
            for label, prefix in phases:
                at = next((t for t, m in marks if m.startswith(prefix)), None)
                if at is not None:
                    starts.append((label, at))
            for (label, at), nxt in zip(starts, [*starts[1:], ("end", t0 + total)], strict=True):
                print(f"  {label:<20} {nxt[1] - at:6.1f} s")
        finally:
            instance = new.load_state().instance_id
            for c in client.containers.list(all=True, filters={"label": f"{LABEL_INSTANCE}={instance}"}):
                c.remove(force=True)
            for net in client.networks.list(filters={"label": f"{LABEL_INSTANCE}={instance}"}):
                net.remove()
            for svc in services:
                svc.session.close()
            sshd.stop()


if __name__ == "__main__":
    main()
