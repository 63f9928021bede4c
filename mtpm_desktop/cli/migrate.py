"""`mtpm backup`, `mtpm server restore` and `mtpm server move`: survive a blocked server."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtpm_desktop.cli.common import progress_printer, require_server
from mtpm_desktop.cli.main import Output, UsageError, add_command, add_group

if TYPE_CHECKING:
    from mtpm_desktop.remote.migrate.move import MoveReport
    from mtpm_desktop.remote.service import ServerService


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers, "backup", backup, "write an encrypted backup of a server (users, history, settings)"
    )
    p.add_argument("--out", metavar="FILE", help="where to write it (default: ./SERVER-TIME.mtpmbak)")
    p.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the passphrase from stdin (default: the app's backup passphrase in the keyring)",
    )
    add_command(
        subparsers,
        "backup-passphrase",
        show_passphrase,
        "print the passphrase of the app's automatic backups (kept in the keyring)",
    )
    group = add_group(subparsers, "server", "add, list and remove servers")
    p = add_command(group, "restore", restore, "rebuild a server's users and settings from a backup")
    p.add_argument("file", metavar="FILE", help="the backup file (`mtpm backup` or the app's automatic ones)")
    p.add_argument("--to", required=True, metavar="NEW", help="the server to restore onto")
    p.add_argument("--passphrase-stdin", action="store_true", help="read the passphrase from stdin")
    p = add_command(group, "move", move, "move users (and the server's settings) to another server")
    p.add_argument("old", metavar="OLD", help="the server to move from (nothing on it is deleted)")
    p.add_argument("new", metavar="NEW", help="the server to move to (set up first if mtpm has not yet)")
    p.add_argument("--users", metavar="A,B", help="only these users (names or ids; default: every user)")
    p.add_argument("--stop-old", action="store_true", help="stop OLD's proxies once every moved link works")
    p.add_argument("--yes", action="store_true", help="do not ask before moving")
    p.add_argument("--resume", action="store_true", help="finish an interrupted move")


def service_for(name: str) -> ServerService:
    """A connected ServerService for the profile `name` (tests replace this)."""
    from mtpm_desktop.remote.service import ServerService
    from mtpm_desktop.remote.ssh.profiles import ProfileStore
    from mtpm_desktop.remote.ssh.session import connect

    profile = ProfileStore().get(name)
    return ServerService(connect(profile), root=profile.install_root)


def ensure_set_up(service: ServerService, args: argparse.Namespace) -> None:
    """Bootstrap a server that mtpm has not set up yet (no state), without a first user."""
    from mtpm_desktop.remote.migrate.setup_new import ensure_set_up as set_up

    set_up(service, progress_printer(args))


def _passphrase(args: argparse.Namespace) -> str:
    if args.passphrase_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise UsageError("--passphrase-stdin read an empty line from stdin.")
        return line
    from mtpm_desktop.remote.migrate.local_backups import backup_passphrase

    return str(backup_passphrase())


def backup(args: argparse.Namespace) -> Output:
    from mtpm_desktop.remote.migrate.backup import make_backup
    from mtpm_desktop.remote.migrate.journal import write_atomic

    name = require_server(args)
    passphrase = _passphrase(args)
    data = make_backup(service_for(name), passphrase, progress_printer(args))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = Path(args.out) if args.out else Path.cwd() / f"{name}-{stamp}.mtpmbak"
    write_atomic(out.resolve(), data)
    where = "the passphrase you gave" if args.passphrase_stdin else "the backup passphrase in the keyring"
    text = f"Backup of {name} written to {out} ({len(data)} bytes), encrypted with {where}."
    return Output(data={"server": name, "file": str(out), "bytes": len(data)}, text=text)


def show_passphrase(args: argparse.Namespace) -> Output:
    from mtpm_desktop.remote.migrate.local_backups import backup_passphrase

    value = backup_passphrase()
    return Output(data={"passphrase": value}, text=str(value))


def restore(args: argparse.Namespace) -> Output:
    from mtpm_desktop.core.backup_format import decrypt

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise UsageError(f"Cannot read {args.file}: {exc.strerror}.") from None
    payload = decrypt(data, _passphrase(args))  # a bad file or passphrase stops here: the server is untouched
    from mtpm_desktop.remote.migrate.backup import restore_payload

    service = service_for(args.to)
    ensure_set_up(service, args)
    report = restore_payload(service, payload, progress_printer(args))
    lines = [f"Restored {len(report.users)} users onto {args.to}."]
    lines += [f"  {uid}: port {a} -> {b} (its link changes)" for uid, (a, b) in report.port_changes.items()]
    failing = [uid for uid, ok in report.checked.items() if not ok]
    error = f"{len(failing)} restored link(s) failed the check" if failing else None
    return Output(data=report, text="\n".join(lines), exit_code=1 if failing else 0, error=error)


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def move_text(report: MoveReport, old: str, new: str) -> str:
    lines = [f"Moved {len(report.moved)} user(s) from {old} to {new}:"]
    for u in report.moved:
        state = "checked" if u.checked else "NOT checked"
        change = "new link" if u.old_link != u.new_link else "same link"
        lines.append(f"  {u.name:<20} {state:<12} {change}: {u.new_link or '-'}")
    lines += [f"  note: {n}" for n in report.notes]
    if report.dns:
        from mtpm_desktop.remote.migrate.move import resolves_to

        lines.append("The links keep their domain: change these DNS records to point at the new server:")
        for r in report.dns:
            now = "already resolves there" if resolves_to(r.name, r.value) else "does not resolve there yet"
            lines.append(f"  {r.name}  {r.type}  {r.value}   ({now})")
    if report.share_sheet is not None:
        lines.append(
            f"Share sheet with every new link and QR code (print it or send each piece): {report.share_sheet}"
        )
    lines.append(
        f"{old}'s proxies: " + ("stopped (nothing deleted)" if report.old_stopped else "still running")
    )
    return "\n".join(lines)


def move(args: argparse.Namespace) -> Output:
    from mtpm_desktop.remote.migrate.move import move_server
    from mtpm_desktop.remote.ssh.profiles import app_data_dir

    if args.old == args.new:
        raise UsageError("OLD and NEW are the same server.")
    users = [u.strip() for u in args.users.split(",") if u.strip()] if args.users else None
    if users and args.resume:
        raise UsageError("--users cannot change the users of an interrupted move; use --resume alone.")
    if not args.yes and not args.resume and not _confirm(f"Move users from {args.old} to {args.new}?"):
        raise UsageError(
            f"Nothing moved. Confirm the move with --yes (or answer y) to move users to {args.new}."
        )
    old = service_for(args.old)
    new = service_for(args.new)
    ensure_set_up(new, args)

    def ask(report: MoveReport) -> bool:
        if args.stop_old:
            return True
        if args.json or not report.all_checked:
            return False
        return _confirm(f"Every moved link works on {args.new}. Stop the moved users' proxies on {args.old}?")

    report = move_server(
        old,
        new,
        old_name=args.old,
        new_name=args.new,
        data_dir=app_data_dir(),
        users=users,
        resume=args.resume,
        stop_old=ask,
        progress=progress_printer(args),
    )
    error = None if report.all_checked else "some moved links failed the check; fix them, then --resume"
    return Output(
        data=report,
        text=move_text(report, args.old, args.new),
        exit_code=0 if error is None else 1,
        error=error,
    )
