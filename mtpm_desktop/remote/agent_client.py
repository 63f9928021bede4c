"""The server agent from the desktop's side: deploy/upgrade it over SFTP, keep it running, call its CLI.

Layout on the server (docs/design.md): `<root>/agent/mtpm_agent/*.py` and `<root>/agent/VERSION`; data in
`<root>/data/`. The version is the agent's AGENT_VERSION plus a hash of its files, so any change of the
code shipped with this desktop upgrades the server's copy on the next `ensure_agent`.

How it runs: under systemd (`mtpm-agent.service`, Restart=always, enabled at boot) where PID 1 is systemd;
otherwise a respawn loop started with `setsid` (containers, test machines): it restarts the agent 2 s after
any exit, its PID is in `<root>/data/agent-loop.pid`, its output in `<root>/data/agent.log`. Such a loop
does not survive a reboot of a machine without systemd; `ensure_agent` (run on every connect) restarts it.
The agent opens no port: everything goes through `python3 -m mtpm_agent <command> --root <root>` here.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import shlex
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.errors import RemoteFileNotFound
from mtpm_desktop.remote.service_models import Progress
from mtpm_desktop.remote_agent import AGENT_VERSION

PACKAGE = "mtpm_agent"
SERVICE_NAME = "mtpm-agent.service"
UNIT_PATH = f"/etc/systemd/system/{SERVICE_NAME}"
RESPAWN_DELAY_S = 2


class AgentError(MtpmError):
    """The agent could not be installed, started or asked something."""


# -- what ships ------------------------------------------------------------------------------------------
def bundle() -> dict[str, bytes]:
    """The agent's files as deployed (file name -> content): the package's .py files only."""
    pkg = importlib.resources.files("mtpm_desktop.remote_agent")
    return {
        entry.name: entry.read_bytes()
        for entry in sorted(pkg.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".py")
    }


def bundle_version(files: dict[str, bytes] | None = None) -> str:
    digest = hashlib.sha256()
    for name, data in sorted((files or bundle()).items()):
        digest.update(name.encode() + b"\0" + data + b"\0")
    return f"{AGENT_VERSION}+{digest.hexdigest()[:12]}"


# -- results ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AgentInstall:
    version: str
    mode: str  # "systemd" | "respawn-loop"
    upgraded: bool  # files were (re)deployed this time
    started: bool  # the service was (re)started this time


@dataclass(frozen=True)
class QuotaPeriodView:
    kind: str  # "lifetime" | "monthly"
    day: int | None
    start: str | None  # ISO 8601 UTC; None for lifetime
    end: str | None


@dataclass(frozen=True)
class UserTraffic:
    """One user's counters as the agent reports them. up = from the client, down = to the client."""

    id: str
    name: str
    port: int
    up_bytes: int  # this period
    down_bytes: int
    lifetime_up_bytes: int
    lifetime_down_bytes: int
    limit_bytes: int | None  # None = no limit
    throttle_mbps: float
    over_limit: bool
    throttled: bool
    expired: bool
    expires_at: str | None
    period: QuotaPeriodView
    live_connections: int | None = None
    reset_at: str | None = None
    # Who is connected, from the server's connection tables (counts only; the IPs stay on the server).
    online: bool = False
    connections: int = 0
    last_seen: str | None = None  # ISO 8601 UTC: the last poll that saw traffic or a connection
    devices_now: int = 0
    devices_24h: int = 0
    devices_30d: int = 0
    max_devices: int = 0  # effective; 0 = unlimited
    refused_connections: int = 0  # new connections the device limit refused

    @property
    def user_id(self) -> str:
        return self.id

    @property
    def period_bytes(self) -> int:
        return self.up_bytes + self.down_bytes

    @property
    def lifetime_bytes(self) -> int:
        return self.lifetime_up_bytes + self.lifetime_down_bytes


@dataclass(frozen=True)
class AgentStatus:
    agent_version: str
    deployed_version: str | None
    running: bool
    last_poll: str | None
    poll_seconds: float
    errors: list[str]
    users: list[UserTraffic] = field(default_factory=list)

    def user(self, user_id: str) -> UserTraffic | None:
        return next((u for u in self.users if u.id == user_id), None)


@dataclass(frozen=True)
class Device:
    """One client IP of a user, as the server's agent saw it (asked for one user at a time, never kept)."""

    ip: str
    last_seen: str  # ISO 8601 UTC
    connections: int  # open at the agent's last poll

    @property
    def connected(self) -> bool:
        return self.connections > 0


