"""The agent's devices: connection tables parsed, limits resolved, places kept and freed, refusals counted."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import ClassVar

import pytest
from mtpm_desktop.remote_agent import conntrack, devlimit, presence, report
from mtpm_desktop.remote_agent.devlimit import ApplyResult, PortRule, chain_name, parse_counters, render
from mtpm_desktop.remote_agent.poller import Agent
from mtpm_desktop.remote_agent.presence import Presence, device_limits

from mtpm_desktop.core.limits import effective_limits
from mtpm_desktop.core.state import load_state, state_to_dict
from mtpm_desktop.remote import agent_client

PORT = 2443
# A client DNAT'd to the container; docker-proxy's own leg to the container (not DNAT'd); another port;
# a connection being closed; the same DNAT'd client as `conntrack -L` prints it (no family columns).
CONNTRACK = f"""\
ipv4     2 tcp      6 431999 ESTABLISHED src=203.0.113.5 dst=198.51.100.1 sport=50000 dport={PORT} \
src=172.18.0.2 dst=203.0.113.5 sport=3128 dport=50000 [ASSURED] mark=0 zone=0 use=2
ipv4     2 tcp      6 431999 ESTABLISHED src=172.18.0.1 dst=172.18.0.2 sport=41000 dport={PORT} \
src=172.18.0.2 dst=172.18.0.1 sport={PORT} dport=41000 [ASSURED] mark=0 zone=0 use=2
ipv4     2 tcp      6 431999 ESTABLISHED src=203.0.113.6 dst=198.51.100.1 sport=50001 dport=2444 \
src=172.18.0.3 dst=203.0.113.6 sport=3128 dport=50001 [ASSURED] mark=0 zone=0 use=2
ipv4     2 tcp      6 100 TIME_WAIT src=203.0.113.7 dst=198.51.100.1 sport=50002 dport={PORT} \
src=172.18.0.2 dst=203.0.113.7 sport=3128 dport=50002 [ASSURED] mark=0 zone=0 use=2
ipv4     2 udp      17 20 src=203.0.113.8 dst=198.51.100.1 sport=5000 dport={PORT} \
src=172.18.0.2 dst=203.0.113.8 sport={PORT} dport=5000 mark=0 zone=0 use=2
tcp      6 431999 ESTABLISHED src=203.0.113.5 dst=198.51.100.1 sport=50003 dport={PORT} \
src=172.18.0.2 dst=203.0.113.5 sport=3128 dport=50003 [ASSURED] mark=0 zone=0 use=1
"""
# 127.0.0.1:2443 <- 127.0.0.2 established (docker-proxy's accepted socket), a listener, and the proxy's
# own outgoing leg (local port ephemeral, remote 2443): only the first is a client.
TCP4 = f"""\
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:{PORT:04X} 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1
   1: 0100007F:{PORT:04X} 0200007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 2
   2: 010012AC:A028 020012AC:{PORT:04X} 01 00000000:00000000 00:00000000 00000000     0        0 3
"""
# [::ffff:127.0.0.1]:2443 <- [::ffff:127.0.0.3] and [::1]:2443 <- [2001:db8::9]
TCP6 = f"""\
  sl  local_address                         remote_address                        st
   0: 0000000000000000FFFF00000100007F:{PORT:04X} 0000000000000000FFFF00000300007F:C351 01
   1: 00000000000000000000000001000000:{PORT:04X} B80D0120000000000000000009000000:C352 01
