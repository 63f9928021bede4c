"""`mtpm doctor`: everything a client and a censor's probe see of the server, checked from this computer.

Each check gives one finding: ``{id, ok, severity, detail, fix}``; ``fix`` says what the admin can do (empty
when all is well). Severity ``error`` means links fail or will soon; ``warning`` is a weakness; ``info`` is a
note (a check skipped because what it checks is not set up, say). The checks:

- ``dns.domain``: the server's own domain (and ``*.domain`` with per-user subdomains) point at the server,
  seen from here and from the server; ``dns.user``: one user's own name does too;
- ``port.N``: every client-facing port answers a TCP connection (and 443 when the server has a domain);
- ``tls.certificate``: the site's certificate for the bare domain is valid, has the right names, enough days
  left, and a complete chain (any TLS endpoint: a skipped finding when nothing serves TLS there);
- ``tls.unknown_sni``: what a ClientHello for a name the server does not know gets;
- ``tls.user_sni``: a plain TLS client with a user's SNI and no secret gets the site's certificate;
- ``link.NAME``: every user's FakeTLS handshake (the link check, remote/checks/link_check.py);
- ``clock``: the server's clock offset; ``mss``: the client_mss setting and its rules.
"""

from __future__ import annotations

import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.links import link_host
from mtpm_desktop.core.messages import msg
from mtpm_desktop.core.state import ServerState
from mtpm_desktop.remote.checks import dns as dns_checks
from mtpm_desktop.remote.checks.clock import measure_offset
from mtpm_desktop.remote.checks.link_check import check_links
from mtpm_desktop.remote.checks.tls_probe import TlsAnswer, tls_answer
from mtpm_desktop.remote.proxies import mss
from mtpm_desktop.remote.service import firewall_ports
from mtpm_desktop.remote.service_models import LinkVerdict, Progress

if TYPE_CHECKING:
    from mtpm_desktop.remote.service import ServerService

CERT_WARN_DAYS = 14
SITE_PORT = 443


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    id: str
    ok: bool
    severity: Severity
    detail: str
    fix: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ok": self.ok,
            "severity": str(self.severity),
            "detail": self.detail,
            "fix": self.fix,
        }