@dataclass(frozen=True)
class HistoryBucket:
    start: datetime  # UTC
    up_bytes: int
    down_bytes: int

    @property
    def up(self) -> int:
        return self.up_bytes

    @property
    def down(self) -> int:
        return self.down_bytes


@dataclass(frozen=True)
class History:
    user_id: str
    step: str  # "hour" | "day"
    since: str
    until: str
    buckets: list[HistoryBucket]

    @property
    def total_bytes(self) -> int:
        return sum(b.up_bytes + b.down_bytes for b in self.buckets)


def _user(d: dict[str, Any]) -> UserTraffic:
    p = d.get("period") or {}
    return UserTraffic(
        id=str(d["id"]),
        name=str(d.get("name", "")),
        port=int(d.get("port") or 0),
        up_bytes=int(d["up_bytes"]),
        down_bytes=int(d["down_bytes"]),
        lifetime_up_bytes=int(d["lifetime_up_bytes"]),
        lifetime_down_bytes=int(d["lifetime_down_bytes"]),
        limit_bytes=None if d.get("limit_bytes") is None else int(d["limit_bytes"]),
        throttle_mbps=float(d.get("throttle_mbps") or 0),
        over_limit=bool(d.get("over_limit")),
        throttled=bool(d.get("throttled")),
        expired=bool(d.get("expired")),
        expires_at=d.get("expires_at"),
        period=QuotaPeriodView(str(p.get("kind", "lifetime")), p.get("day"), p.get("start"), p.get("end")),
        live_connections=d.get("live_connections"),
        reset_at=d.get("reset_at"),
        online=bool(d.get("online")),
        connections=int(d.get("connections") or 0),
        last_seen=d.get("last_seen"),
        devices_now=int(d.get("devices_now") or 0),
        devices_24h=int(d.get("devices_24h") or 0),
        devices_30d=int(d.get("devices_30d") or 0),
        max_devices=int(d.get("max_devices") or 0),
        refused_connections=int(d.get("refused_connections") or 0),
    )


