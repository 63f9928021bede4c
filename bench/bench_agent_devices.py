"""The agent's whole poll with devices (connections, online, last seen, device limits) against the poll
without them, at N users, in the same run and the same process.

    .venv/bin/python bench/bench_agent_devices.py [--users 100] [--rounds 15] [--port-443]   (as root)

Setup: N light running containers (`sleep`, image = empty root + host /usr, see
tests/integration/agent_lab.py) labelled as proxies of a throwaway instance. The connection tables the
agent reads are replaced by files the bench writes, as busy as a real server's: per user 3 DNAT'd client
connections in the conntrack table plus 1 through the userland proxy in /proc/net/tcp, and 5,000 unrelated
conntrack entries. Every user has a device limit; half of them are full (2 devices), so the firewall holds
rules for N/2 ports (real iptables, in the bench's own chain, removed at the end).

With --port-443 the install is in port-443 mode: the sessions come from the router instead. A labelled
router container (not nginx: a Python loop in the same light image) writes nginx's info lines for 10 new
sessions a second (200 lines between two polls 10 s apart) and ignores the reload signal; its socket table
is a file the bench writes with the users' 4 open sessions each, which the agent's session file knows from
an earlier poll. Half the users are full, so the agent writes nginx's rule file and signals the router.

Rounds alternate: poll without devices (`Agent._track_devices` switched off: the poll as it was before
devices), then the whole poll. Medians of the rounds; "first" is the first whole poll (it writes the
firewall rules). The poll is measured as a whole, so whatever else a poll does is in both figures.
"""

from __future__ import annotations

import argparse
import json
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import docker

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mtpm_desktop.remote_agent import conntrack, router_sessions  # noqa: E402
from mtpm_desktop.remote_agent.devlimit import DeviceFirewall  # noqa: E402
from mtpm_desktop.remote_agent.fsutil import data_lock  # noqa: E402
from mtpm_desktop.remote_agent.poller import Agent  # noqa: E402

from tests.integration.agent_lab import build_host_image  # noqa: E402

BASE_PORT = 21000


def _hex4(ip: str) -> str:
    return "".join(f"{int(b):02X}" for b in reversed(ip.split(".")))


def write_tables(folder: Path, users: int) -> None:
    """A conntrack table and a /proc/net/tcp with the connections described in the module docstring."""
    lines = []
    for u in range(users):
        port = BASE_PORT + u
        for c in range(3):
            ip = f"203.0.{u % 250}.{c + 1}"
            lines.append(
                f"ipv4     2 tcp      6 431999 ESTABLISHED src={ip} dst=198.51.100.1 sport={40000 + c} "
                f"dport={port} src=172.18.{u // 250}.{u % 250 + 2} dst={ip} sport={port} dport={40000 + c} "
                "[ASSURED] mark=0 zone=0 use=2"
            )
    for i in range(5000):
        lines.append(
            f"ipv4     2 tcp      6 100 TIME_WAIT src=10.1.{i // 250}.{i % 250} dst=10.9.0.1 "
            f"sport={30000 + i} dport=443 src=10.9.0.1 dst=10.1.{i // 250}.{i % 250} sport=443 "
            f"dport={30000 + i} mark=0 zone=0 use=1"
        )
    (folder / "nf_conntrack").write_text("\n".join(lines) + "\n")
    tcp = ["  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"]
    for u in range(users):
        tcp.append(
            f"  {u}: 0100007F:{BASE_PORT + u:04X} {_hex4(f'127.0.{u % 250}.9')}:C350 01 00000000:00000000 "
            "00:00000000 00000000     0        0 1"
        )
    (folder / "tcp").write_text("\n".join(tcp) + "\n")
    (folder / "tcp6").write_text(tcp[0] + "\n")


ROUTER_SCRIPT = r"""
import signal, sys, time
signal.signal(signal.SIGHUP, signal.SIG_IGN)  # the agent's reload: nothing to reload here
n = 0
while True:
    for _ in range(10):
        n += 1
        ts = time.strftime("%Y/%m/%d %H:%M:%S")
        sys.stderr.write(f"{ts} [info] 7#7: *{n} client 198.51.100.{n % 250}:{10000 + n % 50000} "
                         "connected to 0.0.0.0:443\n")
        sys.stderr.write(f"{ts} [info] 7#7: *{n} proxy 172.18.0.2:{20000 + n % 40000} connected to "
                         f"172.18.0.3:{21000 + n % 100}\n")
    sys.stderr.flush()
    time.sleep(1)
"""


