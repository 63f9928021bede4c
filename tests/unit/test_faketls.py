"""FakeTLS bytes: the ClientHello a Telegram client sends and the reply only a key holder can make.

The proxy side is written here independently, following what mtprotoproxy 1.0.6 does
(handle_fake_tls_handshake), so the tests check our client against a proxy's rules rather than against
itself.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtpm_desktop.core import faketls
from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.faketls import (
    CLIENT_HELLO_LENGTH,
    FakeTLSError,
    build_client_hello,
    complete_reply,
    verify_server_reply,
)

pytestmark = pytest.mark.unit

KEY = bytes.fromhex("00112233445566778899aabbccddeeff")
DOMAIN = "www.cloudflare.com"
TS = 1_700_000_000
# mtprotoproxy 1.0.6 reads these 11 bytes one by one and treats anything else as a non-TLS client.
TLS_START_BYTES = bytes.fromhex("1603010200010001fc0303")


def fixed_rand(seed: int = 7) -> faketls.RandomSource:
    rng = random.Random(seed)
    return lambda n: bytes(rng.randrange(256) for _ in range(n))


# --- the proxy side, as mtprotoproxy 1.0.6 implements it ---------------------------------------------


def proxy_check_hello(key: bytes, hello: bytes, now: float) -> bool:
    """mtprotoproxy's acceptance rule: HMAC matches in 28 bytes, time within -20..+10 minutes."""
    if len(hello) != 517 or not hello.startswith(TLS_START_BYTES):
        return False
    digest = hello[11:43]
    msg = hello[:11] + b"\x00" * 32 + hello[43:]
    computed = hmac.new(key, msg, hashlib.sha256).digest()
    xored = bytes(a ^ b for a, b in zip(digest, computed, strict=True))
    if not xored.startswith(b"\x00" * 28):
        return False
    timestamp = int.from_bytes(xored[-4:], "little")
    return -20 * 60 < now - timestamp < 10 * 60


def proxy_reply(key: bytes, hello: bytes, app_data_len: int = 2000) -> bytes:
    """The reply mtprotoproxy sends to an accepted hello: ServerHello, CCS, one ApplicationData record."""
    sess_id_len = hello[43]
    sess_id = hello[44 : 44 + sess_id_len]
    extensions = b"\x00\x2e" + b"\x00\x33\x00\x24" + b"\x00\x1d\x00\x20" + bytes(range(32))
    extensions += b"\x00\x2b\x00\x02\x03\x04"
    srv_hello = b"\x03\x03" + b"\x00" * 32 + bytes([sess_id_len]) + sess_id
    srv_hello += b"\x13\x01" + b"\x00" + extensions
    pkt = b"\x16\x03\x03" + (len(srv_hello) + 4).to_bytes(2, "big")
    pkt += b"\x02" + len(srv_hello).to_bytes(3, "big") + srv_hello
    pkt += b"\x14\x03\x03\x00\x01\x01" + b"\x17\x03\x03" + app_data_len.to_bytes(2, "big")
    pkt += random.Random(1).randbytes(app_data_len)
    digest = hmac.new(key, hello[11:43] + pkt, hashlib.sha256).digest()
    return pkt[:11] + digest + pkt[43:]


def parse_extensions(hello: bytes) -> dict[int, bytes]:
    """Walk the ClientHello structure; every length field must add up exactly."""
    assert hello[0] == 0x16 and int.from_bytes(hello[3:5], "big") == len(hello) - 5
    assert hello[5] == 0x01 and int.from_bytes(hello[6:9], "big") == len(hello) - 9
    pos = 9 + 2 + 32
    pos += 1 + hello[pos]  # session id
    pos += 2 + int.from_bytes(hello[pos : pos + 2], "big")  # cipher suites
    pos += 1 + hello[pos]  # compression methods
    ext_total = int.from_bytes(hello[pos : pos + 2], "big")
    pos += 2
    assert pos + ext_total == len(hello)
    found: dict[int, bytes] = {}
    while pos < len(hello):
        ext_type = int.from_bytes(hello[pos : pos + 2], "big")
        length = int.from_bytes(hello[pos + 2 : pos + 4], "big")
        assert ext_type not in found
        found[ext_type] = hello[pos + 4 : pos + 4 + length]
        pos += 4 + length
    assert pos == len(hello)
    return found


def sni_of(hello: bytes) -> str:
    body = parse_extensions(hello)[0x0000]
    assert int.from_bytes(body[:2], "big") == len(body) - 2 and body[2] == 0
    name_len = int.from_bytes(body[3:5], "big")
    assert 5 + name_len == len(body)
    return body[5:].decode("ascii")


# --- ClientHello ------------------------------------------------------------------------------------


