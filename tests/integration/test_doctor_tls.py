"""The doctor's certificate checks against a loopback TLS server serving certificates made here: valid,
short-lived, expired, for other names, with an incomplete chain, and a server that refuses the handshake."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from mtpm_desktop.remote.checks.doctor import Severity, certificate_finding, unknown_sni_finding
from mtpm_desktop.remote.checks.tls_probe import tls_answer

pytestmark = pytest.mark.integration
HOST = "127.0.0.1"
NAME = "proxy.example.test"


@dataclass
class Issued:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate


def _issue(
    subject: str, issuer: Issued | None, *, names: list[str], days: float, ca: bool, start: float = -1
) -> Issued:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer.cert.subject if issuer else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + timedelta(days=start))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), False)
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
    signer = issuer.key if issuer else key
    return Issued(key, builder.sign(signer, hashes.SHA256()))


def _pem(*certs: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


@contextlib.contextmanager
def tls_server(tmp: Path, leaf: Issued, chain: list[x509.Certificate]) -> Iterator[int]:
    """Serve `leaf` (+ `chain`) on a loopback port until the block ends; handshakes only."""
    cert_file, key_file = tmp / "chain.pem", tmp / "key.pem"
    cert_file.write_bytes(_pem(leaf.cert, *chain))
    key_file.write_bytes(
        leaf.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert_file, key_file)
    listener = socket.create_server((HOST, 0))
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with contextlib.suppress(OSError), ctx.wrap_socket(conn, server_side=True) as tls:
                tls.recv(1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        listener.close()


@pytest.fixture
def root(tmp_path: Path) -> tuple[Issued, str]:
    ca = _issue("mtpm test root", None, names=[], days=30, ca=True)
    path = tmp_path / "root.pem"
    path.write_bytes(_pem(ca.cert))
    return ca, str(path)


def test_valid_certificate_with_its_chain(tmp_path: Path, root: tuple[Issued, str]) -> None:
    ca, ca_file = root
    mid = _issue("mtpm test intermediate", ca, names=[], days=30, ca=True)
    leaf = _issue(NAME, mid, names=[NAME, f"abc123.{NAME}"], days=60, ca=False)
    with tls_server(tmp_path, leaf, [mid.cert]) as port:
        answer = tls_answer(HOST, port, NAME, cafile=ca_file)
    finding = certificate_finding(answer)
    assert finding.ok and finding.severity is Severity.INFO, finding
    assert f"abc123.{NAME}" in finding.detail and "59 more days" in finding.detail


def test_incomplete_chain_is_an_error_with_the_fix(tmp_path: Path, root: tuple[Issued, str]) -> None:
    ca, ca_file = root
    mid = _issue("mtpm test intermediate", ca, names=[], days=30, ca=True)
    leaf = _issue(NAME, mid, names=[NAME], days=60, ca=False)
    with tls_server(tmp_path, leaf, []) as port:  # the leaf alone
        finding = certificate_finding(tls_answer(HOST, port, NAME, cafile=ca_file))
    assert not finding.ok and finding.severity is Severity.ERROR
    assert "full chain" in finding.fix


def test_expired_certificate_is_an_error_telling_to_renew(tmp_path: Path, root: tuple[Issued, str]) -> None:
    ca, ca_file = root
    leaf = _issue(NAME, ca, names=[NAME], days=-1, ca=False, start=-10)
    with tls_server(tmp_path, leaf, []) as port:
        finding = certificate_finding(tls_answer(HOST, port, NAME, cafile=ca_file))
    assert not finding.ok and finding.severity is Severity.ERROR
    assert "expired" in finding.detail and "site renew" in finding.fix


def test_short_lived_certificate_is_a_warning(tmp_path: Path, root: tuple[Issued, str]) -> None:
    ca, ca_file = root
    leaf = _issue(NAME, ca, names=[NAME], days=3, ca=False)
    with tls_server(tmp_path, leaf, []) as port:
        finding = certificate_finding(tls_answer(HOST, port, NAME, cafile=ca_file))
    assert not finding.ok and finding.severity is Severity.WARNING and "renew" in finding.fix.lower()


def test_certificate_for_other_names_says_which_name_to_cover(
    tmp_path: Path, root: tuple[Issued, str]
) -> None:
    ca, ca_file = root
    leaf = _issue("other.test", ca, names=["other.test"], days=60, ca=False)
    with tls_server(tmp_path, leaf, []) as port:
        answer = tls_answer(HOST, port, NAME, cafile=ca_file)
        unknown = tls_answer(HOST, port, "nobody.invalid", cafile=ca_file)
    finding = certificate_finding(answer)
    assert not finding.ok and NAME in finding.fix and "other.test" in finding.detail
    # A server that answers any name with a certificate is reported when unknown names should be refused.
    assert not unknown_sni_finding(unknown, expect_reject=True).ok


def test_nothing_serving_tls_is_a_skip_with_a_finding() -> None:
    listener = socket.create_server((HOST, 0))
    port = listener.getsockname()[1]
    listener.close()
    finding = certificate_finding(tls_answer(HOST, port, NAME))
    assert finding.ok and finding.severity is Severity.INFO and "site enable" in finding.fix
