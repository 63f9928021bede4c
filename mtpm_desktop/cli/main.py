"""The ``mtpm`` command line: parser assembly, output and error handling.

How to add commands (the pattern every command module follows)
----------------------------------------------------------------
1. Create ``mtpm_desktop/cli/<area>.py`` exposing ``register(subparsers)`` and add ``"<area>"`` to
   :data:`COMMAND_MODULES` below.
2. In ``register``, create commands with :func:`add_command` (one command) or :func:`add_group` (a command
   with subcommands, e.g. ``user add``), never with ``subparsers.add_parser`` directly: these helpers give
   every command the global options ``-s/--server NAME`` and ``--json`` so they work both before and after
   the subcommand (``mtpm -s prod user list`` == ``mtpm user list -s prod``)::

       from mtpm_desktop.cli.main import Output, add_command, add_group

       def register(subparsers):
           users = add_group(subparsers, "user", "manage proxy users")
           p = add_command(users, "list", list_users, "list the users of a server")
           p.add_argument("--enabled-only", action="store_true")

       def list_users(args) -> Output:
           server = require_server(args)          # args.server / args.json are always present
           rows = [...]
           return Output(data=rows, text="\\n".join(...))

3. A handler gets the ``argparse.Namespace`` and returns what to print: an :class:`Output` (data for
   ``--json`` plus the human text), or plain data (str, dict, list, dataclass) that main renders either way,
   or None when it printed everything itself (``logs --follow``). It raises an
   :class:`~mtpm_desktop.core.errors.MtpmError` for anything the user must fix: main prints its message as
   one line on stderr (and, with ``--json``, ``{"ok": false, "error": ...}`` on stdout) and exits 1.
   Argument errors exit 2 (argparse, or :class:`UsageError` raised by a handler). ``Output.exit_code``
   lets a command report "done, but not all good" (e.g. ``state check`` finding problems) with a
   non-zero code and a one-line ``Output.error``.
4. A command listed in :data:`FLEET_COMMANDS` also runs on several servers: ``-s a,b,c`` or ``--all``.
   main then calls the handler once per server, in parallel threads (one SSH connection each), with
   ``args.server`` set to that one name, and prints ``{"servers": {NAME: data-or-{"error": ...}}}``. The
   handler itself does not change; ``add_command(..., fleet_summary=fn)`` may add one text after the
   servers' blocks (``user add``: every server's link for the person, as one text to send).

JSON output is the public scripting interface: the data's keys are stable; dataclasses are turned into
objects, datetimes into ``YYYY-MM-DDTHH:MM:SSZ`` strings.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import PurePath
from typing import Any

from mtpm_desktop import __version__
from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.validation import format_instant

# Command modules, in help order. A missing module is skipped (other areas may not exist yet); an import
# error inside an existing module is not hidden.
# Servers first (what an admin runs first: add, bootstrap), the offline helpers last.
COMMAND_MODULES: tuple[str, ...] = (
    "servers",
    "bootstrap",
    "users",
    "proxy",
    "traffic",
    "site",
    "health",
    "alerts",
    "settings",
    "offline",
    "migrate",
)

# Commands (their path after `mtpm`) that accept several servers: `-s a,b,c` or `--all`. The read commands
# and the per-user switches; a name whose command does not exist (yet) is harmless.
FLEET_COMMANDS: frozenset[str] = frozenset(
    {
        "status",
        "user list",
        "traffic",
        "check",
        "doctor",
        "user add",
        "user disable",
        "user enable",
        "user remove",
    }
)
# At most this many servers talk at once (each is one SSH connection and one thread).
FLEET_WORKERS = 32

DESCRIPTION = """\
MTProto Proxy Manager: run Telegram MTProto proxies on your servers.

First steps:
  mtpm server add NAME --host H        a server you can log in to over SSH
  mtpm server bootstrap NAME           install Docker, the proxy image and a first user
  mtpm -s NAME user add USERNAME       one proxy per person
  mtpm -s NAME qr USERNAME             the link as a QR code, in the terminal

