"""`mtpm -s NAME site enable|disable|renew|status`: the server's own website and its certificate."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mtpm_desktop.cli.common import open_service, progress_printer
from mtpm_desktop.cli.main import Output, add_command, add_group
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.service_models import ChangeResult
from mtpm_desktop.remote.site.config import LETS_ENCRYPT


def register(subparsers: Any) -> None:
    group = add_group(subparsers, "site", "the server's own website and its certificate")
    p = add_command(
        group,
        "enable",
        enable,
        "serve a website for server_domain with a certificate for it and the users' names",
    )
    p.add_argument(
        "--acme-directory", metavar="URL", help=f"the ACME CA's directory (default {LETS_ENCRYPT})"
    )
    p.add_argument(
        "--acme-ca-file", metavar="PEM", type=Path, help="CA bundle the ACME client trusts for the directory"
    )
    p.add_argument("--email", metavar="E", help="contact for the CA's expiry notices")
    p.add_argument("--site-dir", metavar="DIR", type=Path, help="your own site (a folder with index.html)")
    # Tests publish the site on free ports; a server uses 80 and 443.
    p.add_argument("--http-port", type=int, help=argparse.SUPPRESS)
    p.add_argument("--https-port", type=int, help=argparse.SUPPRESS)
    add_command(group, "disable", disable, "stop serving the website (its certificates are kept)")
    r = add_command(group, "renew", renew, "renew the certificates now (only those due)")
    r.add_argument("--force", action="store_true", help="renew even certificates that are not due")
    add_command(group, "status", status, "the certificate's names, expiry, last renewal and last error")


def _change_output(result: ChangeResult) -> Output:
    lines = [*result.notes, *(f"error: {r.name}: {r.error}" for r in result.reconcile.errors)]
    error = None
    if not result.reconcile.ok:
        error = msg("the site is set up, but some containers could not be updated")
    return Output(data=result, text="\n".join(lines) or "ok", exit_code=1 if error else 0, error=error)


def enable(args: argparse.Namespace) -> Output:
    svc = open_service(args)
    result = svc.site_enable(
        acme_directory=args.acme_directory,
        ca_file=args.acme_ca_file,
        email=args.email,
        site_dir=args.site_dir,
        http_port=args.http_port,
        https_port=args.https_port,
        progress=progress_printer(args),
    )
    return _change_output(result)


def disable(args: argparse.Namespace) -> Output:
    return _change_output(open_service(args).site_disable(progress=progress_printer(args)))


def renew(args: argparse.Namespace) -> Output:
    status = open_service(args).site_renew(force=args.force)
    error = status.get("last_error")
    changed = status.get("changed") or []
    text = msg("renewed: {names}", names=", ".join(changed)) if changed else msg("nothing was due")
    return Output(data=status, text=text, exit_code=1 if error else 0, error=error)


def status(args: argparse.Namespace) -> Output:
    st = open_service(args).site_status()
    if st.domain is None:
        return Output(data=st, text=msg("The website is not enabled on this server."))
    lines = [
        f"domain: {st.domain}",
        f"names: {', '.join(st.names) or '-'}",
        f"issuer: {st.issuer or '-'}",
        f"valid: {st.not_before or '-'} .. {st.not_after or '-'}",
        f"last renewal: {st.last_renewal or '-'}",
        f"last error: {st.last_error or '-'}",
        f"renewal: {st.renewal or '-'}",
    ]
    return Output(data=st, text="\n".join(lines))
