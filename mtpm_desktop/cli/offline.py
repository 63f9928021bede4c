"""Commands that need no server: ``state check``, ``secret new``/``secret show`` and ``link``.

``link`` has two forms sharing one command name (argparse allows one parser per name):
  - offline: ``mtpm link --server HOST --port P --secret X`` (this module), and
  - online: ``mtpm -s NAME link USER``, delegated to ``mtpm_desktop.cli.users.online_link(args)`` when
    that function exists (the orchestration layer's module), with ``args.server`` = profile name and
    ``args.user`` = the user reference.
The offline form is chosen whenever ``--secret`` is given.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Any

from mtpm_desktop.cli.main import Output, UsageError, add_command, add_group
from mtpm_desktop.core.errors import StateFileError
from mtpm_desktop.core.links import make_links
from mtpm_desktop.core.secret import generate_secret, parse_secret
from mtpm_desktop.core.state import DEFAULT_FAKE_TLS_DOMAIN, dump_state, load_state, state_to_dict


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``state``, ``secret`` and ``link`` to the ``mtpm`` parser."""
    # Offline: -s means nothing here (hidden, still accepted); --json does (every output has a JSON form).
    state = add_group(
        subparsers, "state", "inspect state files (the old panel's config.json or ours)", server=False
    )
    p = add_command(
        state,
        "check",
        state_check,
        "load a state file, report every problem, and print the migrated state",
    )
    p.add_argument("file", metavar="FILE", help="the state file (config.json); '-' reads stdin")

    secret = add_group(subparsers, "secret", "make or decode FakeTLS proxy secrets", server=False)
    p = add_command(secret, "new", secret_new, "print a new random FakeTLS secret for a domain")
    p.add_argument(
        "--domain",
        default=DEFAULT_FAKE_TLS_DOMAIN,
        metavar="D",
        help=f"the SNI domain the secret carries (default {DEFAULT_FAKE_TLS_DOMAIN})",
    )
    p.add_argument("--base64", action="store_true", help="print the URL-safe base64 form instead of hex")
    p = add_command(
        secret,
        "show",
        secret_show,
        "decode a secret (hex or URL-safe base64): domain and forms",
    )
    p.add_argument("secret", metavar="SECRET", help="the secret, hex (ee...) or URL-safe base64")

    p = add_command(
        subparsers,
        "link",
        link,
        "print a user's tg:// and https://t.me links",
        description=(
            "For a managed server: mtpm -s NAME link USER. "
            "Offline: mtpm link --host HOST --port P --secret X."
        ),
    )
    p.add_argument("user", nargs="?", metavar="USER", help="user id or name (with -s NAME)")
    p.add_argument("--host", metavar="HOST", help="the address clients dial (offline form)")
    p.add_argument("--port", metavar="P", help="the port clients dial (offline form)")
    p.add_argument("--secret", metavar="X", help="the proxy secret, hex or URL-safe base64 (offline form)")


def _profile_host(name: str | None) -> str | None:
    if not name:
        return None
    from mtpm_desktop.remote.errors import ProfileError
    from mtpm_desktop.remote.ssh.profiles import ProfileStore

    try:
        return ProfileStore().get(name).host
    except ProfileError:
        return name  # no such profile: the value is a host, as `link --server HOST` always took it


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise StateFileError(f"No file '{path}'; check the path.") from None
    except IsADirectoryError:
        raise StateFileError(f"'{path}' is a folder; give the config.json file inside it.") from None
    except OSError as exc:
        raise StateFileError(f"Cannot read '{path}': {exc.strerror or exc}.") from None


def state_check(args: argparse.Namespace) -> Output:
    """``mtpm state check FILE``: exit 0 when the file has no problem, 1 when problems were reported."""
    result = load_state(_read(args.file))
    problems = result.problems
    data: dict[str, Any] = {
        "file": args.file,
        "ok": not problems,
        "migrated": result.migrated,
        "problems": [p.to_json() for p in problems],
        "state": state_to_dict(result.state),
    }
    lines = [f"{args.file}: " + ("old panel file, migrated to schema 1" if result.migrated else "mtpm state")]
    lines.append(f"{len(result.state.users)} user(s), {len(problems)} problem(s)")
    lines += [f"  - {p}" for p in problems]
    lines += ["", "Migrated state:", dump_state(result.state).rstrip("\n")]
    unfixed = sum(1 for p in problems if not p.fixed)
    error = None
    if problems:
        error = f"{len(problems)} problem(s) in {args.file} ({unfixed} need a fix by hand)"
    return Output(data=data, text="\n".join(lines), exit_code=1 if problems else 0, error=error)


def secret_new(args: argparse.Namespace) -> Output:
    """``mtpm secret new --domain D``: prints the secret (hex, or base64 with --base64)."""
    made = generate_secret(args.domain)
    data = {"secret": made.hex(), "base64": made.base64(), "domain": made.domain}
    return Output(data=data, text=made.base64() if args.base64 else made.hex())


def secret_show(args: argparse.Namespace) -> Output:
    """``mtpm secret show SECRET``: the domain and both forms of a secret."""
    parsed = parse_secret(args.secret)
    data = {"domain": parsed.domain, "hex": parsed.hex(), "base64": parsed.base64()}
    return Output(data=data)


def link(args: argparse.Namespace) -> Any:
    """``mtpm link --host H --port P --secret X`` offline, or ``mtpm -s NAME link USER`` online.

    The offline form also takes ``-s NAME`` for the host: a profile's host, or (the earlier documented
    ``mtpm link --server HOST ...``) the value itself when no profile has that name."""
    if args.secret is not None:
        if args.user is not None:
            raise UsageError("Give either USER (with -s NAME) or --secret with --host and --port, not both.")
        host = args.host or _profile_host(args.server)
        if not host or args.port is None:
            raise UsageError("The offline link needs --host HOST, --port P and --secret X.")
        links = make_links(host, args.port, args.secret)
        data = {"server": host, "port": int(args.port), "secret": parse_secret(args.secret).hex()}
        data.update(links.to_json())
        return Output(data=data, text=f"{links.tg}\n{links.tme}")
    if args.user is None:
        raise UsageError(
            "Say which link: mtpm -s NAME link USER, or offline mtpm link --host HOST --port P --secret X."
        )
    try:
        users_cli = importlib.import_module("mtpm_desktop.cli.users")
    except ModuleNotFoundError as exc:
        if exc.name != "mtpm_desktop.cli.users":
            raise
        users_cli = None
    online = getattr(users_cli, "online_link", None)
    if online is None:
        raise UsageError("This mtpm has no server commands; use the offline form with --secret.")
    return online(args)