-s NAME may be left out while there is only one server."""

EPILOG = """\
Examples:
  $ mtpm server add vps1 --host 203.0.113.10 --user root --identity ~/.ssh/id_ed25519
  $ mtpm -s vps1 user add anna --limit-gb 50 --expires 2026-12-31

`mtpm COMMAND --help` tells more about each command."""

Handler = Callable[[argparse.Namespace], Any]
FleetSummary = Callable[[dict[str, "Output"]], str]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class UsageError(MtpmError):
    """Options that argparse accepts but that do not make sense together; exits 2 like argparse errors."""


@dataclasses.dataclass
class Output:
    """What a command produced: ``data`` for ``--json``, ``text`` for people (rendered from data if None).

    ``exit_code`` != 0 with ``error`` (one line, printed on stderr) reports a result that is not all good.
    """

    data: Any
    text: str | None = None
    exit_code: int = EXIT_OK
    error: str | None = None


class DefaultsFormatter(argparse.HelpFormatter):
    """Adds "(default: X)" to an option's help unless it names its default already, or has none."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if (
            "default" in text
            or default in (None, False, argparse.SUPPRESS)
            or action.nargs == 0
            or action.required
        ):
            return text
        return f"{text} (default: %(default)s)"


SERVER_HELP = (
    "the server (profile name) to work on; may be left out when there is only one. status, user "
    "list|add|disable|enable|remove, traffic, check and doctor take several: -s a,b,c"
)
ALL_HELP = "run on every server (the commands that take several servers, see -s)"
JSON_HELP = "print machine-readable JSON instead of text"


def _global_options(
    parser: argparse.ArgumentParser, *, suppress: bool, server: bool = True, json: bool = True
) -> None:
    # In subcommands the defaults are SUPPRESS so a value given before the subcommand is not overwritten.
    # Where an option means nothing (-s for `secret new`) it is still accepted, as the docs promise every
    # command takes both, but its help is hidden.
    parser.add_argument(
        "-s",
        "--server",
        metavar="NAME",
        default=argparse.SUPPRESS if suppress else None,
        help=SERVER_HELP if server else argparse.SUPPRESS,
    )
    parser.add_argument(
        "--all",
        dest="all_servers",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=ALL_HELP if server else argparse.SUPPRESS,
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=JSON_HELP if json else argparse.SUPPRESS,
    )


def _parent(server: bool = True, json: bool = True) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    _global_options(parent, suppress=True, server=server, json=json)
    return parent


def add_command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    handler: Handler,
    help: str,
    *,
    server: bool | None = None,
    json: bool = True,
    **kwargs: Any,
) -> argparse.ArgumentParser:
    """Add command ``name`` running ``handler``; returns its parser for ``add_argument`` calls.

    ``server=False`` / ``json=False`` hide ``-s`` / ``--json`` from its help where they mean nothing;
    ``server`` defaults to what the group says (``add_group(..., server=False)``).

    ``fleet_summary`` (commands in :data:`FLEET_COMMANDS`) renders one text from every server's Output,
    printed after the servers' blocks when the command ran on several.
    """
    summary: FleetSummary | None = kwargs.pop("fleet_summary", None)
    if server is None:
        server = getattr(subparsers, "mtpm_server_option", True)
    parser = subparsers.add_parser(
        name,
        help=help,
        description=kwargs.pop("description", help),
        parents=[_parent(server, json)],
        formatter_class=kwargs.pop("formatter_class", DefaultsFormatter),
        **kwargs,
    )
    path = parser.prog.split(" ", 1)[1] if " " in parser.prog else name
    parser.set_defaults(
        handler=handler, command_path=path, fleet=path in FLEET_COMMANDS, fleet_summary=summary
    )
    return parser


