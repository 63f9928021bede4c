"""Check a proxy link from this computer, the way a Telegram client would start.

`probe_link` opens a TCP connection, sends a FakeTLS ClientHello made from the link's secret and checks
that the reply carries the HMAC only a proxy holding that secret can produce (see core/faketls.py). It
then closes without sending anything else, so the proxy never dials Telegram on the probe's behalf.

It only ever sends the secret it is given: it never tries other keys (a wrong key sent to a real proxy
would be forwarded to the fronting domain as if it were a censor's probe).
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from enum import StrEnum

from mtpm_desktop.core.faketls import FakeTLSError, build_client_hello, complete_reply, verify_server_reply
from mtpm_desktop.core.messages import msg
from mtpm_desktop.core.secret import parse_secret

_READ_CHUNK = 16384


class LinkStatus(StrEnum):
    ACCEPTED = "accepted"  # the proxy proved it holds the secret
    REFUSED = "refused"  # something listens there but did not accept this secret
    UNREACHABLE = "unreachable"  # no TCP connection (DNS, refused, timeout, no route)


@dataclass(frozen=True)
class LinkCheckResult:
    status: LinkStatus
    rtt_ms: float | None  # TCP connect time (one network round trip); None when unreachable
    detail: str  # one sentence for the user

    @property
    def ok(self) -> bool:
        return self.status is LinkStatus.ACCEPTED


def _unreachable(host: str, port: int, exc: OSError) -> LinkCheckResult:
    why: str
    if isinstance(exc, socket.gaierror):
        why = msg("the name {host} does not resolve ({error})", host=host, error=exc.strerror)
    elif isinstance(exc, ConnectionRefusedError):
        why = msg("nothing listens on that port (connection refused); is the proxy running and the port open")
    elif isinstance(exc, TimeoutError):
        why = msg(
            "no answer to the connection (timed out); a firewall may drop the port, or the host is down"
        )
    else:
        why = exc.strerror or str(exc)
    return LinkCheckResult(
        LinkStatus.UNREACHABLE,
        None,
        msg("Cannot connect to {host}:{port}: {reason}.", host=host, port=port, reason=why),
    )


def _read_reply(sock: socket.socket, deadline: float) -> tuple[bytes | None, str]:
    """(the 3-record reply or None, why not). Stops early on bytes that cannot be a FakeTLS reply."""
    buffer = b""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            if buffer:
                return None, msg("the server's answer stopped half-way (timed out)")
            return None, msg(
                "the server accepted the connection but did not answer the handshake (timed out)"
            )
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(_READ_CHUNK)
        except TimeoutError:
            continue
        except OSError as exc:
            return None, msg(
                "the connection broke during the handshake ({error})", error=exc.strerror or str(exc)
            )
        if not chunk:
            if buffer:
                return None, msg("the server closed the connection in the middle of its answer")
            return None, msg("the server closed the connection without answering")
        buffer += chunk
        try:
            reply = complete_reply(buffer)
        except FakeTLSError as exc:
            return None, exc.message
        if reply is not None:
            return reply, ""


def probe_link(
    host: str, port: int, secret: str, *, timeout: float = 5.0, clock_offset_s: float = 0.0
) -> LinkCheckResult:
    """Probe a FakeTLS proxy at host:port with `secret` (hex or URL-safe base64).

    `clock_offset_s` shifts the time put in the hello (a client whose clock is off); proxies refuse
    hellos more than a few minutes off. Raises InvalidSecret for a secret that does not parse; every
    network outcome is a result, never an exception.
    """
    parsed = parse_secret(secret)
    deadline = time.monotonic() + timeout
    started = time.monotonic()
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as exc:
        return _unreachable(host, port, exc)
    rtt_ms = (time.monotonic() - started) * 1000.0
    with sock:
        hello = build_client_hello(parsed.key, parsed.domain, int(time.time() + clock_offset_s))
        try:
            sock.sendall(hello.data)
        except OSError as exc:
            return LinkCheckResult(
                LinkStatus.REFUSED,
                rtt_ms,
                msg("The connection was closed while sending the handshake ({error}).", error=str(exc)),
            )
        reply, why = _read_reply(sock, deadline)
    if reply is None:
        return LinkCheckResult(
            LinkStatus.REFUSED,
            rtt_ms,
            msg(
                "The proxy at {host}:{port} did not accept this secret: {reason}. Check that the link's "
                "secret matches the server, and that the server's clock is right.",
                host=host,
                port=port,
                reason=why,
            ),
        )
    if not verify_server_reply(parsed.key, hello.random, reply):
        return LinkCheckResult(
            LinkStatus.REFUSED,
            rtt_ms,
            msg(
                "{host}:{port} answered like a TLS server but not as a proxy with this secret (it may be a "
                "website, or a proxy with another secret forwarding to its domain).",
                host=host,
                port=port,
            ),
        )
    return LinkCheckResult(
        LinkStatus.ACCEPTED,
        rtt_ms,
        msg("The proxy at {host}:{port} accepted the secret.", host=host, port=port),
    )