@dataclass
class DoctorReport:
    checks: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No failed check of severity error."""
        return not any(not c.ok and c.severity is Severity.ERROR for c in self.checks)

    def to_json(self) -> dict[str, Any]:
        return {"checks": [c.to_json() for c in self.checks]}


def _good(check_id: str, detail: str, severity: Severity = Severity.INFO) -> Finding:
    return Finding(check_id, True, severity, detail)


# ------------------------------------------------------------------------------------------------- DNS


def dns_findings(
    service: ServerService, state: ServerState, resolver: dns_checks.Resolver | None
) -> list[Finding]:
    domain = state.server_domain.strip()
    if not domain:
        return [
            Finding(
                "dns.domain",
                True,
                Severity.INFO,
                msg("The server has no domain of its own; links borrow big sites' names."),
                msg(
                    "Buy a domain, add an A record for it and one for *.it pointing at the server, then "
                    'set server_domain (see "Your own domain" in the user guide).'
                ),
            )
        ]
    try:
        expected = dns_checks.server_addresses(service.session, state.server_ip)
        bare = dns_checks.check_domain(
            domain, expected, wildcard=state.user_subdomains, resolver=resolver, session=service.session
        )
    except MtpmError as exc:
        return [Finding("dns.domain", False, Severity.ERROR, exc.message, exc.message)]
    out = [_dns_finding("dns.domain", bare)]
    user = next((u for u in state.users if u.enabled), None)
    if state.user_subdomains and user is not None:
        name = user.domain
        one = dns_checks.check_names(domain, [(name, name)], expected, resolver, service.session)
        out.append(_dns_finding("dns.user", one))
    return out


def _dns_finding(check_id: str, check: dns_checks.DomainCheck) -> Finding:
    if check.ok:
        return _good(check_id, check.summary())
    return Finding(check_id, False, Severity.ERROR, check.summary(), " ".join(check.problems()))


# ----------------------------------------------------------------------------------------------- ports


def _client_ports(state: ServerState) -> list[int]:
    if state.port_443_mode:
        return [state.sni_listen_port]
    return sorted({u.port for u in state.users if u.enabled})


def port_findings(host: str, state: ServerState, timeout: float) -> list[Finding]:
    ports = _client_ports(state)
    wanted = [(p, Severity.ERROR) for p in ports]
    if state.server_domain and SITE_PORT not in ports:
        wanted.append((SITE_PORT, Severity.WARNING))  # the site: needed for the certificate and fronting
    out: list[Finding] = []
    for port, severity in wanted:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                pass
        except OSError as exc:
            out.append(
                Finding(
                    f"port.{port}",
                    False,
                    severity,
                    msg(
                        "Port {port} on {host} does not answer ({error}).",
                        port=port,
                        host=host,
                        error=exc.strerror or type(exc).__name__,
                    ),
                    msg(
                        "Open TCP port {port} in the server's firewall and the provider's security group, "
                        "then run `mtpm reconcile` so the proxies listen.",
                        port=port,
                    ),
                )
            )
        else:
            out.append(_good(f"port.{port}", msg("Port {port} on {host} answers.", port=port, host=host)))
    return out


# ------------------------------------------------------------------------------------------------- TLS


def certificate_finding(answer: TlsAnswer, now: datetime | None = None) -> Finding:
    """The site's certificate for the bare domain: valid, right names, days left, chain complete."""
    cid = "tls.certificate"
    where = f"{answer.host}:{answer.port}"
    if not answer.handshake:
        return Finding(
            cid,
            True,
            Severity.INFO,
            msg(
                "No website answers with TLS for {name} on {where} ({why}); the certificate was not checked.",
                name=answer.server_name,
                where=where,
                why=answer.refusal,
            ),
            msg("Enable the server's website (mtpm site enable) so probes and browsers get a real page."),
        )
    days = answer.days_left(now)
    names = ", ".join(answer.names) or "-"
    if not answer.verified:
        error = answer.verify_error
        if "expired" in error:
            fix = msg("Renew the certificate (mtpm site renew --force) and check the renewal timer.")
        elif "hostname" in error.lower() or "match" in error.lower():
            fix = msg(
                "Issue a certificate that covers {name} (mtpm site renew --force).", name=answer.server_name
            )
        elif "issuer" in error:
            fix = msg(
                "Serve the full chain (the certificate followed by its intermediates), not the leaf alone."
            )
        else:
            fix = msg("Issue a certificate from a public CA for {name}.", name=answer.server_name)
        return Finding(
            cid,
            False,
            Severity.ERROR,
            msg(
                "The certificate on {where} for {name} is not accepted: {error} (names: {names}; "
                "valid until {until}).",
                where=where,
                name=answer.server_name,
                error=error,
                names=names,
                until=answer.not_after.strftime("%Y-%m-%d") if answer.not_after else "-",
            ),
            fix,
        )
    detail = msg(
        "The certificate for {name} is valid for {days} more days (names: {names}; issuer: {issuer}).",
        name=answer.server_name,
        days=int(days or 0),
        names=names,
        issuer=answer.issuer,
    )
    if days is not None and days < CERT_WARN_DAYS:
        return Finding(
            cid,
            False,
            Severity.WARNING,
            detail,
            msg("Renew it now (mtpm site renew --force) and check why renewal did not run."),
        )
    return _good(cid, detail)


def unknown_sni_finding(answer: TlsAnswer, expect_reject: bool) -> Finding:
    cid = "tls.unknown_sni"
    if not answer.reachable:
        return Finding(cid, True, Severity.INFO, msg("Nothing answers on {port}.", port=answer.port))
    if not answer.handshake:
        return _good(
            cid,
            msg("A name the server does not know is refused in the handshake ({why}).", why=answer.refusal),
        )
    detail = msg(
        "A name the server does not know gets a certificate for {names}.",
        names=", ".join(answer.names) or "-",
    )
    if expect_reject:
        return Finding(
            cid,
            False,
            Severity.WARNING,
            detail,
            msg("Reject unknown names in the handshake: mtpm settings set sni_unknown reject."),
        )
    return _good(cid, detail)


def user_sni_finding(answer: TlsAnswer, site: TlsAnswer) -> Finding:
    cid = "tls.user_sni"
    if not site.handshake:
        return Finding(
            cid, True, Severity.INFO, msg("No website: a browser opening a user's name gets nothing.")
        )
    if answer.handshake and answer.verified:
        return _good(
            cid,
            msg("A browser opening {name} gets the site's valid certificate.", name=answer.server_name),
        )
    return Finding(
        cid,
        False,
        Severity.ERROR,
        msg(
            "A plain TLS client asking for {name} does not get a valid certificate ({why}); a censor's "
            "probe can tell the proxy from a website.",
            name=answer.server_name,
            why=answer.verify_error or answer.refusal or "-",
        ),
        msg("Make the certificate cover the users' names (mtpm site renew --force)."),
    )


# ----------------------------------------------------------------------------------- links, clock, MSS