def seed_router(root: Path, tables: Path, users: int, router_id: str, started_at: str) -> None:
    """The router's socket table (4 open sessions per user) and the agent's file that already knows them."""
    pid_dir = tables / "router" / "1" / "net"
    pid_dir.mkdir(parents=True)
    tcp = ["  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"]
    sessions: dict[str, int] = {}
    for u in range(users):
        for c in range(4):
            ip, cport = f"203.0.{u % 250}.{c + 1}", 40000 + u
            tcp.append(
                f"  {len(tcp)}: 020012AC:01BB {_hex4(ip)}:{cport:04X} 01 00000000:00000000 "
                "00:00000000 00000000     0        0 1"
            )
            sessions[f"443|{ip}|{cport}"] = BASE_PORT + u
    (pid_dir / "tcp").write_text("\n".join(tcp) + "\n")
    (pid_dir / "tcp6").write_text(tcp[0] + "\n")
    stamp = router_sessions.parse_timestamp(started_at) or (0, 0)
    data = root / "data"
    data.mkdir(exist_ok=True)
    (data / router_sessions.STATE_FILE).write_text(
        json.dumps(
            {
                "container": router_id,
                "started_at": started_at,
                "cursor": list(stamp),
                "pending": {},
                "sessions": sessions,
                "refused": {},
            }
        )
    )
    router_sessions.PROC = str(tables / "router")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--port-443", action="store_true", help="sessions from the router (see the docstring)")
    args = ap.parse_args()
    n = args.users
    client = docker.from_env(timeout=300)
    bench_id = "bench-" + secrets.token_hex(4)
    labels = {"mtpm.test-run": bench_id}
    tag = f"mtpm-agent-bench:{bench_id}"
    build_host_image(client, tag, labels)
    network = client.networks.create(f"mtpm-{bench_id}", driver="bridge", labels=labels)
    root = Path(tempfile.mkdtemp(prefix="mtpm-agent-devices-bench-"))
    tables = root / "tables"
    tables.mkdir()
    write_tables(tables, n)
    conntrack.CONNTRACK_PROC = str(tables / "nf_conntrack")
    conntrack.TCP_TABLES = (str(tables / "tcp"), str(tables / "tcp6"))
    agent: Agent | None = None
    try:
        started = time.monotonic()
        for i in range(n):
            client.containers.run(
                tag,
                ["sleep", "infinity"],
                detach=True,
                name=f"{bench_id}-{i}",
                network=network.name,
                volumes={"/usr": {"bind": "/usr", "mode": "ro"}},
                labels={
                    **labels,
                    "mtpm.managed": "1",
                    "mtpm.instance": bench_id,
                    "mtpm.role": "proxy",
                    "mtpm.user-id": f"u{i}",
                    "mtpm.port": str(BASE_PORT + i),
                },
            )
        print(f"{n} containers started in {time.monotonic() - started:.0f} s", flush=True)
        # Half the users full at 2 devices (rules in the firewall), half with room (4): no rules.
        users = [
            {"id": f"u{i}", "name": f"u{i}", "port": BASE_PORT + i, "max_devices": 2 if i % 2 else 4}
            for i in range(n)
        ]
        (root / "config.json").write_text(
            json.dumps(
                {
                    "instance_id": bench_id,
                    "docker_network": network.name,
                    "users": users,
                    "port_443_mode": args.port_443,
                }
            )
        )
        if args.port_443:
            router = client.containers.run(
                tag,
                ["python3", "-c", ROUTER_SCRIPT],
                detach=True,
                name=f"{bench_id}-router",
                network=network.name,
                volumes={"/usr": {"bind": "/usr", "mode": "ro"}},
                labels={**labels, "mtpm.managed": "1", "mtpm.instance": bench_id, "mtpm.role": "nginx"},
            )
            router.reload()
            seed_router(root, tables, n, router.id, router.attrs["State"]["StartedAt"])
        agent = Agent(str(root))
        if args.port_443:
            # The router's "pid" is the bench's socket table (folder 1 under PROC).
            real_inspect = agent.docker.inspect_state
            agent.docker.inspect_state = lambda cid: {**real_inspect(cid), "Pid": 1}  # type: ignore[method-assign]
        whole = agent._track_devices
        off = lambda *a, **k: None  # noqa: E731  (the poll as it was before devices)
        with data_lock(agent.lock_path):
            agent._track_devices = off
            agent.poll()  # PIDs cached, baselines taken: both variants start warm
            agent._track_devices = whole
            t = time.perf_counter()
            report = agent.poll()
            first = time.perf_counter() - t
            assert not [e for e in report.errors if "device limit" in e], report.errors
            assert sum(p["connections"] for p in report.presence.values()) == 4 * n
            before: list[float] = []
            after: list[float] = []
            listing: list[float] = []
            for _ in range(args.rounds):
                agent._track_devices = off
                t = time.perf_counter()
                agent.poll()
                before.append(time.perf_counter() - t)
                agent._track_devices = whole
                t = time.perf_counter()
                agent.poll()
                after.append(time.perf_counter() - t)
                fw = agent.presence._firewall
                if fw is not None:  # port-443 mode: nothing listed, the second figure is the steady one
                    fw._listed_at = None  # as every 5 minutes: the chain listed for its refusal counters
                t = time.perf_counter()
                agent.poll()
                listing.append(time.perf_counter() - t)
        b, a, li = statistics.median(before), statistics.median(after), statistics.median(listing)
        # The service loop polls every 10 s and lists the firewall every 5 minutes: 29 polls in 30 are `a`.
        mix = (29 * a + li) / 30
        print()
        print(
            "| users | poll without devices (ms) | with devices (ms) | change "
            "| with devices + firewall listing (ms) | 5 minutes' mix, change | first poll with devices (ms) |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|")
        print(
            f"| {n} | {b * 1000:.0f} | {a * 1000:.0f} | {(a / b - 1) * 100:+.0f} % | {li * 1000:.0f} "
            f"| {(mix / b - 1) * 100:+.0f} % | {first * 1000:.0f} |"
        )
    finally:
        if agent is not None:
            agent.close()
        DeviceFirewall(str(root / "data"), bench_id).apply([])  # the bench's rules removed
        for c in client.containers.list(all=True, filters={"label": f"mtpm.test-run={bench_id}"}):
            c.remove(force=True)
        network.remove()
        client.images.remove(tag, force=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