def test_hello_has_telegram_shape_and_sni() -> None:
    hello = build_client_hello(KEY, DOMAIN, TS).data
    assert len(hello) == CLIENT_HELLO_LENGTH == 517
    assert hello.startswith(TLS_START_BYTES)
    assert sni_of(hello) == DOMAIN
    ext = parse_extensions(hello)
    assert set(ext[0x0015]) == {0}, "padding is zeros"
    assert ext[0x0010].endswith(b"\x02h2\x08http/1.1")


def test_hello_is_accepted_by_proxy_rule_only_with_its_key_and_time() -> None:
    hello = build_client_hello(KEY, DOMAIN, TS).data
    assert proxy_check_hello(KEY, hello, now=TS)
    assert proxy_check_hello(KEY, hello, now=TS + 9 * 60)
    assert not proxy_check_hello(bytes(16), hello, now=TS)
    assert not proxy_check_hello(KEY[::-1], hello, now=TS)
    assert not proxy_check_hello(KEY, hello, now=TS + 30 * 60), "30 minutes behind"
    assert not proxy_check_hello(KEY, hello, now=TS - 30 * 60), "30 minutes ahead"


def test_random_is_hmac_with_time_xored_little_endian() -> None:
    hello = build_client_hello(KEY, DOMAIN, TS)
    zeroed = hello.data[:11] + bytes(32) + hello.data[43:]
    mac = hmac.new(KEY, zeroed, hashlib.sha256).digest()
    assert hello.random == hello.data[11:43]
    assert hello.random[:28] == mac[:28]
    assert bytes(a ^ b for a, b in zip(hello.random[28:], mac[28:], strict=True)) == TS.to_bytes(4, "little")
    assert hello.timestamp == TS


def test_known_vector() -> None:
    # Pinned bytes for fixed inputs: a change in layout or in the HMAC input shows up here first.
    hello = build_client_hello(KEY, DOMAIN, TS, rand=fixed_rand())
    assert hashlib.sha256(hello.data).hexdigest() == KNOWN_HELLO_SHA256
    assert hello.random.hex() == KNOWN_RANDOM
    reply = proxy_reply(KEY, hello.data)
    assert faketls.reply_digest(KEY, hello.random, reply).hex() == KNOWN_REPLY_DIGEST
    assert reply[11:43].hex() == KNOWN_REPLY_DIGEST


# A ClientHello captured from Telegram Desktop (2021), published as a test snapshot by the mtg proxy
# project, with its secret and capture time: an outside known-answer vector for our HMAC input.
TELEGRAM_SECRET_KEY = bytes.fromhex("367a189aee18fa31c190054efd4a8e95")
TELEGRAM_DOMAIN = "storage.googleapis.com"
TELEGRAM_TIME = 1617181365
TELEGRAM_HELLO = bytes.fromhex(
    "1603010200010001fc03035ef08f7376806c76e144bbf49149b2e817cf64e1afb2eb1e779fc736c29710fb204add8167"
    "6b873059f7076b6b0f58df76da63a0938e83a24178b84573208c0aae0034130313011302c02cc02bc024c023c00ac009"
    "cca9c030c02fc028c027c014c013cca8009d009c003d003c0035002fc008c012000a0100017fff010001000000001b00"
    "1900001673746f726167652e676f6f676c65617069732e636f6d00170000000d00180016040308040401050302030805"
    "08050501080606010201000500050100000000337400000012000000100030002e0268320568322d31360568322d3135"
    "0568322d313408737064792f332e3106737064792f3308687474702f312e31000b00020100003300260024001d002007"
    "fee82f1f491252002ec2c94bdd47d903725351f4a2c2b02147a556776c2f22002d00020101002b000908030403030302"
    "0301000a000a0008001d001700180019001500a1"
) + bytes(161)  # the padding extension's zeros


def test_real_telegram_hello_matches_our_digest_rule() -> None:
    hello = TELEGRAM_HELLO
    assert len(hello) == CLIENT_HELLO_LENGTH and hello.startswith(TLS_START_BYTES)
    assert sni_of(hello) == TELEGRAM_DOMAIN
    digest = faketls.client_hello_digest(TELEGRAM_SECRET_KEY, hello)
    mixed = bytes(a ^ b for a, b in zip(digest, hello[11:43], strict=True))
    assert mixed == bytes(28) + TELEGRAM_TIME.to_bytes(4, "little")
    assert proxy_check_hello(TELEGRAM_SECRET_KEY, hello, now=TELEGRAM_TIME)
    # Our hello for the same inputs has the same outer shape: header bytes, length, SNI position rules.
    ours = build_client_hello(TELEGRAM_SECRET_KEY, TELEGRAM_DOMAIN, TELEGRAM_TIME).data
    assert ours[:11] == hello[:11] and len(ours) == len(hello)
    assert parse_extensions(ours)[0x0000] == parse_extensions(hello)[0x0000]


