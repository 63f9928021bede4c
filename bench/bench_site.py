"""The website's certificate for N users against a real ACME CA (pebble), through ServerService.

    .venv/bin/python bench/bench_site.py [--users 100]

Needs root, a running dockerd, Debian's pebble and certbot (./dev test installs both) and the offline test
images (built on first use). A private sshd on loopback stands for the server; the proxies are the test
engine's containers in port-443 mode, each user with a name under the site's domain; pebble validates every
name over HTTP-01 against the site's nginx (challtestsrv maps them to loopback).

Measures, for docs/benchmarks.md:
  * creating N users' containers (for scale; not part of the site);
  * `site enable`: certbot from the agent gets one certificate for the domain + N names, nginx serves it,
    and the proxies are pointed at the site for fronting (recreated once);
  * adding one more user: the new name is certified (a second certificate past 100 names) and served;
  * `site renew --force` of everything.
Everything it creates carries its own instance label and is removed at the end.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import docker

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_orchestration import free_ports
from mtpm_desktop.core import users as core_users
from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.ssh.profiles import ServerProfile
from mtpm_desktop.remote.ssh.session import connect
from tests.fixtures.engines import mtprotoproxy_engine
from tests.fixtures.images import ensure_test_image
from tests.fixtures.pebble import start_pebble
from tests.fixtures.ports import free_port
from tests.fixtures.remote import pin_fixture_host_key, stop_agents_under
from tests.fixtures.site_image import _build, site_image_tag
from tests.fixtures.sshd import SshdServer


def site_image(client: docker.DockerClient) -> str:
    tag = site_image_tag()
    try:
        client.images.get(tag)
    except docker.errors.ImageNotFound:
        _build(tag)
    return tag


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100)
    args = parser.parse_args()
    client = docker.from_env(timeout=300)
    engine = mtprotoproxy_engine(ensure_test_image(client).proxy)
    nginx_image = site_image(client)
    with tempfile.TemporaryDirectory(prefix="mtpm-bench-site-") as tmp:
        workdir = Path(tmp)
        sshd = SshdServer(workdir=workdir / "sshd")
        sshd.workdir.mkdir()
        sshd.setup()
        root = workdir / "opt-mtpm"
        root.mkdir(mode=0o755)
        data_dir = workdir / "data"
        data_dir.mkdir()
        pin_fixture_host_key(data_dir, sshd)
        profile = ServerProfile(
            name="bench", host=sshd.host, port=sshd.port, user="root", auth="key",
            key_path=str(sshd.root_key_path), install_root=str(root),
        )  # fmt: skip
        session = connect(profile, data_dir=data_dir)
        service = ServerService(
            session, root=str(root), engine=engine, manage_agent=False, router_publish_host="127.0.0.1"
        )
        service.ensure_state()
        instance = service.load_state().instance_id
        tag = uuid.uuid4().hex[:8]
        domain = f"bench-{tag}.test"
        http_port = free_port()
        ca = start_pebble(workdir / "pebble", http_port)
        try:
            for key, value in (
                ("server_ip", "127.0.0.1"),
                ("server_domain", domain),
                ("docker_network", f"mtpm-bench-site-{tag}"),
                ("nginx_image", nginx_image),
                ("nginx_container_name", f"mtpm-nginx-bench-{tag}"),
                ("sni_listen_port", str(free_port())),
            ):
                service.set_setting(key, value)
            ports = free_ports(args.users + 1)
            names = [f"{secrets.token_hex(3)}.{domain}" for _ in ports]
            for name in (domain, *names):
                ca.add_a(name)

            def add_many(state: Any) -> Any:
                for i, port in enumerate(ports[: args.users]):
                    state, _user = core_users.add_user(state, f"user{i:03d}", port=port, domain=names[i])
                state.port_443_mode = True
                return state, None

            service._write(add_many, None)
            t0 = time.perf_counter()
            assert service.reconcile().ok
            print(f"create {args.users} users' containers: {time.perf_counter() - t0:.1f} s")

            t0 = time.perf_counter()
            result = service.site_enable(
                acme_directory=ca.directory_url, ca_file=ca.directory_ca_pem, http_port=http_port
            )
            enable_s = time.perf_counter() - t0
            assert result.reconcile.ok, result.reconcile.errors
            status = service.site_status()
            assert status.last_error is None and len(status.names) == args.users + 1, status
            print(
                f"site enable (issue {len(status.names)} names + apply, "
                f"{len(result.reconcile.changed)} proxies re-pointed): {enable_s:.1f} s"
            )

            t0 = time.perf_counter()
            added = service.add_user("one-more", port=ports[-1], domain=names[-1])
            assert added.reconcile.ok and not [n for n in added.notes if "certificate" in n], added.notes
            print(f"add one more user (its name certified and served): {time.perf_counter() - t0:.1f} s")

            t0 = time.perf_counter()
            renewed = service.site_renew(force=True)
            assert renewed["last_error"] is None, renewed
            took = time.perf_counter() - t0
            print(f"site renew --force ({len(renewed['changed'])} certificates): {took:.1f} s")
        finally:
            ca.stop()
            for c in client.containers.list(all=True, filters={"label": f"mtpm.instance={instance}"}):
                c.remove(force=True)
            for n in client.networks.list(names=[f"mtpm-bench-site-{tag}"]):
                n.remove()
            session.close()
            stop_agents_under(root)
            sshd.stop()


if __name__ == "__main__":
    main()