def add_group(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help: str,
    *,
    server: bool = True,
    **kwargs: Any,
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """Add a command with subcommands (``mtpm NAME SUB ...``); returns the subparsers to add them to.

    When another module already made group ``name``, its subparsers are returned, so several modules can
    add to one group (``server add`` in servers.py, ``server bootstrap`` in bootstrap.py).
    """
    existing = subparsers.choices.get(name)
    if existing is not None:
        for action in existing._actions:
            if isinstance(action, argparse._SubParsersAction):
                return action
    parser = subparsers.add_parser(
        name, help=help, description=kwargs.pop("description", help), parents=[_parent(server)], **kwargs
    )
    sub = parser.add_subparsers(dest=f"{name.replace('-', '_')}_command", metavar="SUBCOMMAND")
    sub.required = True
    sub.mtpm_server_option = server  # type: ignore[attr-defined]  # its commands' default (add_command)
    return sub


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The full ``mtpm`` parser, with every available command module registered."""
    parser = argparse.ArgumentParser(
        prog="mtpm",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _global_options(parser, suppress=False)
    parser.add_argument("--version", action="version", version=f"mtpm {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in modules:
        full = f"mtpm_desktop.cli.{name}"
        try:
            module = importlib.import_module(full)
        except ModuleNotFoundError as exc:
            if exc.name == full:
                continue
            raise
        module.register(subparsers)
    return parser


# --------------------------------------------------------------------------------------------------- output


def to_jsonable(value: Any) -> Any:
    """Turn dataclasses, datetimes, paths, sets and tuples into plain JSON values (recursively)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        to_json = getattr(value, "to_json", None)
        if callable(to_json):
            return to_jsonable(to_json())
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return format_instant(value)
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return value


def render_text(data: Any) -> str:
    """A plain-text rendering of command data for people (commands may give their own ``Output.text``)."""
    data = to_jsonable(data)
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    if isinstance(data, dict):
        return "\n".join(f"{k}: {_scalar(v)}" for k, v in data.items())
    if isinstance(data, list):
        return "\n".join(
            "  ".join(f"{k}={_scalar(v)}" for k, v in item.items())
            if isinstance(item, dict)
            else _scalar(item)
            for item in data
        )
    return _scalar(data)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "-"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _print_json(data: Any) -> None:
    print(json.dumps(to_jsonable(data), indent=2, ensure_ascii=False))


# --------------------------------------------------------------------------------------------------- fleet


@dataclasses.dataclass
class ServerOutcome:
    """One server's part of a fleet run: its Output, or the one-line error that stopped it."""

    output: Output | None = None
    error: str | None = None
    exit_code: int = EXIT_OK


def fleet_targets(args: argparse.Namespace) -> list[str] | None:
    """The servers of a fleet run (``-s a,b,c`` or ``--all``), or None for a one-server command line.

    ``-s NAME`` alone stays a one-server run, so its output keeps today's shape.
    """
    server = getattr(args, "server", None) or ""
    every = bool(getattr(args, "all_servers", False))
    several = "," in server
    if not every and not several:
        return None
    command = getattr(args, "command_path", "this command")
    if not getattr(args, "fleet", False):
        raise UsageError(f"`mtpm {command}` works on one server at a time: give -s NAME.")
    if every and server:
        raise UsageError("Give either -s NAME[,NAME...] or --all, not both.")
    if every:
        from mtpm_desktop.remote.ssh.profiles import ProfileStore

        names = [p.name for p in ProfileStore().list()]
        if not names:
            raise UsageError("--all: there are no servers yet (mtpm server add NAME --host H).")
        return names
    names = [part.strip() for part in server.split(",")]
    if not all(names):
        raise UsageError(f"-s {server}: an empty server name between the commas.")
    return list(dict.fromkeys(names))  # a name given twice runs once


def _run_on(handler: Handler, args: argparse.Namespace, name: str) -> ServerOutcome:
    """The handler on one server, in a worker thread: every failure is this server's, never the run's."""
    one = argparse.Namespace(**vars(args))
    one.server = name
    one.all_servers = False
    one.fleet_member = True  # progress lines say which server they come from
    try:
        result = handler(one)
    except MtpmError as exc:
        return ServerOutcome(error=_one_line(exc.message), exit_code=EXIT_ERROR)
    except Exception as exc:
        if os.environ.get("MTPM_DEBUG"):
            raise
        return ServerOutcome(
            error=f"internal error ({type(exc).__name__}: {_one_line(str(exc))}); please report it",
            exit_code=EXIT_INTERNAL,
        )
    output = result if isinstance(result, Output) else Output(data=result)
    return ServerOutcome(output=output, error=output.error, exit_code=output.exit_code)


def run_fleet(handler: Handler, args: argparse.Namespace, names: Sequence[str]) -> dict[str, ServerOutcome]:
    """Run ``handler`` on every server at once, one thread (so one SSH connection) each.

    A server that does not answer holds up only its own thread, for at most the connect timeout; the
    others' results are all there when it gives up.
    """
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=max(1, min(len(names), FLEET_WORKERS)), thread_name_prefix="server")
    try:
        futures = {name: pool.submit(_run_on, handler, args, name) for name in names}
        return {name: future.result() for name, future in futures.items()}
    finally:
        # After the results nothing is left to wait for; on Ctrl-C, servers not started yet are dropped.
        pool.shutdown(wait=False, cancel_futures=True)


