"""What a plain TLS client gets from an endpoint for one SNI name: a certificate (and whether it verifies),
or a handshake refused.

Works against any TLS endpoint (the server's site, nginx's port-443 router, a test server). It makes two
handshakes: one that accepts anything, to read the certificate even when it is expired or for other names,
and one that verifies it like a browser (the system's CAs, or ``cafile``), to say what a client would see.
Nothing is sent after the handshake.
"""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.x509.oid import ExtensionOID

from mtpm_desktop.core.messages import msg


@dataclass(frozen=True)
class TlsAnswer:
    """One endpoint's answer to a ClientHello for ``server_name``."""

    host: str
    port: int
    server_name: str
    reachable: bool  # a TCP connection was made
    handshake: bool  # the endpoint completed a handshake (presented a certificate)
    refusal: str = ""  # why not: the TLS alert, or the connection error
    names: tuple[str, ...] = ()  # the certificate's DNS names (subjectAltName)
    issuer: str = ""
    not_before: datetime | None = None
    not_after: datetime | None = None
    verified: bool = False  # a browser would accept it for server_name
    verify_error: str = ""

    def days_left(self, now: datetime | None = None) -> float | None:
        if self.not_after is None:
            return None
        return (self.not_after - (now or datetime.now(UTC))).total_seconds() / 86400


def _read_certificate(der: bytes) -> tuple[tuple[str, ...], str, datetime, datetime]:
    cert = x509.load_der_x509_certificate(der)
    try:
        san = cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
        names = tuple(san.get_values_for_type(x509.DNSName))  # type: ignore[attr-defined]
    except x509.ExtensionNotFound:
        names = ()
    return names, cert.issuer.rfc4514_string(), cert.not_valid_before_utc, cert.not_valid_after_utc


def tls_answer(
    host: str, port: int, server_name: str, *, cafile: str | None = None, timeout: float = 5.0
) -> TlsAnswer:
    """Connect, say ``server_name`` in the ClientHello, and report what came back."""
    loose = ssl.create_default_context()
    loose.check_hostname = False
    loose.verify_mode = ssl.CERT_NONE
    try:
        with (
            socket.create_connection((host, port), timeout=timeout) as sock,
            loose.wrap_socket(sock, server_hostname=server_name) as tls,
        ):
            der = tls.getpeercert(binary_form=True)
    except ssl.SSLError as exc:
        return TlsAnswer(host, port, server_name, True, False, refusal=exc.reason or str(exc))
    except (ConnectionResetError, BrokenPipeError) as exc:
        # Closed mid-handshake: what a server that rejects the name without an alert does.
        return TlsAnswer(host, port, server_name, True, False, refusal=str(exc) or type(exc).__name__)
    except OSError as exc:
        return TlsAnswer(host, port, server_name, False, False, refusal=exc.strerror or str(exc))
    if not der:
        return TlsAnswer(host, port, server_name, True, False, refusal=msg("no certificate was sent"))
    names, issuer, not_before, not_after = _read_certificate(der)
    strict = ssl.create_default_context(cafile=cafile)
    verified, verify_error = True, ""
    try:
        with (
            socket.create_connection((host, port), timeout=timeout) as sock,
            strict.wrap_socket(sock, server_hostname=server_name),
        ):
            pass
    except ssl.SSLCertVerificationError as exc:
        verified, verify_error = False, exc.verify_message or str(exc)
    except (ssl.SSLError, OSError) as exc:
        verified, verify_error = False, str(exc)
    return TlsAnswer(
        host, port, server_name, True, True, "", names, issuer, not_before, not_after, verified, verify_error
    )
