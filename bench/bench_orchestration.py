"""Orchestration at scale: N users on the fixture server, through ServerService over one SSH session.

    .venv/bin/python bench/bench_orchestration.py [--users 100] [--removed 10] [--rounds 5]

Needs root, a running dockerd and the offline test image (built on first use, as in the test suite). A
private sshd (tests/fixtures/sshd.py) on loopback stands for the server; the proxies are the test engine's
mtprotoproxy containers (tests/fixtures/engines.py), created by the product's reconcile code.

Measures, for docs/benchmarks.md:
  * creating N users' containers in one reconcile;
  * adding one more user (time, and how many of the other N containers were restarted: must be 0);
  * `status` of all users (median of --rounds; with and without the clock offset reading);
  * reconcile after --removed containers were removed by hand;
  * memory per user on the server, all-in: the container's cgroup memory, its containerd-shim, and the
    docker-proxy processes of its published ports (PSS, so shared pages are not counted twice).
Everything it creates carries its own instance label and is removed at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import docker

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mtpm_desktop.core import users as core_users
from mtpm_desktop.remote.proxies import reconcile
from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.ssh.profiles import ServerProfile
from mtpm_desktop.remote.ssh.session import connect
from tests.fixtures.engines import mtprotoproxy_engine
from tests.fixtures.images import ensure_test_image
from tests.fixtures.remote import pin_fixture_host_key
from tests.fixtures.sshd import SshdServer


def bindable(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


def free_ports(count: int, start: int = 21000) -> list[int]:
    # Below the kernel's ephemeral range (32768+), where other programs' outgoing connections take ports.
    out: list[int] = []
    port = start
    while len(out) < count:
        if bindable(port):
            out.append(port)
        port += 1
    return out


def pss_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def processes(match: str) -> list[tuple[int, str]]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if match in cmd:
            out.append((int(entry.name), cmd))
    return out


def cgroup_memory_bytes(container_id: str) -> int:
    for path in (
        f"/sys/fs/cgroup/system.slice/docker-{container_id}.scope/memory.current",
        f"/sys/fs/cgroup/docker/{container_id}/memory.current",
        f"/sys/fs/cgroup/memory/docker/{container_id}/memory.usage_in_bytes",
    ):
        with contextlib.suppress(OSError):
            return int(Path(path).read_text())
    return 0


def memory_per_user(client: docker.DockerClient, ids: list[str], ports: list[int]) -> dict[str, float]:
    ids_set = set(ids)
    cgroup = sum(cgroup_memory_bytes(i) for i in ids) / 1024
    shims = [pid for pid, cmd in processes("containerd-shim") if any(f"-id {i}" in cmd for i in ids_set)]
    shim = sum(pss_kb(p) for p in shims)
    port_set = {str(p) for p in ports}
    proxies = [
        pid for pid, cmd in processes("docker-proxy")
        if any(f"-host-port {p} " in cmd + " " for p in port_set)
    ]  # fmt: skip
    proxy = sum(pss_kb(p) for p in proxies)
    n = len(ids)
    return {
        "container_mb": cgroup / n / 1024,
        "shim_mb": shim / n / 1024,
        "docker_proxy_mb": proxy / n / 1024,
        "docker_proxy_processes_per_user": len(proxies) / n,
        "total_mb": (cgroup + shim + proxy) / n / 1024,
    }


def started_at(client: docker.DockerClient, ids: list[str]) -> dict[str, str]:
    return {i: client.api.inspect_container(i)["State"]["StartedAt"] for i in ids}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--removed", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--workers",
        type=int,
        default=reconcile.PARALLEL_ACTIONS,
        help="users whose containers a reconcile changes side by side",
    )
    args = parser.parse_args()
    reconcile.PARALLEL_ACTIONS = args.workers

    client = docker.from_env(timeout=300)
    image = ensure_test_image(client).proxy
    engine = mtprotoproxy_engine(image)
    with tempfile.TemporaryDirectory(prefix="mtpm-bench-orch-") as tmp:
        workdir = Path(tmp)
        sshd = SshdServer(workdir=workdir / "sshd")
        sshd.workdir.mkdir()
        sshd.setup()
        root = workdir / "opt-mtpm"
        root.mkdir()
        data_dir = workdir / "data"
        data_dir.mkdir()
        pin_fixture_host_key(data_dir, sshd)
        profile = ServerProfile(
            name="bench", host=sshd.host, port=sshd.port, user="root", auth="key",
            key_path=str(sshd.root_key_path), install_root=str(root),
        )  # fmt: skip
        session = connect(profile, data_dir=data_dir)
        service = ServerService(session, root=str(root), engine=engine, manage_agent=False)
        service.ensure_state()
        instance = service.load_state().instance_id
        network = f"mtpm-bench-{uuid.uuid4().hex[:8]}"
        try:
            service.set_setting("server_ip", "127.0.0.1")
            service.set_setting("docker_network", network)
            ports = free_ports(args.users + 1)

            def add_many(state: Any) -> Any:
                for i, port in enumerate(ports[: args.users]):
                    state, _user = core_users.add_user(state, f"user{i:03d}", port=port)
                return state, None

            service._write(add_many, None)
            t0 = time.perf_counter()
            report = service.reconcile()
            create_s = time.perf_counter() - t0
            assert report.ok, report.errors
            index = service._container_index(service.load_state())
            ids = [e["Id"] for e in index.values()]
            before = started_at(client, ids)

            t0 = time.perf_counter()
            added = service.add_user("one-more", port=ports[-1])
            add_s = time.perf_counter() - t0
            after = started_at(client, ids)
            restarted = sum(1 for i in ids if after[i] != before[i])
            changed_others = [r for r in added.reconcile.changed if added.user and r.user_id != added.user.id]

            status_no_clock = []
            status_with_clock = []
            for _ in range(args.rounds):
                t0 = time.perf_counter()
                st = service.status(with_clock=False)
                status_no_clock.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                service.status(with_clock=True)
                status_with_clock.append(time.perf_counter() - t0)
            assert st.running == args.users + 1, st.summary

            all_ids = [e["Id"] for e in service._container_index(service.load_state()).values()]
            mem = memory_per_user(client, all_ids, ports)

            for cid in all_ids[: args.removed]:
                client.api.remove_container(cid, force=True)
            t0 = time.perf_counter()
            repaired = service.reconcile()
            repair_s = time.perf_counter() - t0
            assert len(repaired.changed) == args.removed, repaired.changed

            userland = "userland-proxy" not in " ".join(cmd for _p, cmd in processes("dockerd"))
            print(
                f"{args.users} users (+1), {args.workers} reconcile workers, test engine (mtprotoproxy 1.0.6 "
                f"in the offline image), loopback sshd, Docker {client.version()['Version']}, "
                f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
            )
            print()
            print("| measure | result |")
            print("|---|---|")
            print(f"| create {args.users} users' containers (one reconcile) | {create_s:.1f} s |")
            print(
                f"| add one more user | {add_s:.2f} s; other containers restarted: {restarted} "
                f"(reconcile touched {len(changed_others)} others) |"
            )
            print(
                f"| `status` of {args.users + 1} users, no clock (median of {args.rounds}) | "
                f"{statistics.median(status_no_clock):.2f} s (min {min(status_no_clock):.2f}) |"
            )
            print(
                f"| `status` with the clock offset (median of {args.rounds}) | "
                f"{statistics.median(status_with_clock):.2f} s (min {min(status_with_clock):.2f}) |"
            )
            print(f"| reconcile after {args.removed} containers removed by hand | {repair_s:.1f} s |")
            print(
                f"| memory per user, all-in (PSS) | {mem['total_mb']:.1f} MB: "
                f"container {mem['container_mb']:.1f}, "
                f"containerd-shim {mem['shim_mb']:.1f}, docker-proxy {mem['docker_proxy_mb']:.1f} "
                f"({mem['docker_proxy_processes_per_user']:.1f} processes/user) |"
            )
            print(f"\nuserland proxy {'on (Docker default)' if userland else 'configured'}")
        finally:
            for c in client.api.containers(all=True, filters={"label": f"mtpm.instance={instance}"}):
                with contextlib.suppress(docker.errors.DockerException):
                    client.api.remove_container(c["Id"], force=True)
            with contextlib.suppress(docker.errors.DockerException):
                client.api.remove_network(network)
            session.close()
            sshd.stop()


if __name__ == "__main__":
    main()
