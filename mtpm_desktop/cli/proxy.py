"""Whole-server commands: status, proxy start|stop|restart, reconcile, logs, check, import-panel."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from mtpm_desktop.cli.common import open_service, progress_printer
from mtpm_desktop.cli.main import Output, add_command, add_group, to_jsonable
from mtpm_desktop.remote.checks.link_check import check_links
from mtpm_desktop.remote.service_models import ReconcileReport
from mtpm_desktop.remote.setup.import_panel import import_panel as import_panel_op


def register(subparsers: Any) -> None:
    add_command(subparsers, "status", status, "Running X/Y, every user's state, the server's clock offset")
    group = add_group(subparsers, "proxy", "start, stop or restart every proxy of a server")
    add_command(group, "start", lambda a: _report(a, "start_all"), "start every enabled user's proxy")
    add_command(group, "stop", lambda a: _report(a, "stop_all"), "stop every proxy (remembered)")
    add_command(group, "restart", lambda a: _report(a, "restart_all"), "restart every proxy")
    add_command(
        subparsers,
        "reconcile",
        lambda a: _report(a, "reconcile"),
        "make the containers match the server's state (only what differs)",
    )
    p = add_command(subparsers, "logs", logs, "the proxies' logs, merged by time")
    p.add_argument("--user", metavar="USER", help="only this user's proxy")
    p.add_argument("--tail", type=int, default=100, metavar="N", help="the last N lines (default 100)")
    p.add_argument("--follow", "-f", action="store_true", help="keep printing new lines")
    p = add_command(subparsers, "check", check, "FakeTLS handshake against every user's link from here")
    p.add_argument("user", nargs="?", metavar="USER", help="only this user (id or name; default: every user)")
    p.add_argument("--timeout", type=float, default=5.0, metavar="S", help="seconds to wait for each proxy")
    p = add_command(subparsers, "import-panel", import_panel, "take over the old web panel on this server")
    p.add_argument("--panel-root", default="/opt/mtproto", metavar="PATH", help="the old panel's folder")


def status(args: argparse.Namespace) -> Output:
    st = open_service(args).status(progress=progress_printer(args))
    lines = [st.summary + ("  (port-443 mode)" if st.port_443_mode else "")]
    for u in st.users:
        lines.append(f"  {u.name:<20} port {u.port:<6} {u.state!s:<9} {u.container_status or ''}")
    if st.clock is not None:
        lines.append(f"clock offset {st.clock.offset_s:+.2f} s")
        if st.clock.warning:
            lines.append("WARNING: " + st.clock.warning)
    return Output(data=st, text="\n".join(lines))


def _report_output(report: ReconcileReport) -> Output:
    lines = [f"{r.name}: {r.action}" + ("" if r.ok else f" FAILED: {r.error}") for r in report.results]
    text = "\n".join(lines) or "No users."
    error = (
        None
        if report.ok
        else "some containers could not be updated: "
        + "; ".join(f"{r.name}: {r.error}" for r in report.errors)
    )
    return Output(data=report, text=text, exit_code=0 if report.ok else 1, error=error)


def _report(args: argparse.Namespace, method: str) -> Output:
    svc = open_service(args)
    report: ReconcileReport = getattr(svc, method)(progress=progress_printer(args))
    return _report_output(report)


def logs(args: argparse.Namespace) -> Any:
    svc = open_service(args)
    if not args.follow:
        lines = svc.logs(args.user, tail=args.tail)
        return Output(data=lines, text="\n".join(ln.format() for ln in lines))
    try:
        for ln in svc.follow_logs(args.user, tail=args.tail):
            if args.json:
                print(json.dumps(to_jsonable(ln), ensure_ascii=False), flush=True)
            else:
                print(ln.format(), flush=True)
    except KeyboardInterrupt:
        pass
    sys.stdout.flush()
    return None


def check(args: argparse.Namespace) -> Output:
    report = check_links(open_service(args), args.user, timeout=args.timeout, progress=progress_printer(args))
    lines = []
    for r in report.results:
        rtt = f" {r.rtt_ms:.0f} ms" if r.rtt_ms is not None else ""
        lines.append(f"{r.name:<20} {r.host}:{r.port:<6} {r.verdict!s}{rtt}  {r.detail}")
    if report.clock is not None:
        lines.append(f"clock offset {report.clock.offset_s:+.2f} s")
        if report.clock.warning:
            lines.append("WARNING: " + report.clock.warning)
    failing = [r for r in report.results if r.verdict in ("refused", "unreachable")]
    error = f"{len(failing)} link(s) failed the check" if failing else None
    return Output(data=report, text="\n".join(lines), exit_code=1 if failing else 0, error=error)


def import_panel(args: argparse.Namespace) -> Output:
    report = import_panel_op(open_service(args), panel_root=args.panel_root, progress=progress_printer(args))
    lines = [f"Imported {len(report.users)} users (same ports and secrets, so their links keep working):"]
    lines += [f"  {u.name}: port {u.port} {u.state}" for u in report.users]
    if report.stopped_containers:
        lines.append("Stopped the old panel's containers: " + ", ".join(report.stopped_containers))
    if report.traffic_seeded:
        lines.append("The old panel's traffic counters were kept for the agent.")
    lines.append("To roll back:")
    lines += [f"  {c}" for c in report.rollback]
    return Output(
        data=report,
        text="\n".join(lines),
        exit_code=0 if report.reconcile.ok else 1,
        error=None if report.reconcile.ok else "some proxies could not be started",
    )
