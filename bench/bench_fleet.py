"""Fleet status: `mtpm status --all` over N servers against `mtpm -s ONE status`, in the same run.

    .venv/bin/python bench/bench_fleet.py [--servers 20] [--rounds 5] [--rtt-ms 100]

Needs root, sshd and a running dockerd (each "server" is its own private sshd on loopback, from
tests/fixtures/sshd.py, with its own install root; they share this machine's dockerd). Each server is given
three users so `status` lists containers (the containers are not created: status reports them missing,
which costs the same Docker calls). Measures, median of --rounds:
  * the whole CLI process (`python -m mtpm_desktop.cli ... --json`), what an admin waits for;
  * the command inside one process (main() called again, imports already done), the fan-out alone.
The goal (issue "fleet in one view"): N servers take at most 1.5x one server's time.

Every server here is on this machine, so their own work (sshd, the shell, docker) shares its cores, which
a real fleet of VPSes does not; and loopback has no round trip, which a real one has. --rtt-ms puts a relay
(bench/delay_relay.py) before each sshd that holds every chunk for half that each way, like a VPS abroad.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.delay_relay import start_relays
from mtpm_desktop.cli.main import main as mtpm_main
from mtpm_desktop.core import users as core_users
from mtpm_desktop.core.state import ServerState
from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.ssh.hostkeys import HostKeyStore
from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile
from mtpm_desktop.remote.ssh.session import connect
from tests.fixtures.ports import free_port
from tests.fixtures.remote import public_key_from_line, stop_agents_under
from tests.fixtures.sshd import SshdServer

REPO = Path(__file__).resolve().parent.parent
FAILURES: list[int] = []


def seed(profile: ServerProfile, data_dir: Path) -> None:
    session = connect(profile, data_dir=data_dir)
    try:
        service = ServerService(session, root=profile.install_root, manage_agent=False)
        service.ensure_state()
        service.set_setting("server_ip", "127.0.0.1")

        def add(state: ServerState) -> tuple[ServerState, None]:
            for i in range(3):
                state, _ = core_users.add_user(state, f"u{i}", port=30000 + i)
            return state, None

        service._write(add, None)
    finally:
        session.close()


def servers_cpu(sshds: list[SshdServer]) -> float:
    """CPU seconds the servers' sshd processes and everything they ran have used so far (each listening
    sshd's own time plus that of its reaped children: the connections, their shells and commands)."""
    time.sleep(1.0)  # a connection's process is counted once sshd has reaped it, just after the client left
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for sshd in sshds:
        assert sshd._proc is not None
        fields = Path(f"/proc/{sshd._proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(v) for v in fields[11:15])  # utime stime cutime cstime
    return total / tick


def cli_seconds(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds of one CLI process, and the CPU seconds it used (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mtpm_desktop.cli", *args, "--json"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    failed(json.loads(proc.stdout), proc.stderr)
    return took, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def failed(data: dict[str, object], stderr: str) -> None:
    """Count servers that failed (on a loaded machine a command may overrun its timeout), say which."""
    servers = data.get("servers", {"one": data})
    assert isinstance(servers, dict)
    bad = [name for name, result in servers.items() if isinstance(result, dict) and "error" in result]
    if bad:
        FAILURES.append(len(bad))
        print(f"  {len(bad)} server(s) failed: {stderr.strip()[:300]}", file=sys.stderr)


def inprocess_seconds(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of the command run again inside this process (imports already done)."""
    out = io.StringIO()
    cpu = time.process_time()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()) as err:
        mtpm_main([*args, "--json"])
    took = time.perf_counter() - start
    failed(json.loads(out.getvalue()), err.getvalue())
    return took, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--servers", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rtt-ms", type=float, default=0.0, help="round trip to every server (0: loopback)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mtpm-bench-fleet-") as tmp:
        work = Path(tmp)
        data_dir = work / "data"
        data_dir.mkdir(mode=0o700)
        os.environ["MTPM_DATA_DIR"] = str(data_dir)
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        store = ProfileStore(data_dir)
        sshds: list[SshdServer] = []
        roots: list[Path] = []
        relay = None
        try:
            for i in range(args.servers):
                sshd = SshdServer(workdir=work / f"sshd{i:02d}")
                sshd.workdir.mkdir()
                sshd.setup()
                sshds.append(sshd)
                root = work / f"opt{i:02d}"
                root.mkdir()
                roots.append(root)
            ports = {sshd.port: sshd.port for sshd in sshds}
            if args.rtt_ms > 0:
                ports = {sshd.port: free_port() for sshd in sshds}
                relay = start_relays({via: sshd for sshd, via in ports.items()}, args.rtt_ms)
            for i, (sshd, root) in enumerate(zip(sshds, roots, strict=True)):
                port = ports[sshd.port]
                HostKeyStore.for_data_dir(data_dir, use_user_known_hosts=False).pin(
                    sshd.host, port, public_key_from_line(sshd.host_public_key_line)
                )
                profile = ServerProfile(
                    name=f"s{i:02d}", host=sshd.host, port=port, user="root", auth="key",
                    key_path=str(sshd.root_key_path), install_root=str(root),
                )  # fmt: skip
                store.save(profile)
                seed(profile, data_dir)
            one = ["-s", "s00", "status"]
            every = ["--all", "status"]
            runs: dict[str, list[tuple[float, float]]] = {
                "cli one": [], "cli all": [], "in-process one": [], "in-process all": []
            }  # fmt: skip
            server_cpu: dict[str, list[float]] = {"one": [], "all": []}
            for _ in range(args.rounds):  # interleaved, so a busy moment of the machine hits both
                before = servers_cpu(sshds)
                runs["cli one"].append(cli_seconds(one, env))
                middle = servers_cpu(sshds)
                runs["cli all"].append(cli_seconds(every, env))
                server_cpu["one"].append(middle - before)
                server_cpu["all"].append(servers_cpu(sshds) - middle)
                runs["in-process one"].append(inprocess_seconds(one))
                runs["in-process all"].append(inprocess_seconds(every))
            wall = {k: statistics.median(t for t, _ in v) for k, v in runs.items()}
            cpu = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
            print(
                f"servers={args.servers} rounds={args.rounds} rtt={args.rtt_ms:g} ms cpus={os.cpu_count()} "
                f"load={os.getloadavg()[0]:.1f} failed server runs={sum(FAILURES)}"
            )
            print(
                f"servers' side CPU (sshd, shells, commands; not dockerd): one server "
                f"{statistics.median(server_cpu['one']):5.2f} s, {args.servers} servers "
                f"{statistics.median(server_cpu['all']):5.2f} s"
            )
            for kind in ("cli", "in-process"):
                a, b = wall[f"{kind} one"], wall[f"{kind} all"]
                print(
                    f"{kind:<11} one server {a:6.2f} s   {args.servers} servers {b:6.2f} s"
                    f"   ratio {b / a:4.2f}x"
                    f"   client CPU {cpu[f'{kind} one']:5.2f} s / {cpu[f'{kind} all']:5.2f} s"
                )
        finally:
            if relay is not None:
                relay.terminate()
            for root in roots:
                stop_agents_under(root)
            for sshd in sshds:
                sshd.stop()


if __name__ == "__main__":
    main()
