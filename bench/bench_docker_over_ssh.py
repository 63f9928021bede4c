"""Connect + 20 Docker API calls: mtpm's session vs docker-py's stock ssh:// clients, in one run, on loopback.

    .venv/bin/python bench/bench_docker_over_ssh.py [--calls 20] [--rounds 5]

Needs root (a private sshd from tests/fixtures/sshd.py logs in as root), the `ssh` client and a running
dockerd. The stock clients find the server through a Host alias: docker-py's paramiko mode reads
$HOME/.ssh/config and $HOME/.ssh/known_hosts (HOME points at a temp dir), and the `ssh` binary, which
ignores $HOME, is reached through a wrapper first on PATH that adds `-F <temp config>`.

Each round times, from nothing: connect, then `calls` x GET /containers/json (api.containers()). Prints a
Markdown table (median and min per variant, ratio to mtpm) for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docker

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mtpm_desktop.remote.connect import connect
from mtpm_desktop.remote.docker_transport import channels_opened
from mtpm_desktop.remote.profiles import ServerProfile
from tests.fixtures.remote import pin_fixture_host_key
from tests.fixtures.sshd import SshdServer

ALIAS = "mtpm-bench-host"


def time_mtpm(sshd: SshdServer, data_dir: Path, calls: int) -> tuple[float, int]:
    profile = ServerProfile(
        name="bench",
        host=sshd.host,
        port=sshd.port,
        user="root",
        auth="key",
        key_path=str(sshd.root_key_path),
    )
    start = time.perf_counter()
    session = connect(profile, data_dir=data_dir)
    try:
        client = session.docker
        for _ in range(calls):
            client.api.containers()  # one API call (containers.list() adds an inspect per container)
        elapsed = time.perf_counter() - start
        return elapsed, channels_opened(client)
    finally:
        session.close()


def time_stock(port: int, calls: int, use_ssh_client: bool) -> float:
    start = time.perf_counter()
    # The port is in the URL too: docker-py's paramiko mode did not take Port from the config here.
    client = docker.DockerClient(
        base_url=f"ssh://root@{ALIAS}:{port}", use_ssh_client=use_ssh_client, timeout=60
    )
    try:
        for _ in range(calls):
            client.api.containers()  # one API call (containers.list() adds an inspect per container)
        return time.perf_counter() - start
    finally:
        client.close()


def prepare_stock_env(sshd: SshdServer, workdir: Path) -> None:
    home = workdir / "home"
    ssh_dir = home / ".ssh"
    ssh_dir.mkdir(parents=True, mode=0o700)
    config = ssh_dir / "config"
    config.write_text(
        f"Host {ALIAS}\n  HostName {sshd.host}\n  Port {sshd.port}\n  User root\n"
        f"  IdentityFile {sshd.root_key_path}\n  IdentitiesOnly yes\n"
        f"  UserKnownHostsFile {ssh_dir / 'known_hosts'}\n  StrictHostKeyChecking yes\n  BatchMode yes\n"
    )
    (ssh_dir / "known_hosts").write_text(sshd.known_hosts_line + "\n")
    wrapper_dir = workdir / "bin"
    wrapper_dir.mkdir()
    wrapper = wrapper_dir / "ssh"
    wrapper.write_text(f'#!/bin/sh\nexec /usr/bin/ssh -F {config} "$@"\n')
    wrapper.chmod(0o755)
    os.environ["HOME"] = str(home)
    os.environ["PATH"] = f"{wrapper_dir}:{os.environ['PATH']}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mtpm-bench-") as tmp:
        workdir = Path(tmp)
        sshd = SshdServer(workdir=workdir / "sshd")
        sshd.workdir.mkdir()
        sshd.setup()
        try:
            data_dir = workdir / "data"
            data_dir.mkdir()
            pin_fixture_host_key(data_dir, sshd)
            prepare_stock_env(sshd, workdir)
            variants: dict[str, Callable[[], float]] = {}
            channel_counts: list[int] = []

            def mtpm_round() -> float:
                elapsed, channels = time_mtpm(sshd, data_dir, args.calls)
                channel_counts.append(channels)
                return elapsed

            variants["mtpm session (one transport, pooled dial-stdio channels)"] = mtpm_round
            variants["docker-py ssh:// (paramiko)"] = lambda: time_stock(
                sshd.port, args.calls, use_ssh_client=False
            )
            variants["docker-py ssh:// (use_ssh_client=True, ssh binary)"] = lambda: time_stock(
                sshd.port, args.calls, use_ssh_client=True
            )
            results: dict[str, list[float]] = {name: [] for name in variants}
            for _ in range(args.rounds):  # interleaved, so drift hits every variant alike
                for name, run in variants.items():
                    results[name].append(run())
        finally:
            sshd.stop()

    ours = statistics.median(next(iter(results.values())))
    print(
        f"connect + {args.calls} x api.containers(), {args.rounds} rounds, loopback sshd, Docker "
        f"{docker.from_env().version()['Version']}, docker SDK {docker.__version__}\n"
    )
    print("| variant | median | min | median / mtpm |")
    print("|---|---|---|---|")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"| {name} | {median * 1000:.0f} ms | {min(times) * 1000:.0f} ms | {median / ours:.1f}x |")
    print(f"\nmtpm dial-stdio channels opened per round: {sorted(set(channel_counts))}")


if __name__ == "__main__":
    main()
