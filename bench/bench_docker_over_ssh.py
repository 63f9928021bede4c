"""Connect + 20 Docker API calls: mtpm's session vs docker-py's stock ssh:// clients, in one run, on loopback.

    .venv/bin/python bench/bench_docker_over_ssh.py [--calls 20] [--rounds 5]

Needs root (a private sshd from tests/fixtures/sshd.py logs in as root), the `ssh` client and a running
dockerd. The stock clients find the server through a Host alias: docker-py's paramiko mode reads
$HOME/.ssh/config and $HOME/.ssh/known_hosts (HOME points at a temp dir), and the `ssh` binary, which
ignores $HOME, is reached through a wrapper first on PATH that adds `-F <temp config>`.

Each round times, from nothing: connect, then `calls` x GET /containers/json (api.containers()). Prints a
Markdown table for docs/benchmarks.md: median and min per variant, ratio to mtpm, and the calls alone.
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

from mtpm_desktop.remote.ssh.docker_transport import channels_opened
from mtpm_desktop.remote.ssh.profiles import ServerProfile
from mtpm_desktop.remote.ssh.session import connect
from tests.fixtures.remote import pin_fixture_host_key
from tests.fixtures.sshd import SshdServer

ALIAS = "mtpm-bench-host"


def time_mtpm(sshd: SshdServer, data_dir: Path, calls: int) -> tuple[float, float, int]:
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
        calls_start = time.perf_counter()
        for _ in range(calls):
            client.api.containers()  # one API call (containers.list() adds an inspect per container)
        end = time.perf_counter()
        return end - start, end - calls_start, channels_opened(client)
    finally:
        session.close()


def time_stock(port: int, calls: int, use_ssh_client: bool) -> tuple[float, float]:
    start = time.perf_counter()
    # The port is in the URL too: docker-py's paramiko mode did not take Port from the config here.
    client = docker.DockerClient(
        base_url=f"ssh://root@{ALIAS}:{port}", use_ssh_client=use_ssh_client, timeout=60
    )
    try:
        calls_start = time.perf_counter()
        for _ in range(calls):
            client.api.containers()  # one API call (containers.list() adds an inspect per container)
        end = time.perf_counter()
        return end - start, end - calls_start
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
    load_before = " ".join(f"{x:.1f}" for x in os.getloadavg())

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
            variants: dict[str, Callable[[], tuple[float, float]]] = {}
            channel_counts: list[int] = []

            def mtpm_round() -> tuple[float, float]:
                total, calls_only, channels = time_mtpm(sshd, data_dir, args.calls)
                channel_counts.append(channels)
                return total, calls_only

            variants["mtpm session (one transport, pooled dial-stdio channels)"] = mtpm_round
            variants["docker-py ssh:// (paramiko)"] = lambda: time_stock(
                sshd.port, args.calls, use_ssh_client=False
            )
            variants["docker-py ssh:// (use_ssh_client=True, ssh binary)"] = lambda: time_stock(
                sshd.port, args.calls, use_ssh_client=True
            )
            results: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
            for _ in range(args.rounds):  # interleaved, so drift hits every variant alike
                for name, run in variants.items():
                    results[name].append(run())
        finally:
            sshd.stop()

    ours = [statistics.median(t[k] for t in next(iter(results.values()))) for k in (0, 1)]
    print(
        f"connect + {args.calls} x api.containers(), {args.rounds} rounds, loopback sshd, Docker "
        f"{docker.from_env().version()['Version']}, docker SDK {docker.__version__}, "
        f"load average before the run {load_before}\n"
    )
    n = args.calls
    print(f"| variant | connect + {n} calls: median (min) | ratio | {n} calls alone: median | ratio |")
    print("|---|---|---|---|---|")
    for name, times in results.items():
        total = statistics.median(t[0] for t in times)
        calls_only = statistics.median(t[1] for t in times)
        print(
            f"| {name} | {total * 1000:.0f} ms ({min(t[0] for t in times) * 1000:.0f} ms) | "
            f"{total / ours[0]:.1f}x | {calls_only * 1000:.0f} ms | {calls_only / ours[1]:.1f}x |"
        )
    print(f"\nmtpm dial-stdio channels opened per round: {sorted(set(channel_counts))}")


if __name__ == "__main__":
    main()
