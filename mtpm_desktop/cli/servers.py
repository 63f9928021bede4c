"""`mtpm server add/list/remove`: the local server profiles (host keys pinned strictly)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from mtpm_desktop.cli.main import Output, UsageError, add_command, add_group
from mtpm_desktop.core.errors import MtpmError

if TYPE_CHECKING:
    from mtpm_desktop.remote.ssh.credentials import SecretKind


class HostKeyNotTrusted(MtpmError):
    """The server's host key is unknown and was not confirmed with --trust-host-key."""


# CLI spelling -> keyring kind (remote/credentials.py).
_SECRET_KINDS: dict[str, SecretKind] = {
    "password": "password",
    "passphrase": "passphrase",
    "sudo-password": "sudo_password",
}


def _read_secret_line(option: str) -> str:
    """One line of stdin (never echoed, never in argv, so not in `ps` or the shell history)."""
    secret = sys.stdin.readline().rstrip("\r\n")
    if not secret:
        raise UsageError(f"{option} read an empty line from stdin.")
    return secret


def register(subparsers: Any) -> None:
    # The server commands name their server with NAME: -s means nothing there (hidden, still accepted).
    group = add_group(subparsers, "server", "add, list and remove servers", server=False)
    p = add_command(group, "add", add_server, "add a server (its SSH host key must be confirmed)")
    p.add_argument("name", metavar="NAME", help="a name of your choice for this server (the profile name)")
    p.add_argument("--host", required=True, metavar="H", help="the server's address or DNS name")
    p.add_argument("--port", type=int, default=22, metavar="P", help="its SSH port")
    p.add_argument("--user", default="root", metavar="U", help="the SSH login")
    p.add_argument("--identity", metavar="KEYFILE", help="private key file (default: ssh-agent)")
    p.add_argument("--password-stdin", action="store_true", help="read the SSH password from stdin")
    p.add_argument(
        "--passphrase-stdin", action="store_true", help="read the passphrase of the --identity key from stdin"
    )
    p.add_argument(
        "--sudo-password-stdin",
        action="store_true",
        help="read the sudo password of a non-root --user from stdin. With several *-stdin options, stdin "
        "holds one line each, in the order: password, passphrase, sudo password",
    )
    p.add_argument("--trust-host-key", metavar="SHA256:...", help="the host key fingerprint you checked")
    p.add_argument("--install-root", default="/opt/mtpm", metavar="PATH", help="mtpm's folder on the server")
    add_command(group, "list", list_servers, "list the servers")
    p = add_command(group, "remove", remove_server, "forget a server (nothing on the server changes)")
    p.add_argument("name", metavar="NAME", help="the server's profile name")
    p = add_command(
        group,
        "trust",
        trust_server,
        "trust a server's new SSH host key (after a reinstall you checked)",
    )
    p.add_argument("name", metavar="NAME", help="the server's profile name")
    p.add_argument(
        "--host-key",
        required=True,
        metavar="SHA256:...",
        help="the new key's fingerprint as `ssh-keygen -lf` prints it on the server",
    )
    p = add_command(
        group,
        "set-secret",
        set_secret,
        "store or replace a server's password, key passphrase or sudo password",
    )
    p.add_argument("name", metavar="NAME", help="the server's profile name")
    p.add_argument(
        "kind",
        choices=list(_SECRET_KINDS),
        metavar="password|passphrase|sudo-password",
        help="which secret: the SSH password, the key's passphrase or the sudo password",
    )
    p.add_argument(
        "--stdin", action="store_true", required=True, help="read the secret from stdin (one line)"
    )