"""


def test_conntrack_counts_only_established_dnat_clients_of_the_users_ports() -> None:
    out = conntrack.Connections()
    conntrack.parse_conntrack(CONNTRACK.encode(), {PORT}, out)
    assert out.by_port == {PORT: {"203.0.113.5": 2}}


def test_socket_tables_give_the_userland_proxys_clients() -> None:
    out = conntrack.Connections()
    conntrack.parse_tcp_table(TCP4, {PORT}, out)
    conntrack.parse_tcp_table(TCP6, {PORT}, out)
    assert out.by_port == {PORT: {"127.0.0.2": 1, "127.0.0.3": 1, "2001:db8::9": 1}}


def test_no_connection_table_is_an_error_that_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conntrack, "CONNTRACK_PROC", "/nonexistent/nf_conntrack")
    monkeypatch.setattr(conntrack, "_conntrack_tool", lambda: None)
    monkeypatch.setattr(conntrack, "TCP_TABLES", ())
    out = conntrack.read_connections({PORT})
    assert out.by_port == {} and "conntrack" in out.errors[0]


def test_device_limits_user_value_wins_unset_inherits_zero_is_unlimited() -> None:
    state = {
        "max_devices": 3,
        "users": [
            {"id": "a"},
            {"id": "b", "max_devices": 0},
            {"id": "c", "max_devices": 5},
            {"id": "d", "max_devices": -1},
            {"id": "e", "max_devices": 1.5},
        ],
    }
    limits, errors = device_limits(state)
    assert limits == {"a": 3, "b": 0, "c": 5, "d": 3, "e": 3}
    assert [e.split(":")[0] for e in errors] == ["user d", "user e"]


def test_the_core_resolves_device_limits_like_the_agent() -> None:
    def user(uid: str, port: int, key: str, **extra: int) -> dict[str, object]:
        return {
            "id": uid,
            "name": uid,
            "port": port,
            "secret": "ee" + key * 16 + b"example.com".hex(),
            **extra,
        }

    text = json.dumps(
        {
            "schema_version": 1,
            "instance_id": "i",
            "max_devices": 4,
            "users": [
                user("a", 2443, "11"),
                user("b", 2444, "22", max_devices=0),
                user("c", 2445, "33", max_devices=2),
            ],
        }
    )
    loaded = load_state(text)
    assert not loaded.problems
    agent, _ = device_limits(state_to_dict(loaded.state))
    core = {u.id: effective_limits(loaded.state, u).max_devices for u in loaded.state.users}
    assert core == agent == {"a": 4, "b": 0, "c": 2}


def test_rules_admit_each_family_and_keep_the_refusal_counter() -> None:
    rules = [PortRule(PORT, ("203.0.113.5", "2001:db8::9"))]
    v4 = render("MTPMD-x", "v4", rules, {PORT: 7})
    assert "-A MTPMD-x -s 203.0.113.5 -p tcp --dport 2443 -j RETURN" in v4  # nat: DNAT'd as usual
    assert "-A MTPMD-x -p tcp --dport 2443 -j ACCEPT" in v4  # nat: anyone else is not DNAT'd
    assert any(line.startswith("[7:0] -A MTPMD-x") and "REJECT" in line for line in v4)
    assert not any("2001:db8::9" in line for line in v4)
    v6 = render("MTPMD-x", "v6", rules, {})
    assert v6[0] == "*filter" and any("-s 2001:db8::9" in line for line in v6)
    assert chain_name("inst") == chain_name("inst") != chain_name("other")
    assert len(chain_name("inst")) <= 28  # iptables' limit on chain names


def test_refusal_counters_are_read_per_port() -> None:
    listing = """Chain MTPMD-x (2 references)
    pkts      bytes target     prot opt in     out     source               destination
       4      240 RETURN     6    --  *      *       203.0.113.5          0.0.0.0/0   ctstate NEW ctorigdstport 2443
       3      180 REJECT     6    --  *      *       0.0.0.0/0            0.0.0.0/0   ctstate NEW ctorigdstport 2443 /* mtpm-device-limit */ reject-with tcp-reset
       0        0 REJECT     6    --  *      *       0.0.0.0/0            0.0.0.0/0   ctstate NEW ctorigdstport 2444 /* mtpm-device-limit */ reject-with tcp-reset