KNOWN_HELLO_SHA256 = "e80495d42f5309d52f5ff17059967e1faba46960d2c85e80d4ddf19a1d4e424c"
KNOWN_RANDOM = "7baef2bb1556e9573b1bcdb01a8e28f9c2f795846cf2b136da719b6ca29669a1"
KNOWN_REPLY_DIGEST = "64d5a96aa57d4a8063383d4a30df6fd773839e5305e1ee184bb8b47e2a14854e"


def test_hellos_differ_between_probes() -> None:
    # Proxies remember seen randoms (replay defence); two probes in the same second must not collide.
    a = build_client_hello(KEY, DOMAIN, TS)
    b = build_client_hello(KEY, DOMAIN, TS)
    assert a.random != b.random
    assert proxy_check_hello(KEY, a.data, TS) and proxy_check_hello(KEY, b.data, TS)


@settings(max_examples=60, deadline=None)
@given(
    key=st.binary(min_size=16, max_size=16),
    domain=st.from_regex(r"[a-z0-9]([a-z0-9.-]{0,180}[a-z0-9])?", fullmatch=True),
    timestamp=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_any_key_domain_time_round_trips(key: bytes, domain: str, timestamp: int) -> None:
    hello = build_client_hello(key, domain, timestamp)
    assert len(hello.data) == 517
    assert sni_of(hello.data) == domain
    assert proxy_check_hello(key, hello.data, now=timestamp)
    reply = proxy_reply(key, hello.data, app_data_len=1024 + timestamp % 3072)
    assert verify_server_reply(key, hello.random, reply)


@pytest.mark.parametrize(
    ("key", "domain", "timestamp", "fragment"),
    [
        (bytes(15), DOMAIN, TS, "16 bytes"),
        (bytes(17), DOMAIN, TS, "16 bytes"),
        (KEY, "", TS, "no domain"),
        (KEY, "пример.рф", TS, "punycode"),
        (KEY, "a" * 183, TS, "at most 182"),
        (KEY, DOMAIN, -1, "timestamp"),
        (KEY, DOMAIN, 2**32, "timestamp"),
    ],
)
def test_bad_inputs_raise_actionable_errors(key: bytes, domain: str, timestamp: int, fragment: str) -> None:
    with pytest.raises(FakeTLSError) as info:
        build_client_hello(key, domain, timestamp)
    assert isinstance(info.value, MtpmError)
    assert fragment in str(info.value)


def test_longest_allowed_domain_fits() -> None:
    hello = build_client_hello(KEY, "a" * 182, TS)
    assert len(hello.data) == 517 and sni_of(hello.data) == "a" * 182


# --- reply ------------------------------------------------------------------------------------------


def test_reply_from_key_holder_verifies() -> None:
    hello = build_client_hello(KEY, DOMAIN, int(time.time()))
    reply = proxy_reply(KEY, hello.data)
    assert complete_reply(reply) == reply
    assert verify_server_reply(KEY, hello.random, reply)


def test_reply_with_other_key_or_random_or_tampering_fails() -> None:
    hello = build_client_hello(KEY, DOMAIN, TS)
    reply = proxy_reply(KEY, hello.data)
    assert not verify_server_reply(bytes(16), hello.random, reply)
    other = build_client_hello(KEY, DOMAIN, TS)
    assert not verify_server_reply(KEY, other.random, reply), "a reply replayed to another hello"
    tampered = bytearray(reply)
    tampered[-1] ^= 1
    assert not verify_server_reply(KEY, hello.random, bytes(tampered))
    assert not verify_server_reply(KEY, hello.random, reply[:30])


def test_complete_reply_waits_for_all_three_records() -> None:
    hello = build_client_hello(KEY, DOMAIN, TS)
    reply = proxy_reply(KEY, hello.data)
    for cut in itertools.chain(range(0, 20), range(len(reply) - 20, len(reply))):
        assert complete_reply(reply[:cut]) is None
    # Bytes after the third record (a proxy pipelining data) are not part of the reply.
    assert complete_reply(reply + b"\x17\x03\x03\x00\x02hi") == reply


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\x15\x03\x03\x00\x02\x02\x28", "alert"),
        (b"HTTP/1.1 400 Bad Request\r\n", "not a FakeTLS reply"),
        (b"SSH-2.0-OpenSSH_9.2\r\n", "not a FakeTLS reply"),
        (b"\x16\x03\x03\x00\x01\x00\x17", "expected 0x14"),
        (b"\x16\x07\x03\x00\x01", "not TLS"),
        (b"\x16\x03\x03\xff\xff", "oversized"),
    ],
)
def test_complete_reply_rejects_what_cannot_be_a_reply(data: bytes, fragment: str) -> None:
    with pytest.raises(FakeTLSError, match=fragment):
        complete_reply(data)
