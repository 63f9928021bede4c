"""`python3 -m mtpm_agent <command> --root ROOT`: JSON on stdout, one-line errors on stderr."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import signal
import sqlite3
import sys
import time
from typing import Any

from . import AGENT_VERSION, report, site_renew, telegram
from .dockerapi import DOCKER_SOCKET
from .fsutil import atomic_write_json, data_lock
from .mss_rules import MssSync
from .policy import PolicyError, parse_time
from .poller import Agent, AgentError, PollReport

DEFAULT_ROOT = "/opt/mtpm"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mtpm_agent", description="mtpm server agent")
    p.add_argument("--version", action="version", version=AGENT_VERSION)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", default=DEFAULT_ROOT, help="install root (default %(default)s)")
    common.add_argument("--docker-socket", default=DOCKER_SOCKET, help=argparse.SUPPRESS)
    common.add_argument("--json", action="store_true", help="JSON output (always on; accepted for symmetry)")
    sub = p.add_subparsers(dest="command", required=True)
    st = sub.add_parser("status", parents=[common], help="versions, last poll, per-user counters and limits")
    st.add_argument("--now", help=argparse.SUPPRESS)
    h = sub.add_parser("history", parents=[common], help="a user's traffic in hourly or daily buckets")
    h.add_argument("--user", required=True)
    h.add_argument("--since", required=True)
    h.add_argument("--until", required=True)
    h.add_argument("--step", choices=("hour", "day"), default="hour")
    he = sub.add_parser("health", parents=[common], help="the server's CPU, memory, disk, network, Docker")
    he.add_argument("--history", action="store_true", help="hourly points instead of now")
    he.add_argument("--since", help="with --history: from this ISO 8601 time")
    al = sub.add_parser("alerts", parents=[common], help="Telegram alerts: status, test message, off")
    al.add_argument("action", choices=("status", "test", "off"))
    r = sub.add_parser("reset", parents=[common], help="zero this period's counters (one user or all)")
    r.add_argument("--user")
    f = sub.add_parser("forget", parents=[common], help="drop a deleted user's counters now")
    f.add_argument("--user", required=True)
    sn = sub.add_parser(
        "snapshot", parents=[common], help="a consistent copy of the database (backups, moves)"
    )
    sn.add_argument("--out", required=True)
    im = sub.add_parser("import", parents=[common], help="take users' counters and history from a snapshot")
    im.add_argument("--from", dest="source", required=True)
    im.add_argument("--users", help="comma-separated user ids (default: every user in the snapshot)")
    dv = sub.add_parser("devices", parents=[common], help="one user's client IPs")
    dv.add_argument("--user", required=True)
    sub.add_parser("reload", parents=[common], help="apply config.json now (limits, expiry, throttles)")
    po = sub.add_parser("poll-once", parents=[common], help="run one poll cycle now")
    # Pretend it is this time (tests of period roll-over and expiry); counting still uses real counters.
    po.add_argument("--now", help=argparse.SUPPRESS)
    sr = sub.add_parser("site-renew", parents=[common], help="get or renew the site's certificates now")
    sr.add_argument("--force", action="store_true", help="renew even certificates that are not due")
    sub.add_parser("mss-sync", parents=[common], help="make the MTPM-MSS chain what <root>/mss.json asks")
    run = sub.add_parser("run", parents=[common], help="the poll loop (what the service runs)")
    run.add_argument("--interval", type=float, help="seconds between polls (default: config or 10)")
    return p


def _emit(data: Any) -> None:
    json.dump(data, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


def _poll_dict(rep: PollReport) -> dict[str, Any]:
    return {
        "at": rep.at,
        "containers": rep.containers,
        "counted": rep.counted,
        "errors": rep.errors,
        "actions": rep.actions,
        "connections": rep.connections,
        "presence": rep.presence,
    }


class _Wake(Exception):
    pass


def _run_loop(agent: Agent, interval: float | None) -> int:
    pid_path = os.path.join(agent.data, "agent.pid")
    with open(pid_path, "w", encoding="ascii") as fh:
        fh.write(str(os.getpid()))
    stopping: list[int] = []
    sleeping = [False]

    # Signals interrupt only the sleep between polls: a poll always finishes (its files stay whole).
    def on_term(signum: int, frame: Any) -> None:
        stopping.append(signum)
        if sleeping[0]:
            raise _Wake()

    def on_hup(signum: int, frame: Any) -> None:
        if sleeping[0]:
            raise _Wake()  # `kill -HUP`: poll now

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    signal.signal(signal.SIGHUP, on_hup)
    logged: set[str] = set()
    mss = MssSync(agent.root)
    while not stopping:
        started = time.monotonic()
        wait = interval or 10.0
        # First, before Docker or the config are needed: a reboot's lost client_mss rules come back at once.
        mss_errors = _sync_mss(mss)
        try:
            with data_lock(agent.lock_path):
                rep = agent.poll()
                for line in telegram.after_poll(agent):
                    _log(line)
            if interval is None:
                wait = agent.config()[0].poll_seconds
            # The log (agent.log under the respawn loop) gets each error when it starts, not every 10 s.
            for err in rep.errors + mss_errors:
                if err not in logged:
                    _log("poll: " + err)
            logged = set(rep.errors + mss_errors)
            for act in rep.actions:
                _log(act)
        except (AgentError, PolicyError, OSError, ValueError) as exc:
            _log(f"poll failed: {exc}")
        except Exception as exc:  # keep serving: one bad poll must not stop accounting for everyone
            _log(f"poll crashed: {type(exc).__name__}: {exc}")
        _renew_site_if_due(agent.root)
        if stopping:
            break
        sleeping[0] = True
        try:
            time.sleep(max(0.0, wait - (time.monotonic() - started)))
        except _Wake:
            pass
        finally:
            sleeping[0] = False
    with contextlib.suppress(OSError):
        os.unlink(pid_path)
    return 0


def _sync_mss(mss: MssSync) -> list[str]:
    """The client_mss rules (mss_rules.py); returns the errors, logs what changed."""
    try:
        actions, errors = mss.sync()
    except Exception as exc:  # never let the MSS rules stop the accounting
        return [f"client_mss: {type(exc).__name__}: {exc}"]
    for act in actions:
        _log(act)
    return errors


def _renew_site_if_due(root: str) -> None:
    """Without systemd the loop keeps the site's certificates fresh (site_renew.due says when)."""
    try:
        if site_renew.due(root):
            status = site_renew.run(root)
            if status.get("last_error"):
                _log("site certificates: " + str(status["last_error"]))
    except Exception as exc:  # never let the certificates stop the accounting
        _log(f"site certificates: {type(exc).__name__}: {exc}")