def fleet_output(args: argparse.Namespace, outcomes: dict[str, ServerOutcome]) -> Output:
    """``{"servers": {NAME: data-or-{"error"}}}``, each server's text under its name, the worst exit code."""
    data: dict[str, Any] = {}
    blocks: list[str] = []
    for name, outcome in outcomes.items():
        if outcome.output is None:
            data[name] = {"error": outcome.error}
            blocks.append(f"== {name} ==\nerror: {outcome.error}")
            continue
        data[name] = outcome.output.data
        out = outcome.output
        text = out.text if out.text is not None else render_text(out.data)
        if out.error:
            text = f"{text}\nerror: {out.error}" if text else f"error: {out.error}"
        blocks.append(f"== {name} ==\n{text}".rstrip())
    summary: FleetSummary | None = getattr(args, "fleet_summary", None)
    answered = {name: o.output for name, o in outcomes.items() if o.output is not None}
    if summary is not None and answered:
        blocks.append(summary(answered))
    failed = [f"{name}: {o.error}" for name, o in outcomes.items() if o.error]
    return Output(
        data={"servers": data},
        text="\n\n".join(blocks),
        exit_code=max((o.exit_code for o in outcomes.values()), default=EXIT_OK),
        error="; ".join(failed) or None,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``mtpm`` with ``argv`` (default: the process arguments) and return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    as_json = bool(getattr(args, "json", False))
    handler: Handler = args.handler
    try:
        targets = fleet_targets(args)
        result = handler(args) if targets is None else fleet_output(args, run_fleet(handler, args, targets))
    except MtpmError as exc:
        message = _one_line(exc.message)
        if as_json:
            _print_json({"ok": False, "error": message, "error_type": type(exc).__name__})
        print(f"mtpm: {message}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, UsageError) else EXIT_ERROR
    except KeyboardInterrupt:
        print("mtpm: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if os.environ.get("MTPM_DEBUG"):
            raise
        print(
            f"mtpm: internal error ({type(exc).__name__}: {_one_line(str(exc))}); "
            "please report it (set MTPM_DEBUG=1 to see the traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    if result is None:
        return EXIT_OK
    output = result if isinstance(result, Output) else Output(data=result)
    try:
        if as_json:
            _print_json(output.data)
        else:
            text = output.text if output.text is not None else render_text(output.data)
            if text:
                print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours; keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return output.exit_code
    if output.error:
        print(f"mtpm: {_one_line(output.error)}", file=sys.stderr)
    return output.exit_code


if __name__ == "__main__":
    # Re-import so command modules and this entry share one copy of this module (Output identity).
    from mtpm_desktop.cli.main import main as _main

    sys.exit(_main())