"""  # noqa: E501
    assert parse_counters(listing) == {2443: 3, 2444: 0}


class FakeFirewall:
    """Records the rules the tracker asks for; reports the refusal counters the test sets."""

    calls: ClassVar[list[list[PortRule]]] = []
    counters: ClassVar[dict[int, int]] = {}

    def __init__(self, data_dir: str, instance_id: str) -> None:
        self.instance_id = instance_id

    def apply(self, rules: list[PortRule]) -> ApplyResult:
        FakeFirewall.calls.append(rules)
        return ApplyResult(refused=dict(FakeFirewall.counters), read=True)


@pytest.fixture
def tracker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Presence:
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    FakeFirewall.calls, FakeFirewall.counters = [], {}
    monkeypatch.setattr(presence, "DeviceFirewall", FakeFirewall)
    return Presence(db, str(tmp_path))


def _connected(monkeypatch: pytest.MonkeyPatch, ips: dict[str, int]) -> None:
    table = conntrack.Connections(by_port={PORT: dict(ips)} if ips else {})
    monkeypatch.setattr(presence, "read_connections", lambda ports: table)


T0 = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
STATE = {"instance_id": "i", "users": [{"id": "u", "max_devices": 2}, {"id": "v"}]}


def test_places_are_taken_by_connections_and_freed_after_the_window(
    tracker: Presence, monkeypatch: pytest.MonkeyPatch
) -> None:
    ports = {"u": PORT}
    _connected(monkeypatch, {"203.0.113.1": 1})
    seen = tracker.poll(STATE, ports, {}, T0)
    assert (seen.connections, seen.devices_now) == ({"u": 1}, {"u": 1})
    assert FakeFirewall.calls[-1] == []  # one place left: nobody is refused
    _connected(monkeypatch, {"203.0.113.1": 2, "203.0.113.2": 1})
    tracker.poll(STATE, ports, {}, T0 + dt.timedelta(seconds=10))
    assert FakeFirewall.calls[-1] == [PortRule(PORT, ("203.0.113.1", "203.0.113.2"))]
    _connected(monkeypatch, {})
    tracker.poll(STATE, ports, {}, T0 + dt.timedelta(minutes=9))
    assert FakeFirewall.calls[-1] != []  # closed, but within 10 minutes: the places stay taken
    tracker.poll(STATE, ports, {}, T0 + dt.timedelta(minutes=11))
    assert FakeFirewall.calls[-1] == []
    summary = tracker.summary(STATE, T0 + dt.timedelta(minutes=11))["u"]
    assert summary["devices_now"] == 0 and summary["devices_24h"] == 2 and summary["online"] is False
    assert summary["max_devices"] == 2
    assert summary["last_seen"] == (T0 + dt.timedelta(seconds=10)).timestamp()
    assert tracker.summary(STATE, T0 + dt.timedelta(days=2))["u"]["devices_30d"] == 2
    assert tracker.summary(STATE, T0 + dt.timedelta(days=2))["u"]["devices_24h"] == 0


def test_window_is_a_setting(tracker: Presence, monkeypatch: pytest.MonkeyPatch) -> None:
    state = {**STATE, "device_window_seconds": 30}
    _connected(monkeypatch, {"203.0.113.1": 1, "203.0.113.2": 1})
    tracker.poll(state, {"u": PORT}, {}, T0)
    _connected(monkeypatch, {})
    tracker.poll(state, {"u": PORT}, {}, T0 + dt.timedelta(seconds=31))
    assert FakeFirewall.calls[-1] == []


def test_refusals_add_up_across_polls_and_counter_resets(
    tracker: Presence, monkeypatch: pytest.MonkeyPatch
) -> None:
    _connected(monkeypatch, {})
    for counter, step in ((2, 2), (5, 3), (5, 0), (1, 1)):  # the last: the rule was rebuilt from 0
        FakeFirewall.counters = {PORT: counter}
        seen = tracker.poll(STATE, {"u": PORT}, {}, T0)
        assert seen.refused.get("u", 0) == step
    assert tracker.summary(STATE, T0)["u"]["refused_connections"] == 6


def test_last_seen_follows_traffic_but_not_netns_noise(
    tracker: Presence, monkeypatch: pytest.MonkeyPatch
) -> None:
    _connected(monkeypatch, {})
    tracker.poll(STATE, {"v": 2444}, {"v": 200}, T0, netdev_users=frozenset({"v"}))
    assert tracker.summary(STATE, T0)["v"]["last_seen"] is None
    tracker.poll(STATE, {"v": 2444}, {"v": 200}, T0)  # engine metrics: every byte is the user's
    assert tracker.summary(STATE, T0)["v"]["last_seen"] == T0.timestamp()


def test_device_list_and_deleted_users_rows(tracker: Presence, monkeypatch: pytest.MonkeyPatch) -> None:
    _connected(monkeypatch, {"203.0.113.1": 2})
    tracker.poll(STATE, {"u": PORT}, {}, T0)
    assert tracker.devices("u") == [{"ip": "203.0.113.1", "last_seen": T0.timestamp(), "connections": 2}]
    _connected(monkeypatch, {})
    tracker.poll({"instance_id": "i", "users": [{"id": "v"}]}, {}, {}, T0 + dt.timedelta(hours=2))
    assert tracker.devices("u") == []


def test_status_reports_counts_and_the_device_list_only_on_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "config.json").write_text(
        json.dumps({**STATE, "users": [{"id": "u", "name": "anna", "port": PORT, "max_devices": 2}]})
    )
    monkeypatch.setattr(presence, "DeviceFirewall", FakeFirewall)
    FakeFirewall.counters = {PORT: 4}
    _connected(monkeypatch, {"203.0.113.1": 2, "2001:db8::9": 1})
    agent = Agent(str(tmp_path), docker_socket="/nonexistent")
    try:
        state = json.loads((tmp_path / "config.json").read_text())
        agent.presence.poll(state, {"u": PORT}, {"u": 5000}, T0)
        doc = json.loads(json.dumps(report.status(agent, T0)))
        assert "203.0.113.1" not in json.dumps(doc)  # counts only
        u = agent_client.parse_status(doc).user("u")
        assert u is not None
        assert (u.online, u.connections, u.devices_now, u.devices_24h, u.devices_30d) == (True, 3, 2, 2, 2)
        assert (u.max_devices, u.refused_connections, u.last_seen) == (2, 4, "2026-12-01T12:00:00Z")
        listing = report.devices(agent, "u")["devices"]
        assert [(d["ip"], d["connected"], d["last_seen"]) for d in listing] == [
            ("2001:db8::9", True, "2026-12-01T12:00:00Z"),
            ("203.0.113.1", True, "2026-12-01T12:00:00Z"),
        ]
        with pytest.raises(ValueError, match="no user"):
            report.devices(agent, "nobody")
        for name in ("history.sqlite3", "history.sqlite3-wal"):
            assert (tmp_path / "data" / name).stat().st_mode & 0o077 == 0
    finally:
        agent.close()


def test_firewall_writes_once_lists_every_5_minutes_keeps_its_jumps_first_then_removes_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fw = devlimit.DeviceFirewall(str(tmp_path), "inst")
    ran: list[list[str]] = []
    exists: set[str] = set()
    builtins: dict[tuple[str, str, str], list[str]] = {}  # (tool, table, chain) -> its rules, as -S prints

    def run(argv: list[str], stdin: str | None = None, check: bool = True) -> str | None:
        ran.append(argv)
        tool, table = argv[0], argv[argv.index("-t") + 1] if "-t" in argv else "filter"
        if "-L" in argv:
            listing = f"       3 180 REJECT 6 -- * * 0.0.0.0/0 0.0.0.0/0 ctorigdstport {PORT}\n"
            return listing if tool in exists else None
        if tool.endswith("-restore"):
            exists.add(tool.removesuffix("-restore"))
        for op in ("-S", "-I", "-D"):
            if op in argv and argv[argv.index(op) + 1] != fw.chain:
                i = argv.index(op)
                chain, spec = argv[i + 1], " ".join(argv[i + 3 if op == "-I" else i + 2 :])
                rules = builtins.setdefault((tool, table, chain), [])
                line = f"-A {chain} {spec}"
                if op == "-S":
                    return "\n".join([f"-P {chain} ACCEPT", *rules])
                if op == "-I":
                    rules.insert(0, line)
                elif line in rules:
                    rules.remove(line)
                else:
                    return None
        if "-X" in argv:
            exists.discard(tool)
        return ""

    clock = [1000.0]
    monkeypatch.setattr(fw, "_run", run)
    monkeypatch.setattr(devlimit.time, "monotonic", lambda: clock[0])
    rules = [PortRule(PORT, ("203.0.113.1",))]
    first = fw.apply(rules)
    assert first.read and first.changed and first.refused == {}
    assert [a[0] for a in ran if a[0].endswith("-restore")] == ["iptables-restore", "ip6tables-restore"]
    jump = f"-A PREROUTING -p tcp -m addrtype --dst-type LOCAL -j {fw.chain}"
    assert builtins["iptables", "nat", "PREROUTING"] == [jump]
    assert builtins["ip6tables", "filter", "INPUT"] == [f"-A INPUT -p tcp -j {fw.chain}"]
    ran.clear()
    clock[0] += 10
    assert not fw.apply(rules).read and ran == []  # the next poll: nothing to run
    clock[0] += devlimit.LIST_EVERY_S
    listed = fw.apply(rules)
    assert listed.read and listed.refused == {PORT: 6} and not listed.changed  # both families' counters
    assert not any(a[0].endswith("-restore") for a in ran)
    # Docker put its DNAT jump above ours (or a reload dropped ours): the next listing puts ours first.
    builtins["iptables", "nat", "PREROUTING"].insert(
        0, "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER"
    )
    clock[0] += devlimit.LIST_EVERY_S
    assert fw.apply(rules).changed
    assert builtins["iptables", "nat", "PREROUTING"][0] == jump
    assert builtins["iptables", "nat", "PREROUTING"].count(jump) == 1
    ran.clear()
    gone = fw.apply([])
    assert gone.changed and exists == set() and any("-X" in a for a in ran)
    assert all(not rules or rules == ["-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER"]
               for rules in builtins.values())  # fmt: skip
    ran.clear()
    assert fw.apply([]).read and ran == []  # nothing limited and nothing of ours: no command at all


def test_the_gui_rows_get_the_counts_and_the_cache_keeps_no_ip(tmp_path: Path) -> None:
    from mtpm_desktop.ui.service_backend import ServiceBackend
    from mtpm_desktop.ui.snapshot import ServerSnapshot, SnapshotCache

    view = agent_client.QuotaPeriodView("lifetime", None, None, None)
    t = agent_client.UserTraffic(
        id="u", name="anna", port=PORT, up_bytes=1, down_bytes=2, lifetime_up_bytes=1, lifetime_down_bytes=2,
        limit_bytes=None, throttle_mbps=1, over_limit=False, throttled=False, expired=False, expires_at=None,
        period=view, online=True, connections=3, last_seen="2026-12-01T12:00:00Z", devices_now=2,
        devices_24h=4, devices_30d=9, max_devices=3, refused_connections=5,
    )  # fmt: skip

    class View:
        id, name, port, domain, enabled, state = "u", "anna", PORT, "example.com", True, "running"
        expires_at = created_at = tg_link = tme_link = None
        unlimited, traffic_limit_gb, throttle_speed_mbps, max_devices = False, 0, 0, None

    row = ServiceBackend._row(View(), t)
    assert (row.online, row.connections, row.last_seen) == (True, 3, "2026-12-01T12:00:00Z")
    assert (row.devices_now, row.devices_24h, row.devices_30d, row.max_devices) == (2, 4, 9, 3)
    assert (row.refused_connections, row.max_devices_own) == (5, None)
    cache = SnapshotCache(tmp_path / "snaps")
    cache.save(ServerSnapshot(server="vps1", users=[row]))
    loaded = cache.load("vps1")
    assert loaded is not None and loaded.users[0] == row


def test_a_devices_failure_is_reported_and_does_not_stop_the_poll(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mtpm_desktop.remote_agent.poller import PollReport

    agent = Agent(str(tmp_path), docker_socket="/nonexistent")
    try:

        def full(*args: object, **kwargs: object) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(agent.presence, "poll", full)
        rep = PollReport(at="", containers=0, counted=0)
        agent._track_devices({"instance_id": "i"}, [], T0, rep)  # returns: the poll goes on to enforce
        assert rep.errors == ["devices: database or disk is full"]
    finally:
        agent.close()
