"""FakeTLS handshake bytes, as Telegram clients and MTProto proxies speak them (pure, no I/O).

A client proves it knows the secret's 16-byte key inside an ordinary-looking TLS ClientHello:

- the ClientHello is one 517-byte TLS record (Telegram pads it so, and proxies check that length), with
  the secret's domain as SNI;
- its 32-byte `random` (offset 11) is HMAC-SHA256(key, hello with the random zeroed), whose last 4 bytes
  are XORed with the client's Unix time, little-endian; the proxy recomputes the HMAC, recovers the time
  and refuses clocks too far off (a replay defence).

A proxy that accepts answers with ServerHello + ChangeCipherSpec + one ApplicationData record, whose
`random` (offset 11 again) is HMAC-SHA256(key, client random + the whole reply with that field zeroed).
Only a holder of the key can produce that, so a matching reply proves the proxy accepted the secret;
a TLS server the proxy forwards to (domain fronting) cannot.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass

from .errors import MtpmError
from .messages import msg

KEY_LENGTH = 16
CLIENT_HELLO_LENGTH = 517  # 5-byte record header + 512 bytes, what Telegram clients send
DIGEST_OFFSET = 11  # record header (5) + handshake header (4) + legacy version (2)
DIGEST_LENGTH = 32
MAX_DOMAIN_LENGTH = 182  # Telegram clients cut longer SNI domains; a proxy would see another name

RECORD_HANDSHAKE = 0x16
RECORD_CHANGE_CIPHER_SPEC = 0x14
RECORD_APPLICATION_DATA = 0x17
RECORD_HEADER_LENGTH = 5
MAX_RECORD_LENGTH = 16384 + 2048  # TLS 1.3 ciphertext limit; anything longer is not a TLS server
# The three records of an accepting proxy's reply, in order.
REPLY_RECORD_TYPES = (RECORD_HANDSHAKE, RECORD_CHANGE_CIPHER_SPEC, RECORD_APPLICATION_DATA)

# GREASE values (RFC 8701) that Chrome-like clients, Telegram's included, sprinkle into a hello.
_GREASE = tuple(0x0A0A + 0x1010 * i for i in range(16))
_CIPHER_SUITES = (
    0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9,
    0xCCA8, 0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035,
)  # fmt: skip
_SIGNATURE_ALGORITHMS = (0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601)

RandomSource = Callable[[int], bytes]


class FakeTLSError(MtpmError):
    """FakeTLS bytes cannot be built or understood (bad key or domain, or a malformed reply)."""


@dataclass(frozen=True)
class ClientHello:
    """A ClientHello ready to send. `random` is what the proxy's reply HMAC is chained to."""

    data: bytes
    random: bytes
    timestamp: int


def _u8(n: int) -> bytes:
    return n.to_bytes(1, "big")


def _u16(n: int) -> bytes:
    return n.to_bytes(2, "big")


def _u24(n: int) -> bytes:
    return n.to_bytes(3, "big")


def _ext(ext_type: int, body: bytes) -> bytes:
    return _u16(ext_type) + _u16(len(body)) + body


def _grease(rand: RandomSource) -> tuple[int, int, int]:
    # Three distinct GREASE values, like Chrome: cipher/extension/group positions differ.
    picks: list[int] = []
    while len(picks) < 3:
        value = _GREASE[rand(1)[0] % len(_GREASE)]
        if value not in picks:
            picks.append(value)
    return picks[0], picks[1], picks[2]


def _check_key_and_domain(key: bytes, domain: str) -> bytes:
    if len(key) != KEY_LENGTH:
        raise FakeTLSError(
            msg(
                "A FakeTLS key is {expected} bytes, got {length}; the secret is damaged.",
                expected=KEY_LENGTH,
                length=len(key),
            )
        )
    try:
        name = domain.encode("ascii")
    except UnicodeEncodeError:
        raise FakeTLSError(
            msg(
                "The domain '{domain}' is not ASCII; use its punycode form (xn--...) in the secret.",
                domain=domain,
            )
        ) from None
    if not name:
        raise FakeTLSError(msg("The secret has no domain; FakeTLS needs one to send as SNI."))
    if len(name) > MAX_DOMAIN_LENGTH:
        raise FakeTLSError(
            msg(
                "The domain is {length} bytes; Telegram clients use at most {limit}. "
                "Choose a shorter domain.",
                length=len(name),
                limit=MAX_DOMAIN_LENGTH,
            )
        )
    return name


