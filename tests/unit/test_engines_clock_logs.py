"""Offset logic of the clock check, and the log line parsing/merging (pure parts of status and logs)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mtpm_desktop.remote.checks.clock import ClockReadError, offset_from, parse_remote_time
from mtpm_desktop.remote.proxies.logs import merge, parse_lines, parse_timestamp

pytestmark = pytest.mark.unit


def test_server_ten_seconds_ahead_warns() -> None:
    off = offset_from(1000.0, 1010.1, 1000.2)
    assert off.offset_s == pytest.approx(10.0)
    assert off.uncertainty_s == pytest.approx(0.1)
    assert off.warning is not None and "10.0 s ahead" in off.warning


def test_server_behind_warns_and_small_offsets_do_not() -> None:
    behind = offset_from(1000.0, 990.0, 1000.0)
    assert behind.warning is not None and "behind" in behind.warning
    assert offset_from(1000.0, 1000.9, 1000.0).warning is None
    assert offset_from(1000.0, 999.2, 1000.0).warning is None


def test_remote_time_parsing() -> None:
    assert parse_remote_time("1700000000.250000000\n") == pytest.approx(1700000000.25)
    assert parse_remote_time("1700000000.%N") == 1700000000.0  # busybox date
    with pytest.raises(ClockReadError):
        parse_remote_time("date: not found")


def test_docker_timestamps_keep_microseconds() -> None:
    stamp = parse_timestamp("2026-11-25T20:01:02.123456789Z")
    assert stamp == datetime(2026, 11, 25, 20, 1, 2, 123456, tzinfo=UTC)
    assert parse_timestamp("garbage") is None


def test_merge_orders_by_time_and_tails_across_containers() -> None:
    a = parse_lines("mtg-proxy-1", b"2026-01-01T00:00:01.000Z one\n2026-01-01T00:00:03.000Z three\n")
    b = parse_lines("mtg-proxy-2", "2026-01-01T00:00:02.000Z two\ncontinued\n")
    merged = merge([a, b])
    assert [ln.format() for ln in merged] == [
        "[mtg-proxy-1] one",
        "[mtg-proxy-2] two",
        "[mtg-proxy-2] continued",
        "[mtg-proxy-1] three",
    ]
    assert [ln.text for ln in merge([a, b], tail=2)] == ["continued", "three"]
    assert merge([a, b], tail=0) == []
    # Any number of containers: 60 containers x 1 line, tail 55 gives 55 lines (the old panel gave none).
    many = [parse_lines(f"mtg-proxy-{i}", f"2026-01-01T00:01:{i:02d}.000Z line{i}\n") for i in range(60)]
    assert len(merge(many, tail=55)) == 55


def test_lines_are_tagged_with_the_users_name() -> None:
    lines = parse_lines("mtg-proxy-2450", "2026-01-01T00:00:01.000Z hello\n", user="anna")
    assert [ln.format() for ln in lines] == ["[anna] hello"]
    assert lines[0].container == "mtg-proxy-2450" and lines[0].user == "anna"
