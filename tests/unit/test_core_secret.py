"""FakeTLS secrets: generation, both textual forms, and every refusal."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtpm_desktop.core.errors import InvalidDomain, InvalidSecret
from mtpm_desktop.core.secret import (
    FakeTLSSecret,
    generate_secret,
    new_secret,
    normalize_secret,
    parse_secret,
    secret_domain,
)

pytestmark = pytest.mark.unit

label = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
domains = st.lists(label, min_size=1, max_size=4).map(lambda parts: ".".join([*parts, "com"]))
keys = st.binary(min_size=16, max_size=16)


def test_new_secret_layout() -> None:
    text = new_secret("www.apple.com")
    raw = bytes.fromhex(text)
    assert text == text.lower() and text.startswith("ee")
    assert raw[17:] == b"www.apple.com"
    assert all(raw[1:17])  # 16 random non-zero key bytes


def test_new_secrets_differ() -> None:
    assert len({new_secret("www.apple.com") for _ in range(50)}) == 50


def test_generate_normalises_idn_domain() -> None:
    made = generate_secret("Пример.РФ")
    assert made.domain == "xn--e1afmkfd.xn--p1ai"
    assert secret_domain(made.hex()) == "xn--e1afmkfd.xn--p1ai"


@settings(max_examples=200, deadline=None)
@given(key=keys, domain=domains)
def test_hex_and_base64_round_trip(key: bytes, domain: str) -> None:
    secret = FakeTLSSecret(key=key, domain=domain)
    assert parse_secret(secret.hex()) == secret
    assert parse_secret(secret.hex().upper()) == secret
    assert parse_secret(secret.base64()) == secret
    assert "=" not in secret.base64() and "+" not in secret.base64() and "/" not in secret.base64()
    assert normalize_secret(secret.base64()) == secret.hex()


@settings(max_examples=50, deadline=None)
@given(domain=domains)
def test_generated_secrets_parse_back(domain: str) -> None:
    made = generate_secret(domain)
    assert parse_secret(made.hex()).domain == domain
    assert parse_secret(made.base64()) == made


def test_known_vector() -> None:
    text = "ee1f2e3d4c5b6a798807162534435261707777772e6170706c652e636f6d"
    parsed = parse_secret(text)
    assert parsed.key == bytes.fromhex("1f2e3d4c5b6a79880716253443526170")
    assert parsed.domain == "www.apple.com"
    assert parsed.base64() == base64.urlsafe_b64encode(bytes.fromhex(text)).decode().rstrip("=")


def standard_b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("dd0102030405060708090a0b0c0d0e0f10", "'dd'"),
        ("0102030405060708090a0b0c0d0e0f10", "plain 32-character"),
        ("ee0102030405060708090a0b0c0d0e0f107777772e6170706c652e636f6", "odd number"),
        ("ee0102030405060708090a0b0c0d0e0f10", "too short"),
        ("ee01020304", "too short"),
        (standard_b64(b"\xee" + b"\xfb" * 16 + b"www.apple.com"), "standard base64"),
        ("7gECAwQFBgcICQoLDA0ODxB3d3cuYXBwbGUuY29t==", "standard base64"),
        ("ee01$%", "neither hex nor URL-safe"),
        ("ab" * 20, "must start with 'ee'"),
        ("ee" + "01" * 16 + b"localhost".hex(), "not valid"),
        ("ee" + "01" * 16 + b"WWW.APPLE.COM".hex(), "canonical"),
        ("ee" + "01" * 16 + "ff" * 5, "not plain ASCII"),
        ("7gECAwQFBgcICQoLDA0ODxB3d3cuYXBwbGUuY29tA", "impossible length"),
    ],
)
def test_refusals_say_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(InvalidSecret) as info:
        parse_secret(text)
    assert fragment in str(info.value)


def test_standard_base64_message_explains_conversion() -> None:
    with pytest.raises(InvalidSecret, match="replace '\\+' with '-'"):
        parse_secret(standard_b64(b"\xee" + b"\xfb\xff" * 8 + b"www.apple.com"))


def test_domain_longer_than_182_bytes_is_refused() -> None:
    labels = ["a" * 60, "b" * 60, "c" * 60, "com"]  # 186 bytes
    long_domain = ".".join(labels)
    with pytest.raises(InvalidDomain, match="182"):
        generate_secret(long_domain)
    with pytest.raises(InvalidSecret, match="182"):
        parse_secret("ee" + "01" * 16 + long_domain.encode().hex())
    ok = ".".join(["a" * 60, "b" * 60, "c" * 56, "com"])  # 182 bytes exactly
    assert len(ok) == 182
    assert parse_secret(generate_secret(ok).hex()).domain == ok
