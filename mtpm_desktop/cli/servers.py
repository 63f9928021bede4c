"""`mtpm server add/list/remove`: the local server profiles (host keys pinned strictly)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mtpm_desktop.cli.main import Output, UsageError, add_command, add_group
from mtpm_desktop.core.errors import MtpmError


class HostKeyNotTrusted(MtpmError):
    """The server's host key is unknown and was not confirmed with --trust-host-key."""


def register(subparsers: Any) -> None:
    group = add_group(subparsers, "server", "add, list and remove servers")
    p = add_command(group, "add", add_server, "add a server (its SSH host key must be confirmed)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--host", required=True, metavar="H")
    p.add_argument("--port", type=int, default=22, metavar="P")
    p.add_argument("--user", default="root", metavar="U")
    p.add_argument("--identity", metavar="KEYFILE", help="private key file (default: ssh-agent)")
    p.add_argument("--password-stdin", action="store_true", help="read the SSH password from stdin")
    p.add_argument("--trust-host-key", metavar="SHA256:...", help="the host key fingerprint you checked")
    p.add_argument("--install-root", default="/opt/mtpm", metavar="PATH", help="mtpm's folder on the server")
    add_command(group, "list", list_servers, "list the servers")
    p = add_command(group, "remove", remove_server, "forget a server (nothing on the server changes)")
    p.add_argument("name", metavar="NAME")


def add_server(args: argparse.Namespace) -> Output:
    from mtpm_desktop.remote.connect import connect
    from mtpm_desktop.remote.credentials import CredentialStore
    from mtpm_desktop.remote.errors import HostKeyUnknown
    from mtpm_desktop.remote.hostkeys import HostKeyStore
    from mtpm_desktop.remote.profiles import ProfileStore, ServerProfile, app_data_dir

    if args.identity and args.password_stdin:
        raise UsageError("Use either --identity or --password-stdin, not both.")
    auth = "password" if args.password_stdin else ("key" if args.identity else "agent")
    profile = ServerProfile(
        name=args.name,
        host=args.host,
        port=args.port,
        user=args.user,
        auth=auth,  # type: ignore[arg-type]
        key_path=args.identity,
        install_root=args.install_root,
    )
    store = ProfileStore()
    credentials = CredentialStore()
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
        if not password:
            raise UsageError("--password-stdin read an empty password.")
        credentials.set(profile, "password", password)
    hostkeys = HostKeyStore.for_data_dir(app_data_dir())
    try:
        session = connect(profile, credentials=credentials, hostkeys=hostkeys)
    except HostKeyUnknown as exc:
        if args.trust_host_key != exc.fingerprint:
            given = f" (--trust-host-key {args.trust_host_key} does not match)" if args.trust_host_key else ""
            raise HostKeyNotTrusted(
                f"The host key of {args.host}:{args.port} is unknown{given}: its fingerprint is "
                f"{exc.fingerprint} ({exc.key_type}). Check it on the server (`ssh-keygen -lf "
                f"/etc/ssh/ssh_host_{exc.key_type.lower()}_key.pub`), then run again with "
                f"--trust-host-key {exc.fingerprint}"
            ) from None
        hostkeys.pin(exc.host, exc.port, exc.key)
        session = connect(profile, credentials=credentials, hostkeys=hostkeys)
    session.close()
    store.save(profile)
    data = {
        "name": profile.name,
        "host": profile.host,
        "port": profile.port,
        "user": profile.user,
        "auth": profile.auth,
        "install_root": profile.install_root,
    }
    return Output(
        data=data, text=f"Added server {profile.name} ({profile.user}@{profile.host}:{profile.port})."
    )


def list_servers(args: argparse.Namespace) -> Output:
    from mtpm_desktop.remote.profiles import ProfileStore

    rows = [
        {
            "name": p.name,
            "host": p.host,
            "port": p.port,
            "user": p.user,
            "auth": p.auth,
            "install_root": p.install_root,
        }
        for p in ProfileStore().list()
    ]
    text = "\n".join(f"{r['name']}\t{r['user']}@{r['host']}:{r['port']}" for r in rows) or "No servers yet."
    return Output(data=rows, text=text)


def remove_server(args: argparse.Namespace) -> Output:
    from mtpm_desktop.remote.credentials import CredentialStore
    from mtpm_desktop.remote.profiles import ProfileStore

    store = ProfileStore()
    profile = store.get(args.name)
    CredentialStore().delete_all(profile)
    store.delete(args.name)
    return Output(
        data={"removed": args.name}, text=f"Removed server {args.name} (the server itself is unchanged)."
    )
