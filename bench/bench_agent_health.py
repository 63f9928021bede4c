"""What server health and Telegram alerts add to one agent poll at N users, against today's poll, in one run.

    .venv/bin/python bench/bench_agent_health.py [--users 100] [--rounds 15]

N light containers (`sleep`, see tests/integration/agent_lab.py) labelled as mtpm proxies of a throwaway
instance, each user with a quota and an expiry (so the alert conditions are judged for everyone). Three
variants of the same steady-state poll (PIDs cached), interleaved round by round so machine noise hits all
alike:
- today: the poll without the health reading (health.record replaced by a no-op);
- + health: the poll as shipped (health reading and its hourly row in the poll's transaction);
- + health + alerts: the service loop's cycle with Telegram configured (poll, then telegram.after_poll:
  status, judging every condition, the fired set), against a fake Bot API on loopback that gets no message
  (nothing new to send in the steady state).
Everything created is labelled mtpm.test-run=<bench id> and removed at the end.
"""

from __future__ import annotations

import argparse
import json
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docker

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mtpm_desktop.remote_agent import health, poller, telegram  # noqa: E402
from mtpm_desktop.remote_agent.fsutil import data_lock  # noqa: E402
from mtpm_desktop.remote_agent.poller import Agent  # noqa: E402

from tests.fixtures.fake_bot_api import FakeBotApi  # noqa: E402
from tests.integration.agent_lab import build_host_image  # noqa: E402


def _proxy_labels(bench_id: str, i: int) -> dict[str, str]:
    return {
        "mtpm.test-run": bench_id,
        "mtpm.managed": "1",
        "mtpm.instance": bench_id,
        "mtpm.role": "proxy",
        "mtpm.user-id": f"u{i}",
        "mtpm.port": str(21000 + i),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    client = docker.from_env(timeout=300)
    bench_id = "bench-" + secrets.token_hex(4)
    tag = f"mtpm-agent-bench:{bench_id}"
    build_host_image(client, tag, {"mtpm.test-run": bench_id})
    network = client.networks.create(f"mtpm-{bench_id}", driver="bridge", labels={"mtpm.test-run": bench_id})
    root = Path(tempfile.mkdtemp(prefix="mtpm-agent-health-bench-"))
    api = FakeBotApi().start()
    try:
        for i in range(args.users):
            client.containers.run(
                tag,
                ["sleep", "infinity"],
                detach=True,
                name=f"{bench_id}-{i}",
                network=network.name,
                volumes={"/usr": {"bind": "/usr", "mode": "ro"}},
                labels=_proxy_labels(bench_id, i),
            )
        users = [
            {"id": f"u{i}", "name": f"u{i}", "port": 21000 + i, "traffic_limit_gb": 50,
             "expires_at": "2099-01-01T00:00:00Z"}
            for i in range(args.users)
        ]  # fmt: skip
        state = {"instance_id": bench_id, "docker_network": network.name, "users": users}
        (root / "config.json").write_text(json.dumps(state))
        agent = Agent(str(root))
        record = health.record

        def today() -> None:
            poller.health.record = lambda *a, **k: None  # type: ignore[assignment]
            try:
                agent.poll()
            finally:
                poller.health.record = record  # type: ignore[assignment]

        def with_health() -> None:
            agent.poll()

        settings = root / "data" / telegram.SETTINGS_FILE

        def with_alerts() -> None:
            agent.poll()
            telegram.after_poll(agent)

        settings.write_text(json.dumps({"bot_token": api.token, "chat_id": "1", "api_base": api.base}))
        with data_lock(agent.lock_path):
            with_alerts()  # warm up: PIDs cached, the clock checked once, nothing to send
        variants: dict[str, tuple[Callable[[], None], list[float]]] = {
            "today": (today, []),
            "+ health": (with_health, []),
            "+ health + alerts": (with_alerts, []),
        }
        with data_lock(agent.lock_path):
            for _ in range(args.rounds):
                for fn, times in variants.values():
                    t = time.perf_counter()
                    fn()
                    times.append(time.perf_counter() - t)
        agent.close()
        base = statistics.median(variants["today"][1])
        print(
            f"{args.users} users, {args.rounds} rounds each, interleaved; messages sent: {len(api.messages)}"
        )
        print("| poll | median (ms) | min (ms) | vs today |")
        print("|---|---:|---:|---:|")
        for name, (_, times) in variants.items():
            med = statistics.median(times)
            print(
                f"| {name} | {med * 1000:.1f} | {min(times) * 1000:.1f} | {100 * (med / base - 1):+.1f} % |"
            )
    finally:
        api.stop()
        for c in client.containers.list(all=True, filters={"label": f"mtpm.test-run={bench_id}"}):
            c.remove(force=True)
        network.remove()
        client.images.remove(tag, force=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
