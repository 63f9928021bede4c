"""`mtpm -s NAME user ...`, `link USER` (online form) and `qr USER --out FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mtpm_desktop.cli.common import open_service, progress_printer
from mtpm_desktop.cli.main import Output, UsageError, add_command, add_group
from mtpm_desktop.core.errors import NoServerAddress
from mtpm_desktop.remote.service_models import ChangeResult, UserView


def register(subparsers: Any) -> None:
    group = add_group(subparsers, "user", "manage a server's proxy users")
    p = add_command(
        group, "add", add_user, "add a user (gets its own proxy container)", fleet_summary=_share_links
    )
    p.add_argument("username", metavar="USERNAME")
    p.add_argument("--port", type=int, metavar="P", help="default: the lowest free port from the base port")
    p.add_argument("--domain", metavar="D", help="FakeTLS domain (default: the server's)")
    p.add_argument("--limit-gb", type=float, metavar="GB", help="traffic limit (0 = the server's)")
    p.add_argument(
        "--throttle-mbps", type=float, metavar="MBPS", help="speed past the limit (0 = the server's)"
    )
    p.add_argument("--expires", metavar="ISO", help="expiry, e.g. 2026-12-31 or 2026-12-31T18:00:00Z")
    p.add_argument("--unlimited", action="store_true", help="no traffic limit whatever the server's")
    add_command(group, "list", list_users, "list the users with their state and links")
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
    p.add_argument("--name", metavar="NEW_NAME")
    p.add_argument("--domain", metavar="D", help="new FakeTLS domain (makes a new secret: the link changes)")
    p.add_argument("--port", type=int, metavar="P", help="move to another port (the link changes)")
    p.add_argument("--limit-gb", type=float, metavar="GB")
    p.add_argument("--throttle-mbps", type=float, metavar="MBPS")
    p.add_argument("--expires", metavar="ISO", help="expiry; 'never' clears it")
    p.add_argument("--unlimited", choices=["yes", "no"])
    p.add_argument(
        "--period",
        metavar="lifetime|monthly:DAY|inherit",
        help="when the user's traffic limit resets: never, monthly on DAY (1-31), or as the server says",
    )
    p.add_argument("--new-secret", action="store_true", help="regenerate the secret (the link changes)")

    p = add_command(subparsers, "qr", qr, "write a user's t.me link as a QR code (PNG or SVG)")
    p.add_argument("user", metavar="USER")
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.png or FILE.svg")


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
    changes = (args.name, args.domain, args.port, args.limit_gb, args.throttle_mbps)
    if all(v is None for v in changes) and not kw and not args.new_secret:
        raise UsageError(
            "Nothing to change: give --name, --domain, --port, --limit-gb, --throttle-mbps, "
            "--expires, --unlimited, --period or --new-secret."
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
    out = Path(args.out)
    if out.suffix.lower() not in (".png", ".svg"):
        raise UsageError("--out must end in .png or .svg")
    user = open_service(args).get_user(args.user)
    if user.tme_link is None:
        raise NoServerAddress(
            "The server has no server_ip or server_domain set: mtpm -s NAME settings set server_ip IP"
        )
    import segno

    segno.make(user.tme_link, error="m").save(str(out), scale=8, border=4)
    return Output(
        data={"id": user.id, "name": user.name, "file": str(out), "tme_link": user.tme_link},
        text=f"Wrote {out} ({user.tme_link})",
    )