def client_hello_digest(key: bytes, hello: bytes) -> bytes:
    """HMAC-SHA256(key, hello with its random zeroed): the random before the time is mixed in."""
    zeroed = hello[:DIGEST_OFFSET] + bytes(DIGEST_LENGTH) + hello[DIGEST_OFFSET + DIGEST_LENGTH :]
    return hmac.new(key, zeroed, hashlib.sha256).digest()


def _hello_parts(name: bytes, rand: RandomSource) -> tuple[bytes, bytes]:
    """(fields before the extensions, extensions without padding) of the handshake body, random zeroed."""
    g_cipher, g_ext, g_group = _grease(rand)
    # A key share is normally a real X25519 point; proxies never use it, so 32 random bytes with the top
    # bit clear (as in a valid little-endian u-coordinate) look the same on the wire.
    key_share = bytearray(rand(32))
    key_share[31] &= 0x7F
    server_name = _u16(len(name) + 3) + _u8(0) + _u16(len(name)) + name
    alpn_list = _u8(2) + b"h2" + _u8(8) + b"http/1.1"
    groups = (g_group, 0x001D, 0x0017, 0x0018)
    shares = _u16(g_group) + _u16(1) + b"\x00" + _u16(0x001D) + _u16(32) + bytes(key_share)
    extensions = b"".join(
        [
            _ext(g_ext, b""),
            _ext(0x0000, server_name),
            _ext(0x0017, b""),  # extended_master_secret
            _ext(0xFF01, b"\x00"),  # renegotiation_info
            _ext(0x000A, _u16(2 * len(groups)) + b"".join(_u16(g) for g in groups)),  # supported_groups
            _ext(0x000B, b"\x01\x00"),  # ec_point_formats: uncompressed
            _ext(0x0023, b""),  # session_ticket
            _ext(0x0010, _u16(len(alpn_list)) + alpn_list),  # ALPN
            _ext(0x0005, b"\x01\x00\x00\x00\x00"),  # status_request (OCSP)
            _ext(0x000D, _u16(2 * len(_SIGNATURE_ALGORITHMS)) + b"".join(map(_u16, _SIGNATURE_ALGORITHMS))),
            _ext(0x0012, b""),  # signed_certificate_timestamp
            _ext(0x0033, _u16(len(shares)) + shares),  # key_share
            _ext(0x002D, b"\x01\x01"),  # psk_key_exchange_modes: psk_dhe_ke
            _ext(0x002B, b"\x06" + _u16(g_ext ^ 0x1010) + b"\x03\x04\x03\x03"),  # supported_versions
            _ext(0x001B, b"\x02\x00\x02"),  # compress_certificate: brotli
            _ext(g_ext ^ 0x2020, b"\x00"),
        ]
    )
    ciphers = (g_cipher, *_CIPHER_SUITES)
    head = b"".join(
        [
            b"\x03\x03",  # legacy_version TLS 1.2
            bytes(DIGEST_LENGTH),  # random: filled in by build_client_hello
            _u8(32) + rand(32),  # legacy_session_id, 32 bytes like a TLS 1.3 middlebox-compat client
            _u16(2 * len(ciphers)) + b"".join(_u16(c) for c in ciphers),
            b"\x01\x00",  # compression methods: null
        ]
    )
    return head, extensions


