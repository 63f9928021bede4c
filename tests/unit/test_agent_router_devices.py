"""Port-443 mode's devices: nginx's log and socket table read into sessions, and the limit written for nginx.

The integration test (tests/integration/test_agent_devices.py) runs all of it against a real nginx; these pin
down what a real one rarely shows: a reload's reused connection numbers, a restart, a lost reload."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pytest
from mtpm_desktop.remote_agent import router_sessions
from mtpm_desktop.remote_agent.devlimit import PortRule
from mtpm_desktop.remote_agent.dockerapi import DockerApiError, Router
from mtpm_desktop.remote_agent.router_devlimit import BACKEND_VAR, UNKNOWN_VAR, RouterDeviceLimit, render
from mtpm_desktop.remote_agent.router_sessions import RouterSessions, demux, parse_timestamp

pytestmark = pytest.mark.unit

STARTED = "2026-12-03T10:00:00.5Z"


def _frames(*lines: tuple[int, str]) -> bytes:
    """Docker's multiplexed stream: (1 = stdout, 2 = stderr, line)."""
    out = b""
    for kind, line in lines:
        data = (line + "\n").encode()
        out += bytes([kind, 0, 0, 0]) + len(data).to_bytes(4, "big") + data
    return out


@dataclass
class FakeDocker:
    log: list[tuple[str, int, str]] = field(default_factory=list)  # (timestamp, stream, text)
    started: str = STARTED
    container: str = "c1"
    running: bool = True
    signals: list[str] = field(default_factory=list)
    fail_signal: bool = False
    sinces: list[str] = field(default_factory=list)

    def find_router(self, instance_id: str) -> Router | None:
        return Router(self.container, self.running)

    def inspect_state(self, cid: str) -> dict[str, object]:
        return {"Pid": 4242, "StartedAt": self.started}

    def logs(self, cid: str, since: str) -> bytes:
        self.sinces.append(since)
        sec, nanos = (int(x) for x in since.split("."))
        lines = [(k, f"{t} {x}") for t, k, x in self.log if (parse_timestamp(t) or (0, 0)) >= (sec, nanos)]
        return _frames(*lines)

    def signal(self, cid: str, name: str) -> None:
        if self.fail_signal:
            raise DockerApiError("engine gone")
        self.signals.append(name)


def _client(n: int, ip: str, cport: int, pid: int = 7) -> str:
    return f"2026/12/03 10:00:01 [info] {pid}#{pid}: *{n} client {ip}:{cport} connected to 0.0.0.0:443"


def _proxy(n: int, port: int, pid: int = 7) -> str:
    head = f"2026/12/03 10:00:01 [info] {pid}#{pid}: *{n}"
    return f"{head} proxy 172.20.0.9:5{n:04d} connected to 172.20.0.3:{port}"


@pytest.fixture
def live(monkeypatch: pytest.MonkeyPatch) -> set[tuple[int, str, int]]:
    sockets: set[tuple[int, str, int]] = set()
    monkeypatch.setattr(router_sessions, "open_sockets", lambda pid: set(sockets))
    return sockets


def test_sessions_pair_clients_with_their_proxy_and_end_with_their_socket(
    tmp_path: Path, live: set[tuple[int, str, int]]
) -> None:
    fake = FakeDocker()
    fake.log = [
        ("2026-12-03T10:00:01.000000001Z", 2, _client(1, "203.0.113.1", 40001)),
        ("2026-12-03T10:00:01.000000002Z", 2, _proxy(1, 3001)),
        ("2026-12-03T10:00:01.1Z", 2, _client(2, "[2001:db8::7]", 40002)),
        ("2026-12-03T10:00:01.2Z", 2, _proxy(2, 3001)),
        ("2026-12-03T10:00:01.3Z", 2, _client(3, "203.0.113.3", 40003)),  # preread still under way
        ("2026-12-03T10:00:01.4Z", 1, "mtpm-refused 3002 203.0.113.9"),
    ]
    live |= {(443, "203.0.113.1", 40001), (443, "2001:db8::7", 40002), (443, "203.0.113.3", 40003)}
    sessions = RouterSessions(str(tmp_path), fake)  # type: ignore[arg-type]
    seen = sessions.read("i", {3001, 3002})
    assert seen.connections.by_port == {3001: {"203.0.113.1": 1, "2001:db8::7": 1}}
    assert seen.refused == {3002: 1}
    assert (tmp_path / "router-sessions.json").stat().st_mode & 0o777 == 0o600  # client IPs

    # The next poll (a new agent process: only the file remembers) reads on from its cursor: the pending
    # client meets its proxy, a closed socket ends its session, and nothing is counted twice.
    fake.log.append(("2026-12-03T10:00:02Z", 2, _proxy(3, 3002)))
    live.discard((443, "203.0.113.1", 40001))
    seen = RouterSessions(str(tmp_path), fake).read("i", {3001, 3002})  # type: ignore[arg-type]
    assert fake.sinces[-1] == f"{parse_timestamp('2026-12-03T10:00:01.4Z')[0]}.400000000"  # type: ignore[index]
    assert seen.connections.by_port == {3001: {"2001:db8::7": 1}, 3002: {"203.0.113.3": 1}}
    assert seen.refused == {3002: 1}


