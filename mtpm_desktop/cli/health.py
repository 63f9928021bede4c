"""`mtpm -s S health [--json]`, `health --history --since ISO --json`: the server itself, from its agent."""

from __future__ import annotations

import argparse
from typing import Any

from mtpm_desktop.cli.main import Output, UsageError, add_command
from mtpm_desktop.cli.traffic import agent_client, human_bytes
from mtpm_desktop.remote.monitor import health as health_mod


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers,
        "health",
        health,
        "the server's CPU, load, memory, disk, network, uptime and Docker, measured by its agent",
    )
    p.add_argument("--history", action="store_true", help="hourly points instead of now (with --since)")
    p.add_argument(
        "--since", metavar="ISO", help="with --history: from this time, ISO 8601 (UTC unless it says)"
    )


def _duration(seconds: float) -> str:
    days, rest = divmod(int(seconds), 86400)
    return f"{days}d {rest // 3600}h {rest % 3600 // 60}m"


def health(args: argparse.Namespace) -> Output:
    if args.since and not args.history:
        raise UsageError("--since goes with --history: mtpm -s NAME health --history --since ISO")
    if args.history and not args.since:
        raise UsageError("Say from when: mtpm -s NAME health --history --since 2025-06-01T00:00:00Z")
    _, client = agent_client(args)
    if args.history:
        points = health_mod.health_history(client, args.since)
        lines = [
            f"{p.t:%Y-%m-%d %H:%M}Z  cpu {'-' if p.cpu_percent is None else f'{p.cpu_percent:.0f}%':>5}"
            f"  mem {human_bytes(p.mem_used_bytes):>11}  disk {human_bytes(p.disk_used_bytes):>11}"
            f"  rx {human_bytes(p.net_rx_bytes):>11}  tx {human_bytes(p.net_tx_bytes):>11}"
            for p in points
        ]
        return Output(data={"points": points}, text="\n".join(lines) or "No history yet.")
    h = health_mod.health(client)
    lines = [
        f"CPU {h.cpu_percent:.0f}%  load {h.load1:.2f}",
        f"memory {human_bytes(h.mem_used_bytes)} of {human_bytes(h.mem_total_bytes)}",
        f"disk {human_bytes(h.disk_used_bytes)} of {human_bytes(h.disk_total_bytes)}",
        f"network in {human_bytes(int(h.net_rx_bps))}/s  out {human_bytes(int(h.net_tx_bps))}/s",
        f"uptime {_duration(h.uptime_s)}",
        f"Docker {'answers' if h.docker_ok else 'DOES NOT ANSWER'}, {h.proxies_running} proxies running",
        *(f"warning: {health_mod.warning_text(w)}" for w in h.warnings),
    ]
    return Output(data=h, text="\n".join(lines))
