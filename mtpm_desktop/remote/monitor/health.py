"""The server's health as its agent measures it (`health`, `health --history`), read into dataclasses."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import Message, msg
from mtpm_desktop.remote.agent_client import AgentClient, AgentError
from mtpm_desktop.remote_agent.health import Health as HealthNow  # the agent's own record of it

__all__ = ["HealthNow", "HealthPoint", "health", "health_history", "parse_health", "parse_history"]

log = logging.getLogger(__name__)
HISTORY_HOURS = 24  # what the dashboard's charts show
WARNING_DISK = "disk_over_90"
WARNING_MEMORY = "memory_under_10_free"


@dataclass(frozen=True)
class HealthPoint:
    """One hour: CPU % averaged over its polls (None before a second poll), memory and disk as last seen,
    network bytes received and sent in the hour."""

    t: datetime
    cpu_percent: float | None
    mem_used_bytes: int
    disk_used_bytes: int
    net_rx_bytes: int
    net_tx_bytes: int


_SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, OverflowError)


def parse_health(doc: dict[str, Any]) -> HealthNow:
    try:
        return HealthNow(
            cpu_percent=float(doc["cpu_percent"]),
            load1=float(doc["load1"]),
            mem_total_bytes=int(doc["mem_total_bytes"]),
            mem_used_bytes=int(doc["mem_used_bytes"]),
            disk_total_bytes=int(doc["disk_total_bytes"]),
            disk_used_bytes=int(doc["disk_used_bytes"]),
            net_rx_bps=float(doc["net_rx_bps"]),
            net_tx_bps=float(doc["net_tx_bps"]),
            uptime_s=float(doc["uptime_s"]),
            docker_ok=bool(doc["docker_ok"]),
            proxies_running=int(doc["proxies_running"]),
            warnings=[str(w) for w in doc.get("warnings") or []],
        )
    except _SHAPE_ERRORS as exc:
        raise AgentError(
            msg(
                "The server's agent answered health in an unexpected form ({error}); reconnect to update it.",
                error=f"{type(exc).__name__}: {exc}",
            )
        ) from None


def parse_history(doc: dict[str, Any]) -> list[HealthPoint]:
    try:
        return [
            HealthPoint(
                t=datetime.fromisoformat(str(p["t"]).replace("Z", "+00:00")).astimezone(UTC),
                cpu_percent=None if p.get("cpu_percent") is None else float(p["cpu_percent"]),
                mem_used_bytes=int(p["mem_used_bytes"]),
                disk_used_bytes=int(p["disk_used_bytes"]),
                net_rx_bytes=int(p["net_rx_bytes"]),
                net_tx_bytes=int(p["net_tx_bytes"]),
            )
            for p in doc["points"]
        ]
    except _SHAPE_ERRORS as exc:
        raise AgentError(
            msg(
                "The server's agent answered the health history in an unexpected form ({error}); "
                "reconnect to update it.",
                error=f"{type(exc).__name__}: {exc}",
            )
        ) from None


def health(agent: AgentClient) -> HealthNow:
    return parse_health(agent.call("health", "--json"))


def health_history(agent: AgentClient, since: str) -> list[HealthPoint]:
    return parse_history(agent.call("health", "--history", "--since", since, "--json"))


def warning_text(code: str) -> Message:
    """An agent warning code in words."""
    if code == WARNING_DISK:
        return msg("The disk of the install root is more than 90 % full: free space before the proxies stop.")
    if code == WARNING_MEMORY:
        return msg("Less than 10 % of the server's memory is free.")
    return msg("Server warning: {code}", code=code)


def for_snapshot(
    agent: AgentClient | None, server: str
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """Health now and the last day's points as plain dicts for the GUI's snapshot. Health is extra
    information: an agent that cannot answer (an old one, a busy disk) leaves the cards empty and is
    logged, it does not fail the refresh."""
    if agent is None:
        return None, []
    since = (datetime.now(UTC) - timedelta(hours=HISTORY_HOURS)).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        now = health(agent)
        points = health_history(agent, since)
    except MtpmError as exc:
        log.warning("%s: server health: %s", server, exc.message)
        return None, []
    return now.as_dict(), [{**asdict(p), "t": p.t.strftime("%Y-%m-%dT%H:%M:%SZ")} for p in points]
