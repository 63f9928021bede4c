"""Soak of the traffic agent (NOT run in CI): N users, the agent's service loop polling, traffic running.

    .venv/bin/python bench/soak_agent.py [--users 100] [--minutes 10] [--interval 5] [--sample 30]

N proxy-like containers (tests/integration/agent_lab.py: tiny TCP servers serving mtg-style metrics, so the
agent counts the payload bytes exactly) are labelled as one throwaway instance; `python3 -m mtpm_agent run`
polls them as on a server while client threads push and pull random amounts to random users. Every
`--sample` seconds the loop's RSS and every user's counters are read (`status`); at the end the traffic
stops, one more poll is awaited and each user's counters must equal exactly the bytes sent and received.

Checked: counters never go backwards between samples, the final counters equal the traffic, the agent loop
never restarted (same PID). Printed: RSS first/min/max/last, polls done, bytes moved. Everything created
is labelled mtpm.test-run=<soak id> and removed at the end.
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import docker

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.integration.agent_lab import AgentLab, agent_cmd, agent_env, build_host_image  # noqa: E402


def rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(ln for ln in status.splitlines() if ln.startswith("VmRSS")).split()[1])


def last_poll_at(root: Path) -> str | None:
    try:
        state = json.loads((root / "data" / "agent-state.json").read_text())
    except (OSError, ValueError):
        return None
    return (state.get("last_poll") or {}).get("at")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=100)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--interval", type=float, default=5.0, help="agent poll interval, seconds")
    ap.add_argument("--sample", type=float, default=30.0, help="seconds between RSS/counter samples")
    ap.add_argument("--clients", type=int, default=4, help="traffic threads")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    client = docker.from_env(timeout=300)
    soak_id = "soak-" + secrets.token_hex(4)
    labels = {"mtpm.test-run": soak_id}
    tag = f"mtpm-agent-soak:{soak_id}"
    build_host_image(client, tag, labels)
    root = Path(tempfile.mkdtemp(prefix="mtpm-soak-"))
    lab = AgentLab(client, tag, root, labels)
    moved = {"up": 0, "down": 0}
    sent: dict[str, list[int]] = {}
    stop = threading.Event()
    lock = threading.Lock()
    loop: subprocess.Popen[bytes] | None = None
    try:
        t0 = time.monotonic()
        for i in range(args.users):
            uid = f"u{i:03d}"
            lab.add_user(uid, 20000 + i, metrics=True)
            sent[uid] = [0, 0]
        print(f"{args.users} containers up in {time.monotonic() - t0:.0f} s", flush=True)
        lab.poll()  # baselines
        base = lab.status()

        loop = subprocess.Popen(
            agent_cmd(root, "run", "--interval", str(args.interval)),
            env=agent_env(root),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def traffic(seed: int) -> None:
            rng = random.Random(seed)
            uids = sorted(sent)
            while not stop.is_set():
                uid = rng.choice(uids)
                n = rng.randint(1, 1_000_000)
                if rng.random() < 0.5:
                    lab.push(uid, n)
                    with lock:
                        sent[uid][0] += n
                        moved["up"] += n
                else:
                    lab.pull(uid, n)
                    with lock:
                        sent[uid][1] += n
                        moved["down"] += n

        threads = [
            threading.Thread(target=traffic, args=(args.seed + k,), daemon=True) for k in range(args.clients)
        ]
        for t in threads:
            t.start()

        samples: list[tuple[float, int]] = []
        backwards: list[str] = []
        previous: dict[str, Any] = base
        polls_seen: set[str] = set()
        started = time.monotonic()
        end = started + args.minutes * 60
        while time.monotonic() < end:
            time.sleep(min(args.sample, max(0.0, end - time.monotonic())))
            if loop.poll() is not None:
                raise SystemExit(f"the agent loop exited with {loop.returncode}")
            rss = rss_kib(loop.pid)
            samples.append((time.monotonic() - started, rss))
            at = last_poll_at(root)
            if at:
                polls_seen.add(at)
            now = lab.status()
            for uid, st in now.items():
                for key in ("lifetime_up_bytes", "lifetime_down_bytes"):
                    if st[key] < previous[uid][key]:
                        backwards.append(f"{uid} {key} {previous[uid][key]} -> {st[key]}")
            previous = now
            print(
                f"t={samples[-1][0]:5.0f} s  RSS {rss / 1024:.1f} MiB  moved "
                f"{(moved['up'] + moved['down']) / 1e9:.2f} GB",
                flush=True,
            )

        stop.set()
        for t in threads:
            t.join()
        pid = loop.pid
        # The loop's next poll after the traffic stopped makes the counters final.
        mark = last_poll_at(root)
        deadline = time.monotonic() + 10 * args.interval + 60
        while last_poll_at(root) == mark and time.monotonic() < deadline:
            time.sleep(0.5)
        mark = last_poll_at(root)
        while last_poll_at(root) == mark and time.monotonic() < deadline:
            time.sleep(0.5)
        final = lab.status()
        wrong = []
        for uid, (up, down) in sent.items():
            got_up = final[uid]["lifetime_up_bytes"] - base[uid]["lifetime_up_bytes"]
            got_down = final[uid]["lifetime_down_bytes"] - base[uid]["lifetime_down_bytes"]
            if (got_up, got_down) != (up, down):
                wrong.append(f"{uid}: counted {got_up}/{got_down}, sent {up}/{down}")
        rss_values = [r for _, r in samples]
        print()
        print(
            f"duration: {args.minutes:g} min with {args.users} users, poll interval {args.interval:g} s, "
            f"{args.clients} traffic threads"
        )
        print(f"traffic moved: {moved['up'] / 1e9:.2f} GB up, {moved['down'] / 1e9:.2f} GB down")
        print(
            f"polls observed (distinct last_poll.at at samples): {len(polls_seen)}; agent pid unchanged: "
            f"{loop.poll() is None and loop.pid == pid}"
        )
        print(
            f"agent RSS MiB: first {rss_values[0] / 1024:.1f}, min {min(rss_values) / 1024:.1f}, "
            f"max {max(rss_values) / 1024:.1f}, last {rss_values[-1] / 1024:.1f} ({len(samples)} samples)"
        )
        print(f"counters backwards: {len(backwards)} {backwards[:5]}")
        print(f"users whose final counters differ from the traffic: {len(wrong)} {wrong[:5]}")
        return 0 if not backwards and not wrong else 1
    finally:
        stop.set()
        if loop is not None and loop.poll() is None:
            loop.terminate()
            loop.wait(timeout=30)
        lab.cleanup()
        for c in client.containers.list(all=True, filters={"label": f"mtpm.test-run={soak_id}"}):
            c.remove(force=True)
        client.images.remove(tag, force=True)


if __name__ == "__main__":
    raise SystemExit(main())
