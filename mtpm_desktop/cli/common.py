"""Shared helpers of the server commands: the chosen server's profile, session and ServerService."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from mtpm_desktop.cli.main import UsageError

if TYPE_CHECKING:
    # Imported when a command runs, not when the parser is built: docker/paramiko take a second to import.
    from mtpm_desktop.remote.service import ServerService


def require_server(args: argparse.Namespace) -> str:
    """The profile named by -s, or the only profile there is when -s is left out."""
    name = getattr(args, "server", None)
    if name:
        return str(name)
    from mtpm_desktop.remote.ssh.profiles import ProfileStore

    profiles = ProfileStore().list()
    if len(profiles) == 1:
        return profiles[0].name
    if not profiles:
        raise UsageError("There is no server yet: mtpm server add NAME --host H")
    raise UsageError("Say which server: mtpm -s NAME ... (`mtpm server list` shows the names).")


def open_service(args: argparse.Namespace) -> ServerService:
    """Connect to the server named by -s (profiles and host keys from the app data dir, or $MTPM_DATA_DIR)."""
    from mtpm_desktop.remote.service import ServerService
    from mtpm_desktop.remote.ssh.profiles import ProfileStore
    from mtpm_desktop.remote.ssh.session import connect

    profile = ProfileStore().get(require_server(args))
    session = connect(profile)
    return ServerService(session, root=profile.install_root)


def progress_printer(args: argparse.Namespace) -> Any:
    """Progress lines on stderr for people; nothing with --json (stdout stays pure JSON)."""
    if getattr(args, "json", False) or not sys.stderr.isatty():
        return None
    # On several servers at once the lines interleave: each says whose it is.
    prefix = f"{args.server}: " if getattr(args, "fleet_member", False) else ""
    return lambda message: print(f"... {prefix}{message}", file=sys.stderr)
