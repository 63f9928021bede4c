"""`mtpm -s NAME settings show` and `settings set KEY VALUE` (keys as in the server's state file)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mtpm_desktop.cli.common import open_service, progress_printer
from mtpm_desktop.cli.main import Output, UsageError, add_command, add_group
from mtpm_desktop.remote.server_settings import SETTING_KEYS


def register(subparsers: Any) -> None:
    group = add_group(subparsers, "settings", "show or change a server's settings")
    add_command(group, "show", show, "show the server's settings")
    p = add_command(group, "set", set_, "set one setting, e.g. settings set server_ip 203.0.113.7")
    p.add_argument("key", metavar="KEY", help="one of: " + ", ".join(SETTING_KEYS))
    p.add_argument("value", metavar="VALUE", help="the new value ('' clears optional text settings)")
    p.add_argument("--yes", action="store_true", help="apply without asking, even when users' links change")
    p.add_argument(
        "--force",
        action="store_true",
        help="apply server_domain / user_subdomains even when the DNS records do not point at the server",
    )
    p.add_argument("--resolver", metavar="IP[:PORT]", help="ask this DNS server for the domain's records")


# Settings whose switch changes users' links: previewed, and applied only with --yes or after a yes.
_CONFIRM_KEYS = ("user_subdomains",)


def show(args: argparse.Namespace) -> Output:
    return Output(data=open_service(args).settings())


def _confirm(args: argparse.Namespace, preview: list[str]) -> None:
    """Ask before links change; without a terminal (or with --json) refuse and say to pass --yes."""
    if args.yes or not preview:
        return
    text = "\n".join(f"  {line}" for line in preview)
    question = f"Setting {args.key} to {args.value} changes these links:\n{text}\n"
    if args.json or not sys.stdin.isatty():
        raise UsageError(question + "Nothing was changed; pass --yes to apply.")
    print(question, end="", file=sys.stderr)
    answer = input("Apply? [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise UsageError("Nothing was changed.")


def set_(args: argparse.Namespace) -> Output:
    svc = open_service(args)
    if args.key in _CONFIRM_KEYS:
        _confirm(args, svc.preview_setting(args.key, args.value))
    result = svc.set_setting(
        args.key,
        args.value,
        progress=progress_printer(args),
        force=args.force,
        resolver=args.resolver,
    )
    lines = [f"{args.key} = {svc.settings().get(args.key)!r}", *result.notes]
    lines += [f"error: {r.name}: {r.error}" for r in result.reconcile.errors]
    error = None
    if not result.reconcile.ok:
        error = "the setting was saved, but some containers could not be updated"
    return Output(data=result, text="\n".join(lines), exit_code=1 if error else 0, error=error)
