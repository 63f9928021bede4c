"""`mtpm server bootstrap NAME` and `mtpm server uninstall NAME`.

Both run named steps (mtpm_desktop.remote.setup.bootstrap). In text mode each step's state and output go to
stderr as they happen, and the result (with the first user's link and a QR code) to stdout. With --json
nothing streams; stdout gets `{"ok", "changed", "failed_step", "steps": [{"name", "title", "changed",
"outcome", "error", "remedy", "output"}], ...}` and the exit code is 1 when a step failed.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mtpm_desktop.cli.main import EXIT_ERROR, Output, UsageError, add_command, add_group
from mtpm_desktop.remote.setup.bootstrap import BootstrapReport, StepState, run_steps

_STATE_WORDS = {
    StepState.UNCHANGED: "ok (unchanged)",
    StepState.CHANGED: "done",
    StepState.FAILED: "FAILED",
}


def _server_group(subparsers: Any) -> Any:
    """The `server` group made by cli/servers.py (registered earlier), or a new one if it is absent."""
    parser = subparsers.choices.get("server")
    if parser is not None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                return action
    return add_group(subparsers, "server", "add, list and remove servers", server=False)


def register(subparsers: Any) -> None:
    group = _server_group(subparsers)
    p = add_command(
        group,
        "bootstrap",
        bootstrap,
        "set up a server: Docker, proxy image, agent, first user",
    )
    p.add_argument("name", metavar="NAME", help="the server's profile name (from `mtpm server add`)")
    p.add_argument(
        "--registry-mirror", metavar="URL", help="pull the proxy image through this Docker Hub mirror"
    )
    p.add_argument(
        "--push-image",
        action="store_true",
        help="send the proxy image from this computer's Docker over SSH (no registry needed)",
    )
    p.add_argument("--server-ip", metavar="IP", help="the address put in links (default: detected)")
    p.add_argument("--server-domain", metavar="DOMAIN", help="a domain put in links instead of the IP")
    p.add_argument("--first-user", default="user1", metavar="USERNAME", help="name of the first user")
    p.add_argument("--first-user-port", type=int, metavar="PORT", help="port of the first user")
    p.add_argument(
        "--no-first-user",
        action="store_true",
        help="make no first user (to run `mtpm -s NAME import-panel` next: it needs a server without users)",
    )
    p = add_command(
        group,
        "uninstall",
        uninstall,
        "remove everything mtpm created on a server (containers, network, agent, files, firewall "
        "rules); Docker stays",
    )
    p.add_argument("name", metavar="NAME", help="the server's profile name")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _open_session(name: str) -> tuple[Any, Any]:
    from mtpm_desktop.remote.ssh.profiles import ProfileStore
    from mtpm_desktop.remote.ssh.session import connect

    profile = ProfileStore().get(name)
    return profile, connect(profile)


def _live_printer(args: argparse.Namespace, titles: dict[str, str]) -> tuple[Any, Any]:
    """progress/output hooks printing to stderr in text mode; none with --json."""
    if getattr(args, "json", False):
        return None, None
    order = list(titles)

    def progress(name: str, state: StepState) -> None:
        number = f"[{order.index(name) + 1}/{len(order)}]"
        if state is StepState.RUNNING:
            print(f"{number} {titles[name]} ...", file=sys.stderr, flush=True)
        elif state in _STATE_WORDS:
            print(f"{number} {titles[name]}: {_STATE_WORDS[state]}", file=sys.stderr, flush=True)

    def output(name: str, line: str) -> None:
        print(f"      {line}", file=sys.stderr, flush=True)

    return progress, output


def _report_output(report: BootstrapReport, extra: dict[str, Any], text: str) -> Output:
    data = {**report.to_json(), **extra}
    failed = report.failed
    if failed is None:
        return Output(data=data, text=text)
    return Output(
        data=data,
        text=text,
        exit_code=EXIT_ERROR,
        error=f"step '{failed.title}' failed: {failed.error}. {failed.remedy or ''}".strip(),
    )


def _qr_text(link: str) -> str:
    import io

    import segno

    buffer = io.StringIO()
    segno.make(link, error="m").terminal(out=buffer, compact=True)
    return buffer.getvalue()


def bootstrap(args: argparse.Namespace) -> Output:
    from mtpm_desktop.remote.setup.bootstrap_steps import bootstrap_steps
    from mtpm_desktop.remote.setup.context import BootstrapContext, BootstrapOptions

    profile, session = _open_session(args.name)
    try:
        options = BootstrapOptions(
            registry_mirror=args.registry_mirror, push_image=args.push_image, server_ip=args.server_ip,
            server_domain=args.server_domain, first_user=args.first_user,
            first_user_port=args.first_user_port, create_first_user=not args.no_first_user,
        )  # fmt: skip
        ctx = BootstrapContext(session=session, options=options, root=profile.install_root)
        steps = bootstrap_steps()
        progress, output = _live_printer(args, {s.name: s.title for s in steps})
        report = run_steps(steps, ctx, progress=progress, output=output)
    finally:
        session.close()
    lines = []
    if report.ok:
        lines.append(f"{args.name} is set up" + ("" if report.changed else "; nothing needed changing") + ".")
        if ctx.first_link:
            lines += [
                f"First user's link: {ctx.first_link}",
                f"                  {ctx.first_tme_link}",
                _qr_text(ctx.first_link),
            ]
    extra = {
        "server": args.name,
        "first_user_link": ctx.first_link,
        "first_user_tme_link": ctx.first_tme_link,
    }
    return _report_output(report, extra, "\n".join(lines))


def _confirm(args: argparse.Namespace) -> None:
    if args.yes:
        return
    if not sys.stdin.isatty():
        raise UsageError(f"Uninstalling removes every proxy user of {args.name}; pass --yes to confirm.")
    print(
        f"This removes every mtpm proxy, user, counter and file on {args.name} (Docker stays).",
        file=sys.stderr,
    )
    answer = input(f"Type the server name ({args.name}) to confirm: ")
    if answer.strip() != args.name:
        raise UsageError("Not confirmed; nothing was changed.")


def uninstall(args: argparse.Namespace) -> Output:
    from mtpm_desktop.remote.setup.uninstall import UninstallContext, check_root, uninstall_steps

    _confirm(args)
    profile, session = _open_session(args.name)
    try:
        ctx = UninstallContext(session=session, root=check_root(profile.install_root))
        steps = uninstall_steps()
        progress, output = _live_printer(args, {s.name: s.title for s in steps})
        report = run_steps(steps, ctx, progress=progress, output=output)
    finally:
        session.close()
    text = (
        (
            f"mtpm was removed from {args.name} (Docker stays)."
            if report.changed
            else f"Nothing of mtpm was left on {args.name}."
        )
        if report.ok
        else ""
    )
    return _report_output(report, {"server": args.name}, text)
