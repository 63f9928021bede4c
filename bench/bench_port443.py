"""Cost of the port-443 router: render, safe apply (nginx -t in a throwaway container + reload), memory.

    .venv/bin/python bench/bench_port443.py [--counts 10,100,500] [--rounds 3]

For each N (users routed by SNI): render the config; apply it to a fresh router (create); then change one
route and apply again `rounds` times (candidate upload, `nginx -t` in a throwaway container, atomic swap,
SIGHUP and wait for the new workers); then the router container's memory (cgroup usage from Docker).
Runs against the local dockerd with the suite's offline image (Debian's nginx), through a local stand-in for
ServerSession (files + docker-py), so SSH costs are not in these figures (see bench_docker_over_ssh.py).
Everything created is labelled mtpm.test-run=<bench id> and removed at the end.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import docker

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mtpm_desktop.remote.port443.nginx import (  # noqa: E402
    NginxSpec,
    NginxTarget,
    apply_nginx,
    find_nginx_container,
    render_nginx_config,
    routes_for_users,
)
from tests.fixtures.images import ensure_test_image  # noqa: E402
from tests.fixtures.ports import free_port  # noqa: E402


class LocalSession:
    """The part of ServerSession the router uses, on this machine (the bench's dockerd is local)."""

    def __init__(self, client: docker.DockerClient) -> None:
        self.docker = client

    def makedirs(self, path: str, mode: int = 0o700) -> None:
        os.makedirs(path, mode=mode, exist_ok=True)

    def exists(self, path: str) -> bool:
        return os.path.exists(path)

    def read_file(self, path: str) -> bytes:
        return Path(path).read_bytes()

    def write_file_atomic(self, path: str, data: bytes, mode: int = 0o600) -> None:
        tmp = f"{path}.tmp-{secrets.token_hex(4)}"
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)

    def remove_file(self, path: str) -> None:
        os.remove(path)


def spec_for(count: int, listen_port: int, salt: str) -> NginxSpec:
    users = [(f"u{i}-{salt}.example.com", 20000 + i) for i in range(count)]
    return NginxSpec(listen_port=listen_port, routes=routes_for_users(users))


def bench_count(session: Any, target: NginxTarget, count: int, rounds: int) -> dict[str, float]:
    port = free_port()
    t = time.perf_counter()
    for _ in range(20):
        render_nginx_config(spec_for(count, port, "r"))
    render_ms = (time.perf_counter() - t) / 20 * 1000
    t = time.perf_counter()
    first = apply_nginx(session, spec_for(count, port, "0"), target)
    assert first.container_action in ("created", "recreated")
    create_s = time.perf_counter() - t
    reloads = []
    for r in range(rounds):
        t = time.perf_counter()
        assert apply_nginx(session, spec_for(count, port, f"{r + 1}"), target).container_action == "reloaded"
        reloads.append(time.perf_counter() - t)
    t = time.perf_counter()
    assert apply_nginx(session, spec_for(count, port, f"{rounds}"), target).container_action == "none"
    noop_ms = (time.perf_counter() - t) * 1000
    router = find_nginx_container(session, target)
    stats = router.stats(stream=False)
    mem = stats["memory_stats"]
    usage = mem.get("usage", 0) - mem.get("stats", {}).get("inactive_file", 0)
    return {
        "render_ms": render_ms,
        "create_s": create_s,
        "reload_s": statistics.median(reloads),
        "noop_ms": noop_ms,
        "mem_mib": usage / 2**20,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--counts", default="10,100,500")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    client = docker.from_env(timeout=300)
    image = ensure_test_image(client).nginx
    bench_id = "bench-" + secrets.token_hex(4)
    labels = {"mtpm.test-run": bench_id}
    network = client.networks.create(f"mtpm-{bench_id}", driver="bridge", labels=labels)
    root = tempfile.mkdtemp(prefix="mtpm-port443-bench-")
    target = NginxTarget(
        root=root, instance_id=bench_id, image=image, container_name=f"mtpm-nginx-{bench_id}",
        network=network.name, publish_host="127.0.0.1", extra_labels=labels,
    )  # fmt: skip
    session = LocalSession(client)
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print("| users | render | first apply (create) | apply with a change (check + reload), median | "
          "apply, nothing changed | router memory |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- |")
    try:
        for count in (int(c) for c in args.counts.split(",")):
            r = bench_count(session, target, count, args.rounds)
            print(
                f"| {count} | {r['render_ms']:.1f} ms | {r['create_s']:.2f} s | {r['reload_s']:.2f} s | "
                f"{r['noop_ms']:.0f} ms | {r['mem_mib']:.1f} MiB |",
                flush=True,
            )
            router = find_nginx_container(session, target)
            if router is not None:
                router.remove(force=True)
    finally:
        for c in client.containers.list(all=True, filters={"label": f"mtpm.test-run={bench_id}"}):
            c.remove(force=True)
        network.remove()
        shutil.rmtree(root, ignore_errors=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