def _log(msg: str) -> None:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    sys.stderr.write(f"{stamp} {msg}\n")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command != "run" and not os.path.isdir(args.root):
        sys.stderr.write(f"error: install root {args.root} does not exist\n")
        return 2
    if args.command == "mss-sync":  # needs neither Docker nor the database
        actions, errors = MssSync(args.root).sync()
        for err in errors:
            sys.stderr.write(f"error: {err}\n")
        _emit({"changed": actions})
        return 1 if errors else 0
    try:
        agent = Agent(args.root, args.docker_socket)
    except OSError as exc:
        sys.stderr.write(f"error: cannot open the agent's data under {args.root}: {exc}\n")
        return 1
    try:
        if args.command == "run":
            return _run_loop(agent, args.interval)
        if args.command == "status":
            _emit(report.status(agent, parse_time(args.now) if args.now else None))
        elif args.command == "history":
            _emit(report.history(agent, args.user, args.since, args.until, args.step))
        elif args.command == "health":
            if args.history:
                _emit(report.health_history(agent, args.since or "1970-01-01T00:00:00Z"))
            else:
                _emit(report.health(agent))
        elif args.command == "alerts":
            with data_lock(agent.lock_path):
                if args.action == "status":
                    _emit(telegram.status(agent))
                elif args.action == "test":
                    _emit(telegram.test_message(agent))
                else:
                    _emit(telegram.off(agent))
        elif args.command == "reset":
            with data_lock(agent.lock_path):
                done = agent.reset(args.user)
            if args.user and not done:
                sys.stderr.write(f"error: the agent has no counters for user {args.user}\n")
                return 1
            _emit({"reset": done})
        elif args.command == "devices":
            _emit(report.devices(agent, args.user))
        elif args.command == "forget":
            with data_lock(agent.lock_path):
                _emit({"forgotten": agent.forget(args.user)})
        elif args.command == "snapshot":
            agent.store.snapshot(args.out)
            _emit({"snapshot": args.out})
        elif args.command == "import":
            ids = [u for u in args.users.split(",") if u] if args.users else None
            with data_lock(agent.lock_path):
                agent.store.begin()
                try:
                    done = agent.store.import_users(args.source, ids)
                except BaseException:
                    agent.store.rollback()
                    raise
                agent.store.commit()
            _emit({"imported": done})
        elif args.command == "site-renew":
            status = site_renew.run(args.root, force=args.force)
            _emit(status)
            return 0  # failures are in the JSON (last_error), as the timer records them
        elif args.command in ("reload", "poll-once"):
            now = parse_time(args.now) if getattr(args, "now", None) else None
            with data_lock(agent.lock_path):
                rep = agent.poll(now)
                rep.actions.extend(telegram.after_poll(agent, now))
            _emit(_poll_dict(rep))
        return 0
    except (AgentError, PolicyError, ValueError, OSError, sqlite3.Error, telegram.TelegramError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    finally:
        agent.close()


__all__ = ["atomic_write_json", "main"]