def _instant(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _iso(value: str | datetime) -> str:
    if isinstance(value, str):
        return value
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# What a malformed agent answer raises while being read into dataclasses (missing key, wrong type, a
# huge number or a bad timestamp): always turned into AgentError.
_SHAPE_ERRORS = (KeyError, IndexError, TypeError, ValueError, AttributeError, OverflowError)


def _unexpected(what: str, exc: Exception) -> AgentError:
    error = f"{type(exc).__name__}: {exc}"
    if what == "status":
        return AgentError(
            msg(
                "The server's traffic agent answered status in an unexpected form ({error}); "
                "reconnect to update the agent.",
                error=error,
            )
        )
    if what == "devices":
        return AgentError(
            msg(
                "The server's traffic agent answered the device list in an unexpected form ({error}); "
                "reconnect to update the agent.",
                error=error,
            )
        )
    return AgentError(
        msg(
            "The server's traffic agent answered history in an unexpected form ({error}); "
            "reconnect to update the agent.",
            error=error,
        )
    )


def parse_status(doc: dict[str, Any]) -> AgentStatus:
    try:
        return _parse_status(doc)
    except _SHAPE_ERRORS as exc:
        raise _unexpected("status", exc) from None


def parse_history(doc: dict[str, Any]) -> History:
    try:
        return _parse_history(doc)
    except _SHAPE_ERRORS as exc:
        raise _unexpected("history", exc) from None


def _parse_status(doc: dict[str, Any]) -> AgentStatus:
    return AgentStatus(
        agent_version=str(doc.get("agent_version", "")),
        deployed_version=doc.get("deployed_version"),
        running=bool(doc.get("running")),
        last_poll=doc.get("last_poll"),
        poll_seconds=float(doc.get("poll_seconds") or 10),
        errors=[str(e) for e in doc.get("errors") or []],
        users=[_user(u) for u in doc.get("users") or []],
    )


def _parse_history(doc: dict[str, Any]) -> History:
    return History(
        user_id=str(doc["user"]),
        step=str(doc["step"]),
        since=str(doc["since"]),
        until=str(doc["until"]),
        buckets=[
            HistoryBucket(_instant(b["start"]), int(b["up_bytes"]), int(b["down_bytes"]))
            for b in doc["buckets"]
        ],
    )


# -- the client ------------------------------------------------------------------------------------------
class AgentClient:
    """The agent of one install root on one server, over a ServerSession (see docs/design.md)."""

    def __init__(self, session: Any, root: str = "/opt/mtpm", *, sudo: bool = True) -> None:
        self.session = session
        self.root = root.rstrip("/") or "/"
        self.sudo = sudo

    @property
    def agent_dir(self) -> str:
        return f"{self.root}/agent"

    def _sh(
        self, command: str, *, timeout: float = 60, check: bool = True, stdin: bytes | None = None
    ) -> Any:
        return self.session.run(command, timeout=timeout, check=check, sudo=self.sudo, stdin=stdin)

    def _agent_cmd(self, *args: str) -> str:
        q = shlex.quote
        return (
            f"PYTHONPATH={q(self.agent_dir)} python3 -m {PACKAGE} "
            + " ".join(q(a) for a in args)
            + f" --root {q(self.root)}"
        )

    def command(self, *args: str) -> str:
        """The shell command that runs the agent with `args` (for timers and one-off runs)."""
        return self._agent_cmd(*args)

    def call(self, *args: str, timeout: float = 120) -> Any:
        """Run an agent command; its JSON answer, parsed. Raises AgentError with the agent's message."""
        result = self._sh(self._agent_cmd(*args), timeout=timeout, check=False)
        if result.exit_code != 0:
            text = result.stderr.strip() or result.stdout.strip() or f"exit {result.exit_code}"
            detail: str = text.splitlines()[-1].removeprefix("error: ")
            if "No module named" in detail and PACKAGE in detail:
                detail = msg(
                    "the traffic agent is not installed on this server yet (it is set up on connect)"
                )
            raise AgentError(msg("The server's traffic agent failed: {error}", error=detail))
        try:
            return json.loads(result.stdout)
        except ValueError:
            raise AgentError(
                msg(
                    "The server's traffic agent answered something that is not JSON: {output!r}",
                    output=result.stdout[:200],
                )
            ) from None

    # -- install / upgrade ----------------------------------------------------------------------------------
    def deployed_version(self) -> str | None:
        try:
            return self.session.read_file(f"{self.agent_dir}/VERSION").decode().strip() or None
        except RemoteFileNotFound:
            return None

    def deploy(self, progress: Progress = None) -> bool:
        """Upload the agent when the server's VERSION differs; True when files were uploaded."""
        files = bundle()
        version = bundle_version(files)
        if self.deployed_version() == version:
            return False
        _say(progress, msg("installing the traffic agent {version}", version=version))
        pkg_dir = f"{self.agent_dir}/{PACKAGE}"
        self.session.makedirs(pkg_dir, mode=0o700)
        for name, data in files.items():
            self.session.write_file_atomic(f"{pkg_dir}/{name}", data, mode=0o600)
        for stale in set(self.session.listdir(pkg_dir)) - set(files):
            if stale.endswith(".py"):
                self.session.remove_file(f"{pkg_dir}/{stale}", missing_ok=True)
        # VERSION last: an interrupted upload is retried in full next time.
        self.session.write_file_atomic(f"{self.agent_dir}/VERSION", (version + "\n").encode(), mode=0o600)
        return True

    def has_systemd(self) -> bool:
        return bool(self._sh("test -d /run/systemd/system", check=False).exit_code == 0)

    def _unit(self) -> str:
        return (
            "[Unit]\nDescription=mtpm traffic agent (per-user traffic, limits, expiry)\n"
            "After=docker.service\nWants=docker.service\n\n"
            "[Service]\n"
            f"Environment=PYTHONPATH={self.agent_dir}\n"
            f"ExecStart=/usr/bin/env python3 -m {PACKAGE} run --root {self.root}\n"
            f"Restart=always\nRestartSec={RESPAWN_DELAY_S}\n\n"
            "[Install]\nWantedBy=multi-user.target\n"
        )

    def _loop_script(self) -> str:
        data = f"{self.root}/data"
        return (
            f"echo $$ > {shlex.quote(data)}/agent-loop.pid; "
            f"while :; do {self._agent_cmd('run')}; sleep {RESPAWN_DELAY_S}; done"
        )

    def loop_running(self) -> bool:
        pid_file = shlex.quote(f"{self.root}/data/agent-loop.pid")
        check = f'p=$(cat {pid_file} 2>/dev/null) && grep -q {PACKAGE} "/proc/$p/cmdline" 2>/dev/null'
        return bool(self._sh(check, check=False).exit_code == 0)

    def ensure_running(self, *, restart: bool = False, progress: Progress = None) -> tuple[str, bool]:
        """Start the service if it is not running (restart it when `restart`); returns (mode, started)."""
        if self.has_systemd():
            if restart or self._sh(f"systemctl is-active --quiet {SERVICE_NAME}", check=False).exit_code != 0:
                _say(progress, msg("starting the traffic agent (systemd)"))
                self._sh(f"cat > {UNIT_PATH}", stdin=self._unit().encode())
                self._sh(
                    f"systemctl daemon-reload && systemctl enable {SERVICE_NAME} >/dev/null 2>&1; "
                    f"systemctl restart {SERVICE_NAME}"
                )
                return "systemd", True
            return "systemd", False
        self.session.makedirs(f"{self.root}/data", mode=0o700)
        if self.loop_running():
            if not restart:
                return "respawn-loop", False
            # The loop starts the new code 2 s after the old agent exits.
            _say(progress, msg("restarting the traffic agent"))
            self._sh(f'kill "$(cat {shlex.quote(self.root + "/data/agent.pid")})" 2>/dev/null; true')
            return "respawn-loop", True
        _say(progress, msg("starting the traffic agent (respawn loop)"))
        log = shlex.quote(f"{self.root}/data/agent.log")
        pid_file = shlex.quote(f"{self.root}/data/agent-loop.pid")
        # All three standard streams redirected: the SSH channel closes while the loop lives on.
        self._sh(
            f"rm -f {pid_file}; setsid sh -c {shlex.quote(self._loop_script())} >>{log} 2>&1 </dev/null & "
            f"for i in $(seq 50); do test -s {pid_file} && exit 0; sleep 0.1; done; exit 1"
        )
        return "respawn-loop", True

    def ensure(self, progress: Progress = None) -> AgentInstall:
        """Deploy when the version differs, then make sure it runs (restarted after an upgrade)."""
        upgraded = self.deploy(progress)
        mode, started = self.ensure_running(restart=upgraded, progress=progress)
        return AgentInstall(version=bundle_version(), mode=mode, upgraded=upgraded, started=started)

    def stop(self) -> None:
        """Stop the service (uninstall, tests); the files stay."""
        if self.has_systemd():
            self._sh(f"systemctl disable --now {SERVICE_NAME} >/dev/null 2>&1; true")
            return
        data = shlex.quote(f"{self.root}/data")
        self._sh(
            f'kill "$(cat {data}/agent-loop.pid)" 2>/dev/null; kill "$(cat {data}/agent.pid)" 2>/dev/null; '
            f"rm -f {data}/agent-loop.pid; true"
        )

    # -- questions ------------------------------------------------------------------------------------------
    def status(self) -> AgentStatus:
        return parse_status(self.call("status", "--json"))

    def history(
        self, user_id: str, since: str | datetime, until: str | datetime, step: str = "hour"
    ) -> History:
        """Buckets of [since, until): ISO 8601 strings or datetimes (naive = UTC)."""
        return parse_history(
            self.call(
                "history", "--user", user_id, "--since", _iso(since), "--until", _iso(until), "--step", step
            )
        )

    def devices(self, user_id: str) -> list[Device]:
        """The user's client IPs (most recent first): for the admin who opens them, never stored here."""
        doc = self.call("devices", "--user", user_id)
        try:
            return [
                Device(str(d["ip"]), str(d["last_seen"]), int(d.get("connections") or 0))
                for d in doc["devices"]
            ]
        except _SHAPE_ERRORS as exc:
            raise _unexpected("devices", exc) from None

    def reset(self, user_id: str | None = None) -> list[str]:
        doc = self.call("reset", *(["--user", user_id] if user_id else []))
        return [str(u) for u in doc.get("reset", [])]

    def reload(self) -> dict[str, Any]:
        """Apply config.json now (limits, expiry, throttles) instead of at the next poll."""
        return dict(self.call("reload"))

    def forget(self, user_id: str) -> None:
        self.call("forget", "--user", user_id)


def forget_user(session: Any, root: str, user_id: str) -> None:
    """A deleted user's counters go now (ServerService.remove_user calls this)."""
    AgentClient(session, root).forget(user_id)


def _say(progress: Progress, message: str) -> None:
    if progress is not None:
        progress(message)
