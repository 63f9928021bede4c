"""The link check from the admin's side: the FakeTLS handshake against every enabled user's link.

It dials what a client dials (the link's host and port, port-443 mode included) from this machine, with
each user's own secret only (never a wrong one), and reports accepted / refused / unreachable with the
round-trip time, plus the server's clock offset (mtg refuses hellos whose time is a few seconds off).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.links import link_host, link_port
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.checks.clock import measure_offset
from mtpm_desktop.remote.checks.faketls_probe import LinkStatus, probe_link
from mtpm_desktop.remote.service_models import CheckReport, LinkCheck, LinkVerdict, Progress
from mtpm_desktop.remote.user_edits import find_user, is_expired

if TYPE_CHECKING:
    from mtpm_desktop.remote.service import ServerService

_VERDICT = {
    LinkStatus.ACCEPTED: LinkVerdict.ACCEPTED,
    LinkStatus.REFUSED: LinkVerdict.REFUSED,
    LinkStatus.UNREACHABLE: LinkVerdict.UNREACHABLE,
}


def check_links(
    service: ServerService, user: str | None = None, *, timeout: float = 5.0, progress: Progress = None
) -> CheckReport:
    state = service.load_state()
    users = [find_user(state, user)] if user is not None else list(state.users)
    clock = None
    try:
        clock = measure_offset(service.session)
    except MtpmError:
        clock = None  # the check itself does not need it
    now = datetime.now(UTC)
    results: list[LinkCheck] = []
    for u in users:
        port = link_port(state, u)
        try:
            host = service.check_host or link_host(state)
        except MtpmError as exc:
            results.append(LinkCheck(u.id, u.name, "", port, LinkVerdict.SKIPPED, None, exc.message))
            continue
        if not u.enabled or is_expired(u, now):
            why = msg("the user is disabled") if not u.enabled else msg("the user is expired")
            results.append(LinkCheck(u.id, u.name, host, port, LinkVerdict.SKIPPED, None, why))
            continue
        if progress is not None:
            progress(msg("checking {name} at {host}:{port}", name=u.name, host=host, port=port))
        try:
            res = probe_link(host, port, u.secret, timeout=timeout)
        except MtpmError as exc:  # a damaged secret: nothing to send
            results.append(LinkCheck(u.id, u.name, host, port, LinkVerdict.REFUSED, None, exc.message))
            continue
        results.append(LinkCheck(u.id, u.name, host, port, _VERDICT[res.status], res.rtt_ms, res.detail))
    return CheckReport(results=results, clock=clock)