def build_client_hello(
    key: bytes, domain: str, timestamp: int, *, rand: RandomSource = os.urandom
) -> ClientHello:
    """A Telegram-style FakeTLS ClientHello for (key, domain, timestamp), exactly 517 bytes.

    `rand` supplies the non-secret random parts (session id, key share, GREASE); tests pass a fixed one.
    """
    name = _check_key_and_domain(key, domain)
    if not 0 <= timestamp < 2**32:
        raise FakeTLSError(
            msg("The timestamp {timestamp} does not fit the 4 bytes FakeTLS carries.", timestamp=timestamp)
        )
    head, extensions = _hello_parts(name, rand)
    # record header + handshake header + head + extensions length + extensions + padding extension header
    unpadded = RECORD_HEADER_LENGTH + 4 + len(head) + 2 + len(extensions) + 4
    pad = CLIENT_HELLO_LENGTH - unpadded
    if pad < 0:  # cannot happen within MAX_DOMAIN_LENGTH; kept as a guard for future extensions
        raise FakeTLSError(msg("The domain is too long to fit a 517-byte ClientHello."))
    extensions += _ext(0x0015, bytes(pad))  # padding (RFC 7685)
    body = head + _u16(len(extensions)) + extensions
    handshake = _u8(0x01) + _u24(len(body)) + body
    hello = _u8(RECORD_HANDSHAKE) + b"\x03\x01" + _u16(len(handshake)) + handshake
    assert len(hello) == CLIENT_HELLO_LENGTH

    digest = bytearray(client_hello_digest(key, hello))
    for i, byte in enumerate(timestamp.to_bytes(4, "little")):
        digest[DIGEST_LENGTH - 4 + i] ^= byte
    random = bytes(digest)
    data = hello[:DIGEST_OFFSET] + random + hello[DIGEST_OFFSET + DIGEST_LENGTH :]
    return ClientHello(data=data, random=random, timestamp=timestamp)


def complete_reply(buffer: bytes) -> bytes | None:
    """The proxy reply (3 records) at the start of `buffer` once fully received, else None (read more).

    Raises FakeTLSError as soon as the bytes cannot be such a reply (not TLS, a TLS alert, wrong order),
    so a caller can stop reading early.
    """
    offset = 0
    for expected in REPLY_RECORD_TYPES:
        header = buffer[offset : offset + RECORD_HEADER_LENGTH]
        if header and header[0] != expected:
            if header[0] == 0x15:
                raise FakeTLSError(msg("The server answered with a TLS alert: it did not accept the secret."))
            raise FakeTLSError(
                msg(
                    "The server's answer is not a FakeTLS reply (record type 0x{found:02x}, expected "
                    "0x{expected:02x}).",
                    found=header[0],
                    expected=expected,
                )
            )
        if len(header) < RECORD_HEADER_LENGTH:
            return None
        if header[1] != 0x03:
            raise FakeTLSError(msg("The server's answer is not TLS (bad record version)."))
        length = int.from_bytes(header[3:5], "big")
        if length > MAX_RECORD_LENGTH:
            raise FakeTLSError(
                msg("The server sent an oversized TLS record ({length} bytes).", length=length)
            )
        offset += RECORD_HEADER_LENGTH + length
        if len(buffer) < offset:
            return None
    return buffer[:offset]


def reply_digest(key: bytes, client_random: bytes, reply: bytes) -> bytes:
    """The digest an accepting proxy puts at offset 11 of its reply."""
    zeroed = reply[:DIGEST_OFFSET] + bytes(DIGEST_LENGTH) + reply[DIGEST_OFFSET + DIGEST_LENGTH :]
    return hmac.new(key, client_random + zeroed, hashlib.sha256).digest()


def verify_server_reply(key: bytes, client_random: bytes, reply: bytes) -> bool:
    """True when `reply` (the 3 records) carries the HMAC only a proxy holding `key` can make."""
    if len(reply) < DIGEST_OFFSET + DIGEST_LENGTH or len(client_random) != DIGEST_LENGTH:
        return False
    found = reply[DIGEST_OFFSET : DIGEST_OFFSET + DIGEST_LENGTH]
    return hmac.compare_digest(found, reply_digest(key, client_random, reply))
