"""Switching N users to per-user subdomains (and back), through ServerService over one SSH session.

    .venv/bin/python bench/bench_subdomains.py [--users 100]

Needs root, a running dockerd and the offline test image (built on first use, as in the test suite). A
private sshd on loopback stands for the server, the proxies are the test engine's containers. The DNS
check is forced (it has its own tests); what is measured is what the admin waits for:
  * the preview (whose links change: read state, plan, no write);
  * `settings set user_subdomains true`: one revision-checked write, then every user's container is
    recreated with its new secret (<label>.<domain>);
  * the FakeTLS link check of every user on its new SNI;
  * `settings set user_subdomains false`: the previous secrets come back (every container again).
Everything it creates carries its own instance label and is removed at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import docker

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_orchestration import bench_service, free_ports

from mtpm_desktop.core import users as core_users
from mtpm_desktop.remote.checks.link_check import check_links
from tests.fixtures.engines import mtprotoproxy_engine
from tests.fixtures.images import ensure_test_image


def timed(fn: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100)
    args = parser.parse_args()

    client = docker.from_env(timeout=300)
    engine = mtprotoproxy_engine(ensure_test_image(client).proxy)
    with bench_service(engine, manage_agent=False, check_host="127.0.0.1") as service:
        instance = service.load_state().instance_id
        network = f"mtpm-bench-{uuid.uuid4().hex[:8]}"
        try:
            service.set_setting("server_ip", "127.0.0.1")
            service.set_setting("docker_network", network)
            service.set_setting("server_domain", "proxy.example.test", force=True)
            ports = free_ports(args.users)

            def add_many(state: Any) -> Any:
                for i, port in enumerate(ports):
                    state, _user = core_users.add_user(state, f"user{i:03d}", port=port)
                return state, None

            service._write(add_many, None)
            created, create_s = timed(service.reconcile)
            assert created.ok, created.errors

            preview, preview_s = timed(lambda: service.preview_setting("user_subdomains", "true"))
            on, on_s = timed(lambda: service.set_setting("user_subdomains", "true", force=True))
            assert on.reconcile.ok, on.reconcile.errors
            check, check_s = timed(lambda: check_links(service, timeout=5.0))
            accepted = sum(1 for r in check.results if str(r.verdict) == "accepted")
            off, off_s = timed(lambda: service.set_setting("user_subdomains", "false"))
            assert off.reconcile.ok, off.reconcile.errors

            print(
                f"{args.users} users, test engine (mtprotoproxy in the offline image), loopback sshd, "
                f"Docker {client.version()['Version']}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
            )
            print()
            print("| measure | result |")
            print("|---|---|")
            print(f"| (setup) create {args.users} users' containers | {create_s:.1f} s |")
            print(f"| preview: whose links change | {preview_s:.2f} s ({len(preview)} lines) |")
            print(
                f"| `settings set user_subdomains true` (write + {len(on.reconcile.changed)} containers "
                f"recreated) | {on_s:.1f} s |"
            )
            print(f"| link check of every user on its subdomain | {check_s:.1f} s ({accepted} accepted) |")
            print(
                f"| `settings set user_subdomains false` (previous secrets back, "
                f"{len(off.reconcile.changed)} recreated) | {off_s:.1f} s |"
            )
        finally:
            for c in client.api.containers(all=True, filters={"label": f"mtpm.instance={instance}"}):
                with contextlib.suppress(docker.errors.DockerException):
                    client.api.remove_container(c["Id"], force=True)
            with contextlib.suppress(docker.errors.DockerException):
                client.api.remove_network(network)


if __name__ == "__main__":
    main()