def link_findings(service: ServerService, timeout: float, progress: Progress) -> list[Finding]:
    report = check_links(service, timeout=timeout, progress=progress)
    out: list[Finding] = []
    for r in report.results:
        cid = f"link.{r.name}"
        if r.verdict is LinkVerdict.ACCEPTED:
            out.append(_good(cid, msg("{name}'s link works.", name=r.name)))
        elif r.verdict is LinkVerdict.SKIPPED:
            out.append(Finding(cid, True, Severity.INFO, r.detail))
        else:
            out.append(
                Finding(
                    cid,
                    False,
                    Severity.ERROR,
                    r.detail,
                    msg("Check that {name}'s proxy runs (mtpm reconcile) and its port is open.", name=r.name),
                )
            )
    return out


def clock_finding(service: ServerService, now: Callable[[], float]) -> Finding:
    try:
        clock = measure_offset(service.session, now=now)
    except MtpmError as exc:
        return Finding("clock", False, Severity.WARNING, exc.message, exc.message)
    if clock.warning:
        return Finding(
            "clock",
            False,
            Severity.ERROR,
            clock.warning,
            msg("Turn on time sync on the server: timedatectl set-ntp true (or install chrony)."),
        )
    return _good(
        "clock", msg("The server's clock is {seconds:+.1f} s from this computer's.", seconds=clock.offset_s)
    )


def mss_finding(state: ServerState, missing: list[str]) -> Finding:
    """``missing``: the tools whose MSS rules on the server differ from the setting."""
    if missing:
        return Finding(
            "mss",
            False,
            Severity.ERROR if state.client_mss is not None else Severity.WARNING,
            msg(
                "The TCP MSS rules on the server do not match client_mss ({tools}).", tools=", ".join(missing)
            ),
            msg("Run `mtpm reconcile`: it writes the rules client_mss asks for (or removes them)."),
        )
    if state.client_mss is None:
        return _good("mss", msg("client_mss is off: the proxies' SYN-ACKs carry the normal MSS."))
    return Finding(
        "mss",
        True,
        Severity.WARNING,
        msg(
            "client_mss is {mss}: every client's handshake is split into small packets, which multiplies "
            "the packet rate (one provider null-routed a node at about 51k packets/s).",
            mss=state.client_mss,
        ),
        msg("Watch the server's packet rate; set client_mss off if the provider complains."),
    )


# ------------------------------------------------------------------------------------------------- run


def run_doctor(
    service: ServerService,
    *,
    resolver: str | None = None,
    timeout: float = 5.0,
    tls_port: int | None = None,
    ca_file: str | None = None,
    now: Callable[[], float] = time.time,
    progress: Progress = None,
) -> DoctorReport:
    """Every check, in the order an admin fixes things (DNS, ports, TLS, links, clock, MSS).

    ``tls_port`` overrides where the site's TLS is asked (443); ``ca_file`` is the CA bundle a test CA's
    certificates verify with; ``now`` is this computer's clock (tests move it)."""
    state = service.load_state()
    res = dns_checks.parse_resolver(resolver) if resolver else None
    report = DoctorReport()
    _say(progress, msg("checking DNS"))
    report.checks += dns_findings(service, state, res)
    try:
        # The server's address: its DNS name is checked on its own above.
        host = service.check_host or state.server_ip.strip() or link_host(state)
    except MtpmError as exc:
        report.checks.append(Finding("ports", False, Severity.ERROR, exc.message, exc.message))
        return report
    _say(progress, msg("checking ports"))
    report.checks += port_findings(host, state, timeout)
    if state.server_domain:
        _say(progress, msg("checking the certificate"))
        port = tls_port or (state.sni_listen_port if state.port_443_mode else SITE_PORT)
        site = tls_answer(host, port, state.server_domain, cafile=ca_file, timeout=timeout)
        report.checks.append(certificate_finding(site, datetime.fromtimestamp(now(), UTC)))
        if site.reachable:
            unknown = tls_answer(host, port, f"mtpm-doctor-{secrets.token_hex(4)}.invalid", timeout=timeout)
            expect_reject = str(getattr(state, "sni_unknown", state.extra.get("sni_unknown", "reject")))
            report.checks.append(unknown_sni_finding(unknown, expect_reject == "reject"))
        user = next((u for u in state.users if u.enabled), None)
        if user is not None and site.reachable:
            answer = tls_answer(host, port, user.domain, cafile=ca_file, timeout=timeout)
            report.checks.append(user_sni_finding(answer, site))
    _say(progress, msg("checking every user's link"))
    report.checks += link_findings(service, timeout, progress)
    report.checks.append(clock_finding(service, now))
    try:
        missing = mss.missing_rules(service.firewall_shell, firewall_ports(state), state.client_mss)
    except MtpmError:
        missing = []
    report.checks.append(mss_finding(state, missing))
    return report


def _say(progress: Progress, message: str) -> None:
    if progress is not None:
        progress(message)