def add_server(args: argparse.Namespace) -> Output:
    from mtpm_desktop.remote.errors import HostKeyUnknown, PassphraseRequired
    from mtpm_desktop.remote.ssh.credentials import CredentialStore
    from mtpm_desktop.remote.ssh.hostkeys import HostKeyStore
    from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile, app_data_dir
    from mtpm_desktop.remote.ssh.session import connect

    if args.identity and args.password_stdin:
        raise UsageError("Use either --identity or --password-stdin, not both.")
    if args.passphrase_stdin and not args.identity:
        raise UsageError("--passphrase-stdin is the passphrase of the --identity key: give --identity too.")
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
    # Read every line before storing any, so a missing line stores nothing. Order: see --help.
    options: list[tuple[bool, str, SecretKind]] = [
        (args.password_stdin, "--password-stdin", "password"),
        (args.passphrase_stdin, "--passphrase-stdin", "passphrase"),
        (args.sudo_password_stdin, "--sudo-password-stdin", "sudo_password"),
    ]
    wanted = [(option, kind) for flag, option, kind in options if flag]
    secrets = [(kind, _read_secret_line(option)) for option, kind in wanted]
    for kind, secret in secrets:
        credentials.set(profile, kind, secret)
    hostkeys = HostKeyStore.for_data_dir(app_data_dir())
    try:
        try:
            session = connect(profile, credentials=credentials, hostkeys=hostkeys)
        except HostKeyUnknown as exc:
            if args.trust_host_key != exc.fingerprint:
                given = (
                    f" (--trust-host-key {args.trust_host_key} does not match)" if args.trust_host_key else ""
                )
                raise HostKeyNotTrusted(
                    f"The host key of {args.host}:{args.port} is unknown{given}: its fingerprint is "
                    f"{exc.fingerprint} ({exc.key_type}). Check it on the server (`ssh-keygen -lf "
                    f"/etc/ssh/ssh_host_{exc.key_type.lower()}_key.pub`), then run again with "
                    f"--trust-host-key {exc.fingerprint}"
                ) from None
            hostkeys.pin(exc.host, exc.port, exc.key)
            session = connect(profile, credentials=credentials, hostkeys=hostkeys)
    except PassphraseRequired:
        # The generic message points at set-secret, but this profile is not saved yet.
        raise PassphraseRequired(
            f"The key {args.identity} is protected by a passphrase: run again with --passphrase-stdin "
            "(the passphrase as one line on stdin)."
        ) from None
    try:
        if args.sudo_password_stdin:
            # Check the sudo password now (SudoPasswordWrong / SudoNotAllowed), not on the first command.
            session.privilege()
    finally:
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
    from mtpm_desktop.remote.ssh.profiles import ProfileStore

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
    from mtpm_desktop.remote.ssh.credentials import CredentialStore
    from mtpm_desktop.remote.ssh.profiles import ProfileStore

    store = ProfileStore()
    profile = store.get(args.name)
    CredentialStore().delete_all(profile)
    store.delete(args.name)
    return Output(
        data={"removed": args.name}, text=f"Removed server {args.name} (the server itself is unchanged)."
    )


def set_secret(args: argparse.Namespace) -> Output:
    """Store one secret of an existing profile in the keyring (replacing the old one); nothing is checked
    against the server here: the next command that connects uses it."""
    from mtpm_desktop.remote.ssh.credentials import CredentialStore
    from mtpm_desktop.remote.ssh.profiles import ProfileStore

    store = ProfileStore()
    profile = store.get(args.name)
    kind = _SECRET_KINDS[args.kind]
    secret = _read_secret_line("--stdin")
    CredentialStore().set(profile, kind, secret, store)
    label = args.kind.replace("-", " ")
    return Output(
        data={"name": profile.name, "stored": args.kind},
        text=f"Stored the {label} of {profile.name} in the system keyring.",
    )


def trust_server(args: argparse.Namespace) -> Output:
    """Replace the pinned host key of a server whose key changed, once the admin has checked the new one.

    Only a key whose fingerprint equals --host-key is pinned: the admin read it on the server itself, so a
    man in the middle (who cannot present that key) is still refused. Nothing is sent before the check.
    """
    from mtpm_desktop.remote.errors import HostKeyError
    from mtpm_desktop.remote.ssh.credentials import CredentialStore
    from mtpm_desktop.remote.ssh.hostkeys import HostKeyStore, fingerprint_sha256
    from mtpm_desktop.remote.ssh.profiles import ProfileStore, app_data_dir
    from mtpm_desktop.remote.ssh.session import connect

    profile = ProfileStore().get(args.name)
    wanted = args.host_key.strip()
    credentials = CredentialStore()
    hostkeys = HostKeyStore.for_data_dir(app_data_dir())
    where = f"{profile.host}:{profile.port}"
    try:
        session = connect(profile, credentials=credentials, hostkeys=hostkeys)
    except HostKeyError as exc:
        if exc.fingerprint != wanted:
            raise HostKeyNotTrusted(
                f"{exc.host}:{exc.port} presents the {exc.key_type} host key {exc.fingerprint}, not "
                f"{wanted}: nothing was changed. Compare with `ssh-keygen -lf "
                f"/etc/ssh/ssh_host_{exc.key_type.lower()}_key.pub` on the server."
            ) from None
        hostkeys.forget(exc.host, exc.port)
        hostkeys.pin(exc.host, exc.port, exc.key)
        # Log in once with the new key, so a wrong password or key shows up now.
        session = connect(profile, credentials=credentials, hostkeys=hostkeys)
        session.close()
        return Output(
            data={"name": profile.name, "host_key": wanted, "changed": True},
            text=f"Trusted the new host key {wanted} of {exc.host}:{exc.port}.",
        )
    try:
        presented = fingerprint_sha256(session.transport.get_remote_server_key())
    finally:
        session.close()
    if presented != wanted:
        raise HostKeyNotTrusted(
            f"{where} presents the trusted host key {presented}, not {wanted}: nothing was changed."
        )
    return Output(
        data={"name": profile.name, "host_key": wanted, "changed": False},
        text=f"{where} already presents the trusted host key {wanted}.",
    )
