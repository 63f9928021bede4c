"""`mtpm -s NAME settings show` and `settings set KEY VALUE` (keys as in the server's state file)."""

from __future__ import annotations

import argparse
from typing import Any

from mtpm_desktop.cli.common import open_service, progress_printer
from mtpm_desktop.cli.main import Output, add_command, add_group
from mtpm_desktop.remote.server_settings import SETTING_KEYS


def register(subparsers: Any) -> None:
    group = add_group(subparsers, "settings", "show or change a server's settings")
    add_command(group, "show", show, "show the server's settings")
    p = add_command(group, "set", set_, "set one setting, e.g. settings set server_ip 203.0.113.7")
    p.add_argument("key", metavar="KEY", help="one of: " + ", ".join(SETTING_KEYS))
    p.add_argument("value", metavar="VALUE", help="the new value ('' clears optional text settings)")


def show(args: argparse.Namespace) -> Output:
    return Output(data=open_service(args).settings())


def set_(args: argparse.Namespace) -> Output:
    svc = open_service(args)
    result = svc.set_setting(args.key, args.value, progress=progress_printer(args))
    lines = [f"{args.key} = {svc.settings().get(args.key)!r}", *result.notes]
    lines += [f"error: {r.name}: {r.error}" for r in result.reconcile.errors]
    error = None
    if not result.reconcile.ok:
        error = "the setting was saved, but some containers could not be updated"
    return Output(data=result, text="\n".join(lines), exit_code=1 if error else 0, error=error)
