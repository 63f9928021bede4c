"""Reading counters: mtg's Prometheus text and a network namespace's /proc/PID/net/dev."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mtpm_desktop.remote_agent.counters import CounterError, parse_prometheus, read_netdev

pytestmark = pytest.mark.unit

MTG_TEXT = """\
# HELP mtg_client_connections Count of client connections.
# TYPE mtg_client_connections gauge
mtg_client_connections{ip_family="ipv4"} 3
mtg_client_connections{ip_family="ipv6"} 1
# TYPE mtg_telegram_traffic counter
mtg_telegram_traffic{dc="2",direction="to_client",telegram_ip="149.154.167.51"} 1.048576e+06
mtg_telegram_traffic{dc="2",direction="from_client",telegram_ip="149.154.167.51"} 2000
mtg_telegram_traffic{dc="4",direction="to_client",telegram_ip="149.154.167.91"} 500
mtg_domain_fronting_traffic{direction="to_client"} 99999
mtg_telegram_connections{dc="2",telegram_ip="149.154.167.51"} 2
"""


def test_mtg_traffic_is_summed_by_direction_over_dcs() -> None:
    s = parse_prometheus(MTG_TEXT)
    assert (s.rx, s.tx, s.connections) == (2000, 1_048_576 + 500, 4)


def test_total_suffix_and_label_order_and_escapes() -> None:
    text = (
        'mtg_telegram_traffic_total{telegram_ip="1.2.3.4",direction="from_client",note="a \\"q\\" b"} 10\n'
        'mtg_telegram_traffic_total{direction="to_client"} 20 1712345678000\n'
    )
    s = parse_prometheus(text)
    assert (s.rx, s.tx, s.connections) == (10, 20, None)


def test_no_traffic_yet_reads_zero() -> None:
    s = parse_prometheus("# HELP mtg_client_connections x\nmtg_client_connections 0\n")
    assert (s.rx, s.tx, s.connections) == (0, 0, 0)


def test_netdev_of_a_namespace_matches_the_kernels_interface_statistics() -> None:
    stats = Path("/sys/class/net/lo/statistics")
    before_rx = int((stats / "rx_bytes").read_text())
    s = read_netdev(os.getpid(), "lo")
    after_rx = int((stats / "rx_bytes").read_text())
    assert before_rx <= s.rx <= after_rx


def test_netdev_errors_name_the_problem() -> None:
    with pytest.raises(CounterError, match="no nosuch0"):
        read_netdev(os.getpid(), "nosuch0")
    with pytest.raises(CounterError, match="cannot read"):
        read_netdev(2**22 + 12345, "eth0")
