"""Every validation error, with a message a user can act on."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtpm_desktop.core.errors import (
    InvalidDomain,
    InvalidExpiry,
    InvalidLimit,
    InvalidName,
    InvalidPort,
    MtpmError,
    PortInUse,
    ValidationError,
)
from mtpm_desktop.core.ports import METRICS_PORT, lowest_free_port
from mtpm_desktop.core.state import new_state
from mtpm_desktop.core.user_ports import allocate_port, check_port
from mtpm_desktop.core.users import add_user, remove_user
from mtpm_desktop.core.validation import (
    format_instant,
    parse_instant,
    validate_domain,
    validate_limit_gb,
    validate_name,
    validate_port_number,
    validate_speed_mbps,
)

pytestmark = pytest.mark.unit


def test_errors_carry_message() -> None:
    err = InvalidName("fix it")
    assert isinstance(err, ValidationError) and isinstance(err, MtpmError)
    assert str(err) == err.message == "fix it"


# -------------------------------------------------------------------------------------------------- names


def test_name_is_stripped() -> None:
    assert validate_name("  Анна  ") == "Анна"
    assert validate_name("📱 Phone") == "📱 Phone"


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("x" * 65, "at most 64"),
        ("bad\x07bell", "U+0007"),
        ("line\nbreak", "U+000A"),
        ("tab\there", "U+0009"),
        ("sep\u2028x", "U+2028"),
        (None, "must be text"),
        (42, "must be text"),
    ],
)
def test_bad_names(name: object, fragment: str) -> None:
    with pytest.raises(InvalidName) as info:
        validate_name(name)
    assert fragment in str(info.value)


# ------------------------------------------------------------------------------------------------ domains


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("www.Apple.COM", "www.apple.com"),
        ("vk.com.", "vk.com"),
        (" ya.ru ", "ya.ru"),
        ("пример.рф", "xn--e1afmkfd.xn--p1ai"),
        ("münchen.de", "xn--mnchen-3ya.de"),
        ("a-b.example.org", "a-b.example.org"),
    ],
)
def test_good_domains(raw: str, expected: str) -> None:
    assert validate_domain(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "empty"),
        ("localhost", "no dot"),
        ("https://www.apple.com", "bare host name"),
        ("www.apple.com:443", "bare host name"),
        ("www.apple.com/path", "bare host name"),
        ("-bad.example.com", "hyphen"),
        ("bad-.example.com", "hyphen"),
        ("under_score.example.com", "hyphen"),
        ("a..b.com", "1-63"),
        ("x" * 64 + ".com", "1-63"),
        ("192.168.1.1", "IP address"),
        (".".join(["a" * 60] * 4), "182"),
        (".".join(["a" * 63] * 5), "253"),
        (None, "must be text"),
    ],
)
def test_bad_domains(raw: object, fragment: str) -> None:
    with pytest.raises(InvalidDomain) as info:
        validate_domain(raw)
    assert fragment in str(info.value)


@given(st.text(max_size=40))
def test_domain_validation_never_crashes(raw: str) -> None:
    try:
        out = validate_domain(raw)
    except InvalidDomain:
        return
    assert out == out.lower() and out.isascii() and validate_domain(out) == out


# -------------------------------------------------------------------------------------------------- ports


@pytest.mark.parametrize(
    ("raw", "expected"), [(2443, 2443), ("2443", 2443), (" 8443 ", 8443), (2443.0, 2443)]
)
def test_port_numbers(raw: object, expected: int) -> None:
    assert validate_port_number(raw) == expected


@pytest.mark.parametrize("raw", [0, -1, 65536, "abc", "12a", "", True, 2443.5, None, "¹²", "99999999"])
def test_bad_port_numbers(raw: object) -> None:
    with pytest.raises(InvalidPort):
        validate_port_number(raw)


@pytest.mark.parametrize("port", [22, 80, 443, 1023, METRICS_PORT, 65536])
def test_reserved_ports_refused(port: int) -> None:
    with pytest.raises(InvalidPort) as info:
        check_port(new_state(), port)
    message = str(info.value)
    assert "choose another port" in message or "use a port between 1024 and 65535" in message


def test_sni_listen_port_is_reserved() -> None:
    state = new_state()
    state.sni_listen_port = 8443
    with pytest.raises(InvalidPort, match="reserved"):
        check_port(state, 8443)


def test_port_in_use_names_the_owner() -> None:
    state, user = add_user(new_state(), "Phone")
    with pytest.raises(PortInUse, match="'Phone'"):
        check_port(state, user.port)
    assert check_port(state, user.port, user_id=user.id) == user.port


def test_allocation_lowest_free_and_stable() -> None:
    state = new_state()
    for name in "abcd":
        state, _ = add_user(state, name)
    assert [u.port for u in state.users] == [2443, 2444, 2445, 2446]
    state = remove_user(state, "b")
    assert [u.port for u in state.users] == [2443, 2445, 2446]  # nobody moved
    assert allocate_port(state) == 2444  # the gap is reused for the next user
    state, _ = add_user(state, "e", port=3128)
    state.proxy_port = 3128
    assert allocate_port(state) == 3130  # 3128 used, 3129 is the metrics port


def test_lowest_free_port_wraps_below_base_and_fails_clearly() -> None:
    assert lowest_free_port(65535, {65535}) == 1024
    with pytest.raises(InvalidPort, match="No free port"):
        lowest_free_port(1024, range(1024, 65536))


@given(
    base=st.integers(1, 65535),
    used=st.sets(st.integers(1024, 65535), max_size=50),
)
def test_lowest_free_port_property(base: int, used: set[int]) -> None:
    port = lowest_free_port(base, used)
    assert port not in used and port not in (80, 443, METRICS_PORT) and 1024 <= port <= 65535
    if port >= max(base, 1024):
        assert all(p in used or p == METRICS_PORT for p in range(max(base, 1024), port))


# ------------------------------------------------------------------------------------------------- limits


@pytest.mark.parametrize(
    ("raw", "expected"), [(0, 0.0), (50, 50.0), ("2.5", 2.5), ("2,5", 2.5), (" 7 ", 7.0)]
)
def test_good_limits(raw: object, expected: float) -> None:
    assert validate_limit_gb(raw) == expected
    assert validate_speed_mbps(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (-1, "negative"),
        ("-0.5", "negative"),
        (math.nan, "finite"),
        ("nan", "finite"),
        (math.inf, "finite"),
        ("ten", "must be a number"),
        ("", "must be a number"),
        (True, "must be a number"),
        (None, "must be a number"),
        ([1], "must be a number"),
    ],
)
def test_bad_limits(raw: object, fragment: str) -> None:
    with pytest.raises(InvalidLimit) as info:
        validate_limit_gb(raw)
    assert fragment in str(info.value) and "traffic limit" in str(info.value)
    with pytest.raises(InvalidLimit, match="throttle speed"):
        validate_speed_mbps(raw)


# ---------------------------------------------------------------------------------------------- instants


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-06-01", datetime(2026, 6, 1, tzinfo=UTC)),
        ("2026-06-01T10:00:00Z", datetime(2026, 6, 1, 10, tzinfo=UTC)),
        ("2026-06-01T13:00:00+03:00", datetime(2026, 6, 1, 10, tzinfo=UTC)),
        ("2026-06-01 10:00", datetime(2026, 6, 1, 10, tzinfo=UTC)),
        (datetime(2026, 6, 1, 13, tzinfo=timezone(timedelta(hours=3))), datetime(2026, 6, 1, 10, tzinfo=UTC)),
    ],
)
def test_instants(raw: object, expected: datetime) -> None:
    parsed = parse_instant(raw)
    assert parsed == expected and parsed.tzinfo == UTC


@pytest.mark.parametrize("raw", ["tomorrow", "", "2026-13-01", 1700000000, None])
def test_bad_instants(raw: object) -> None:
    with pytest.raises(InvalidExpiry, match="YYYY-MM-DD"):
        parse_instant(raw)


def test_format_instant() -> None:
    assert format_instant(datetime(2026, 6, 1, 13, 0, 5, 999, tzinfo=timezone(timedelta(hours=3)))) == (
        "2026-06-01T10:00:05Z"
    )
    assert format_instant(datetime(2026, 6, 1)) == "2026-06-01T00:00:00Z"
