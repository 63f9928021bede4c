"""Cost of one agent poll cycle for N running proxy containers, against Docker's stats API, in one run.

    .venv/bin/python bench/bench_agent_poll.py [--counts 10,50,100] [--rounds 5]

For each N: N light containers (`sleep`, image = empty root + host /usr, see tests/integration/agent_lab.py)
labelled as mtpm proxies of a throwaway instance; then
- agent, cold: the first poll of a fresh agent (one inspect per container, sqlite commit, traffic.json);
- agent, warm: later polls of the same agent (as the service loop runs: PIDs cached, checked via /proc);
- docker stats: one `GET /containers/{id}/stats?stream=false` per container, one after another (the old
  panel's way of reading traffic).
Then the RSS of the real agent service process (`python3 -m mtpm_agent run`) polling the largest N.
Everything created is labelled mtpm.test-run=<bench id> and removed at the end.
"""

from __future__ import annotations

import argparse
import json
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docker

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mtpm_desktop.remote_agent.dockerapi import DockerApi  # noqa: E402
from mtpm_desktop.remote_agent.fsutil import data_lock  # noqa: E402
from mtpm_desktop.remote_agent.poller import Agent  # noqa: E402

from tests.integration.agent_lab import agent_cmd, agent_env, build_host_image, install_agent  # noqa: E402


def timed(fn, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--counts", default="10,50,100")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    client = docker.from_env(timeout=300)
    bench_id = "bench-" + secrets.token_hex(4)
    labels = {"mtpm.test-run": bench_id}
    tag = f"mtpm-agent-bench:{bench_id}"
    build_host_image(client, tag, labels)
    network = client.networks.create(f"mtpm-{bench_id}", driver="bridge", labels=labels)
    root = Path(tempfile.mkdtemp(prefix="mtpm-agent-bench-"))
    install_agent(root)
    containers = []
    rows = []
    try:
        for n in counts:
            while len(containers) < n:
                i = len(containers)
                containers.append(
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
                            "mtpm.port": str(20000 + i),
                        },
                    )
                )
            users = [{"id": f"u{i}", "name": f"u{i}", "port": 20000 + i} for i in range(n)]
            (root / "config.json").write_text(
                json.dumps({"instance_id": bench_id, "docker_network": network.name, "users": users})
            )
            agent = Agent(str(root))
            with data_lock(agent.lock_path):
                cold = timed(agent.poll, 1)[0]
                warm = timed(agent.poll, args.rounds)
            agent.close()
            api = DockerApi()
            ids = [c.id for c in containers[:n]]
            stats = timed(lambda api=api, ids=ids: [api.stats(cid) for cid in ids], max(1, args.rounds // 2))
            api.close()
            rows.append((n, cold, statistics.median(warm), statistics.median(stats)))
            print(
                f"N={n}: agent cold {cold * 1000:.0f} ms, warm {statistics.median(warm) * 1000:.0f} ms, "
                f"docker stats {statistics.median(stats) * 1000:.0f} ms",
                flush=True,
            )

        loop = subprocess.Popen(
            agent_cmd(root, "run", "--interval", "1"),
            env=agent_env(root),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            first = json.loads((root / "data" / "agent-state.json").read_text())["last_poll"]["at"]
            deadline = time.monotonic() + 120
            polls = 0
            while polls < 5 and time.monotonic() < deadline:
                time.sleep(1)
                at = json.loads((root / "data" / "agent-state.json").read_text())["last_poll"]["at"]
                if at != first:
                    polls, first = polls + 1, at
            status = Path(f"/proc/{loop.pid}/status").read_text()
            rss_kb = int(next(ln for ln in status.splitlines() if ln.startswith("VmRSS")).split()[1])
        finally:
            loop.terminate()
            loop.wait()
        print(f"agent service RSS with {counts[-1]} users after {polls} polls: {rss_kb / 1024:.1f} MiB")
        print()
        print(
            "| running containers | agent poll, first (ms) | agent poll, steady (ms) "
            "| Docker stats API (ms) |"
        )
        print("|---:|---:|---:|---:|")
        for n, cold, warm, stats in rows:
            print(f"| {n} | {cold * 1000:.0f} | {warm * 1000:.0f} | {stats * 1000:.0f} |")
        print(f"\nAgent RSS at {counts[-1]} users: {rss_kb / 1024:.1f} MiB")
    finally:
        for c in client.containers.list(all=True, filters={"label": f"mtpm.test-run={bench_id}"}):
            c.remove(force=True)
        network.remove()
        client.images.remove(tag, force=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
