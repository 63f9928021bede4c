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
COMMAND_MODULES: tuple[str, ...] = (
    "offline",
    "servers",
    "settings",
    "users",
    "proxy",
    "traffic",
    "bootstrap",
    "migrate",
)

Handler = Callable[[argparse.Namespace], Any]

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


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    # In subcommands the defaults are SUPPRESS so a value given before the subcommand is not overwritten.
    parser.add_argument(
        "-s",
        "--server",
        metavar="NAME",
        default=argparse.SUPPRESS if suppress else None,
        help="the server (profile name) to work on",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="print machine-readable JSON instead of text",
    )


def _parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    _global_options(parent, suppress=True)
    return parent


def add_command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    handler: Handler,
    help: str,
    **kwargs: Any,
) -> argparse.ArgumentParser:
    """Add command ``name`` running ``handler``; returns its parser for ``add_argument`` calls."""
    parser = subparsers.add_parser(
        name, help=help, description=kwargs.pop("description", help), parents=[_parent()], **kwargs
    )
    parser.set_defaults(handler=handler)
    return parser


def add_group(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help: str,
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
        name, help=help, description=kwargs.pop("description", help), parents=[_parent()], **kwargs
    )
    sub = parser.add_subparsers(dest=f"{name.replace('-', '_')}_command", metavar="SUBCOMMAND")
    sub.required = True
    return sub


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The full ``mtpm`` parser, with every available command module registered."""
    parser = argparse.ArgumentParser(
        prog="mtpm",
        description="MTProto Proxy Manager: run Telegram MTProto proxies on your servers.",
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
        result = handler(args)
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