def test_a_reload_reuses_connection_numbers_in_new_workers(
    tmp_path: Path, live: set[tuple[int, str, int]]
) -> None:
    fake = FakeDocker()
    fake.log = [
        ("2026-12-03T10:00:01.1Z", 2, _client(1, "203.0.113.1", 40001, pid=7)),
        ("2026-12-03T10:00:01.2Z", 2, _client(1, "203.0.113.2", 40002, pid=9)),  # a new worker's *1
        ("2026-12-03T10:00:01.3Z", 2, _proxy(1, 3002, pid=9)),
        ("2026-12-03T10:00:01.4Z", 2, _proxy(1, 3001, pid=7)),
    ]
    live |= {(443, "203.0.113.1", 40001), (443, "203.0.113.2", 40002)}
    seen = RouterSessions(str(tmp_path), fake).read("i", {3001, 3002})  # type: ignore[arg-type]
    assert seen.connections.by_port == {3001: {"203.0.113.1": 1}, 3002: {"203.0.113.2": 1}}


def test_a_restarted_router_starts_over_but_keeps_the_refusals(
    tmp_path: Path, live: set[tuple[int, str, int]]
) -> None:
    fake = FakeDocker()
    fake.log = [
        ("2026-12-03T10:00:01.1Z", 2, _client(1, "203.0.113.1", 40001)),
        ("2026-12-03T10:00:01.2Z", 2, _proxy(1, 3001)),
        ("2026-12-03T10:00:01.3Z", 1, "mtpm-refused 3001 203.0.113.9"),
    ]
    live.add((443, "203.0.113.1", 40001))
    RouterSessions(str(tmp_path), fake).read("i", {3001})  # type: ignore[arg-type]
    # Restarted within the same second as its last line: the log keeps the old run's lines, read once.
    fake.started = "2026-12-03T10:00:01.9Z"
    live.clear()
    seen = RouterSessions(str(tmp_path), fake).read("i", {3001})  # type: ignore[arg-type]
    assert seen.connections.by_port == {} and seen.refused == {3001: 1}
    fake.running = False
    assert RouterSessions(str(tmp_path), fake).read("i", {3001}).refused == {3001: 1}  # type: ignore[arg-type]


def test_demux_keeps_lines_split_across_frames() -> None:
    raw = bytes([2, 0, 0, 0, 0, 0, 0, 4]) + b"ab\ncd"[:4] + bytes([2, 0, 0, 0, 0, 0, 0, 2]) + b"d\n"
    assert demux(raw) == ["ab", "cd"]


def test_the_rules_render_only_ports_and_parsed_addresses() -> None:
    text = render([PortRule(3001, ("203.0.113.2", "2001:0db8:0:0::1")), PortRule(2999, ("198.51.100.1",))])
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert body == [
        f'"2999 198.51.100.1" {BACKEND_VAR};',
        f'"~^2999 " {UNKNOWN_VAR};',
        f'"3001 2001:db8::1" {BACKEND_VAR};',
        f'"3001 203.0.113.2" {BACKEND_VAR};',
        f'"~^3001 " {UNKNOWN_VAR};',
    ]
    hostile = render([PortRule(3001, ('1.2.3.4"; include /etc/passwd; #',))])
    assert "passwd" not in hostile and hostile.splitlines()[1:] == [f'"~^3001 " {UNKNOWN_VAR};']


def test_the_template_defines_what_the_agent_writes_and_reads() -> None:
    template = resources.files("mtpm_desktop.nginx_templates").joinpath("nginx.conf.j2").read_text()
    assert re.search(r"map \S+ \$mtpm_backend \{", template) and 'map "" $mtpm_unknown {' in template
    assert 'map "$mtpm_user $remote_addr" $mtpm_pass {' in template
    assert 'log_format mtpm_refused "mtpm-refused $mtpm_user $remote_addr";' in template
    assert router_sessions._REFUSED.match("mtpm-refused 3001 203.0.113.9")


def test_the_limit_file_changes_only_with_the_rules_and_a_lost_reload_is_sent_again(tmp_path: Path) -> None:
    fake = FakeDocker()
    limit = RouterDeviceLimit(str(tmp_path), fake)  # type: ignore[arg-type]
    assert not limit.apply("i", []).changed and fake.signals == []  # nothing limited: no file, no reload
    rules = [PortRule(3001, ("203.0.113.1", "203.0.113.2"))]
    assert limit.apply("i", rules).changed and fake.signals == ["HUP"]
    path = tmp_path / "nginx" / "devlimit" / "limits.conf"
    assert path.stat().st_mode & 0o777 == 0o600
    assert not limit.apply("i", rules).changed and fake.signals == ["HUP"]
    fake.fail_signal = True
    assert limit.apply("i", []).errors and not path.exists()
    fake.fail_signal = False
    assert not limit.apply("i", []).errors and fake.signals == ["HUP", "HUP"]  # owed from the failure
    assert not limit.apply("i", []).changed and fake.signals == ["HUP", "HUP"]
