"""`mtpm -s NAME user ...`, `link USER` (online form) and `qr USER --out FILE`."""

from __future__ import annotations

import argparse
import io
from pathlib import Path
from typing import Any

from mtpm_desktop.cli.common import open_service, progress_printer
from mtpm_desktop.cli.main import Output, UsageError, add_command, add_group
from mtpm_desktop.core.errors import NoServerAddress
from mtpm_desktop.core.validation import validate_max_devices
from mtpm_desktop.remote.service_models import ChangeResult, UserView
from mtpm_desktop.remote.user_edits import DEFAULT_WORD


def register(subparsers: Any) -> None:
    group = add_group(subparsers, "user", "manage a server's proxy users")
    p = add_command(
        group, "add", add_user, "add a user (gets its own proxy container)", fleet_summary=_share_links
    )
    p.add_argument("username", metavar="USERNAME", help="the new user's name (letters, digits, . _ -)")
    p.add_argument("--port", type=int, metavar="P", help="default: the lowest free port from the base port")
    p.add_argument("--domain", metavar="D", help="FakeTLS domain (default: the server's)")
    p.add_argument("--limit-gb", type=float, metavar="GB", help="traffic limit (0 = the server's)")
    p.add_argument(
        "--throttle-mbps", type=float, metavar="MBPS", help="speed past the limit (0 = the server's)"
    )
    p.add_argument("--expires", metavar="ISO", help="expiry, e.g. 2026-12-31 or 2026-12-31T18:00:00Z")
    p.add_argument("--unlimited", action="store_true", help="no traffic limit whatever the server's")
    p.add_argument(
        "--max-devices", type=int, metavar="N", help="device limit (0 = unlimited; default: the server's)"
    )
    add_command(group, "list", list_users, "list the users with their state and links")
    p = add_command(
        group, "devices", user_devices, "a user's devices: client IPs now and in the last 30 days"
    )
    p.add_argument("user", metavar="USER", help="user id or unique name")
    for name, handler, text in (
        ("show", show_user, "show one user"),
        ("remove", remove_user, "delete a user, its container and its traffic counters"),
        ("enable", enable_user, "enable a user (starts its proxy)"),
        ("disable", disable_user, "disable a user (stops its proxy)"),
    ):
        p = add_command(group, name, handler, text)
        p.add_argument("user", metavar="USER", help="user id or unique name")
    p = add_command(group, "set", set_user, "change a user's settings")
    p.add_argument("user", metavar="USER", help="user id or unique name")
    p.add_argument("--name", metavar="NEW_NAME", help="rename the user (the link stays)")
    p.add_argument("--domain", metavar="D", help="new FakeTLS domain (makes a new secret: the link changes)")
    p.add_argument("--port", type=int, metavar="P", help="move to another port (the link changes)")
    p.add_argument("--limit-gb", type=float, metavar="GB", help="traffic limit (0 = the server's)")
    p.add_argument(
        "--throttle-mbps", type=float, metavar="MBPS", help="speed past the limit (0 = the server's)"
    )
    p.add_argument("--expires", metavar="ISO", help="expiry; 'never' clears it")
    p.add_argument(
        "--unlimited", choices=["yes", "no"], help="yes: no traffic limit whatever the server's; no: limited"
    )
    p.add_argument(
        "--max-devices",
        metavar="N|default",
        help="distinct client IPs at a time (0 = unlimited; default = the server's max_devices)",
    )
    p.add_argument(
        "--period",
        metavar="lifetime|monthly:DAY|inherit",
        help="when the user's traffic limit resets: never, monthly on DAY (1-31), or as the server says",
    )
    p.add_argument("--new-secret", action="store_true", help="regenerate the secret (the link changes)")

    p = add_command(
        subparsers, "qr", qr, "show a user's t.me link as a QR code in the terminal, or write it (PNG or SVG)"
    )
    p.add_argument("user", metavar="USER", help="user id or unique name")
    p.add_argument(
        "--out", metavar="FILE", help="write FILE.png or FILE.svg (default: print the code in the terminal)"
    )


def _user_text(u: UserView) -> str:
    return (
        f"{u.name} ({u.id})  port {u.port}  {u.state}  domain {u.domain}\n"
        f"  {u.tg_link or '(no link: set server_ip or server_domain)'}\n"
        f"  {u.tme_link or ''}".rstrip()
    )


def _change_output(result: ChangeResult, done: str) -> Output:
    lines = [done]
    if result.user is not None:
        lines.append(_user_text(result.user))
    lines += result.notes
    lines += [f"error: {r.name}: {r.error}" for r in result.reconcile.errors]
    error = None
    if not result.reconcile.ok:
        error = "the state was saved, but some containers could not be updated: " + "; ".join(
            f"{r.name}: {r.error}" for r in result.reconcile.errors
        )
    return Output(data=result, text="\n".join(lines), exit_code=1 if error else 0, error=error)


def add_user(args: argparse.Namespace) -> Output:
    svc = open_service(args)
    result = svc.add_user(
        args.username,
        port=args.port,
        domain=args.domain,
        traffic_limit_gb=args.limit_gb,
        throttle_speed_mbps=args.throttle_mbps,
        expires_at=args.expires,
        unlimited=args.unlimited,
        max_devices=args.max_devices,
        progress=progress_printer(args),
    )
    return _change_output(result, f"Added {args.username}.")


def _share_links(outputs: dict[str, Output]) -> str:
    """After `user add` on several servers: the person's link from each, as one text to send them."""
    from mtpm_desktop.core.fleet import ServerLink, share_header, share_text

    links: list[ServerLink] = []
    person = ""
    for server, output in outputs.items():
        user = output.data.user if isinstance(output.data, ChangeResult) else None
        if user is not None:
            person = person or user.name
            links.append(ServerLink(server, user.tme_link))
    if not links:
        return ""
    return "-- to send --\n" + share_text(share_header(person), links)


def list_users(args: argparse.Namespace) -> Output:
    users = open_service(args).list_users()
    text = "\n".join(_user_text(u) for u in users) or "No users yet: mtpm -s NAME user add USERNAME"
    return Output(data=users, text=text)


def show_user(args: argparse.Namespace) -> Output:
    user = open_service(args).get_user(args.user)
    return Output(data=user, text=_user_text(user))


def remove_user(args: argparse.Namespace) -> Output:
    result = open_service(args).remove_user(args.user, progress=progress_printer(args))
    return _change_output(result, f"Removed {args.user}.")


def enable_user(args: argparse.Namespace) -> Output:
    result = open_service(args).enable_user(args.user, progress=progress_printer(args))
    return _change_output(result, f"Enabled {args.user}.")


def disable_user(args: argparse.Namespace) -> Output:
    result = open_service(args).disable_user(args.user, progress=progress_printer(args))
    return _change_output(result, f"Disabled {args.user}.")


def set_user(args: argparse.Namespace) -> Output:
    kw: dict[str, Any] = {}
    if args.expires is not None:
        kw["expires_at"] = None if args.expires.strip().lower() in ("never", "none", "") else args.expires
    if args.unlimited is not None:
        kw["unlimited"] = args.unlimited == "yes"
    if args.period is not None:
        from mtpm_desktop.core.users import parse_quota_period

        parse_quota_period(args.period)  # a typo fails here, before connecting
        kw["quota_period"] = args.period
    if args.max_devices is not None:
        kw["max_devices"] = _max_devices_arg(args.max_devices)
    changes = (args.name, args.domain, args.port, args.limit_gb, args.throttle_mbps)
    if all(v is None for v in changes) and not kw and not args.new_secret:
        raise UsageError(
            "Nothing to change: give --name, --domain, --port, --limit-gb, --throttle-mbps, "
            "--expires, --unlimited, --period, --max-devices or --new-secret."
        )
    result = open_service(args).update_user(
        args.user,
        name=args.name,
        domain=args.domain,
        port=args.port,
        traffic_limit_gb=args.limit_gb,
        throttle_speed_mbps=args.throttle_mbps,
        regenerate_secret=args.new_secret,
        progress=progress_printer(args),
        **kw,
    )
    return _change_output(result, f"Updated {args.user}.")


def _max_devices_arg(text: str) -> int | str:
    """A whole number (0 = unlimited) or `default`; a typo fails here, before connecting."""
    if text.strip().lower() == DEFAULT_WORD:
        return DEFAULT_WORD
    return validate_max_devices(text)


def user_devices(args: argparse.Namespace) -> Output:
    user, devices = open_service(args).user_devices(args.user)
    rows = [
        {"ip": d.ip, "last_seen": d.last_seen, "connections": d.connections, "connected": d.connected}
        for d in devices
    ]
    lines = [
        f"{d.ip:<40} {f'connected ({d.connections})' if d.connected else 'last seen':<16} {d.last_seen}"
        for d in devices
    ] or [f"{user.name} has no devices in the last 30 days."]
    return Output(data={"id": user.id, "name": user.name, "devices": rows}, text="\n".join(lines))


def online_link(args: argparse.Namespace) -> Output:
    """`mtpm -s NAME link USER` (registered by cli/offline.py, which owns the `link` command name)."""
    user = open_service(args).get_user(args.user)
    if user.tg_link is None or user.tme_link is None:
        raise NoServerAddress(
            "The server has no server_ip or server_domain set: mtpm -s NAME settings set server_ip IP"
        )
    data = {
        "id": user.id,
        "name": user.name,
        "port": user.port,
        "secret": user.secret,
        "tg_link": user.tg_link,
        "tme_link": user.tme_link,
    }
    return Output(data=data, text=f"{user.tg_link}\n{user.tme_link}")


def qr(args: argparse.Namespace) -> Output:
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".png", ".svg"):
        raise UsageError("--out must end in .png or .svg")
    user = open_service(args).get_user(args.user)
    if user.tme_link is None:
        raise NoServerAddress(
            "The server has no server_ip or server_domain set: mtpm -s NAME settings set server_ip IP"
        )
    import segno

    code = segno.make(user.tme_link, error="m")
    if out is None:
        return Output(
            data={"id": user.id, "name": user.name, "file": None, "tme_link": user.tme_link},
            text=terminal_qr(code) + user.tme_link,
        )
    code.save(str(out), scale=8, border=4)
    return Output(
        data={"id": user.id, "name": user.name, "file": str(out), "tme_link": user.tme_link},
        text=f"Wrote {out} ({user.tme_link})",
    )


def terminal_qr(code: Any) -> str:
    """The QR code drawn with half-block characters (two modules per character row), dark on light, so
    a phone scans it from any terminal whatever its colours."""
    buf = io.StringIO()
    code.terminal(out=buf, compact=True, border=2)
    return buf.getvalue()
