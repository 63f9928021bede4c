"""Where a container's byte counters come from.

Two sources, chosen per container by its `mtpm.metrics-port` label:
- the engine's Prometheus metrics (mtg: `mtg_telegram_traffic{direction="to_client"|"from_client"}`, with
  or without `_total`). This counts only the client leg of the relay: the user's real traffic.
- otherwise `/proc/<pid>/net/dev` of the container's init process, interface eth0: the counters of the
  container's network namespace, read from the host without Docker's slow stats API. They include BOTH legs
  of the relay (client <-> proxy and proxy <-> Telegram), so they read about twice the user's traffic.

`rx` is what the container received (the client's upload), `tx` what it sent (the client's download).
"""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass

METRICS_TIMEOUT_S = 3.0
TRAFFIC_METRICS = ("mtg_telegram_traffic", "mtg_telegram_traffic_total")
CONNECTION_METRICS = ("mtg_client_connections",)
_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)")
_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


class CounterError(RuntimeError):
    """A container's counters could not be read this poll (it is retried next poll)."""


@dataclass(frozen=True)
class Sample:
    rx: int
    tx: int
    connections: int | None = None  # live client connections, when the engine reports them


def read_netdev(pid: int, interface: str = "eth0") -> Sample:
    """Counters of `interface` in the network namespace of process `pid`."""
    try:
        with open(f"/proc/{pid}/net/dev", encoding="ascii") as fh:
            lines = fh.read().splitlines()[2:]
    except OSError as exc:
        raise CounterError(f"cannot read /proc/{pid}/net/dev: {exc}") from exc
    for line in lines:
        name, _, rest = line.partition(":")
        if name.strip() == interface:
            fields = rest.split()
            return Sample(rx=int(fields[0]), tx=int(fields[8]))
    raise CounterError(f"no {interface} in the container's network namespace (pid {pid})")


def parse_prometheus(text: str) -> Sample:
    """Sum the traffic samples of the mtg exposition text by direction."""
    to_client = from_client = 0
    connections: int | None = None
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = _SAMPLE.match(line)
        if match is None:
            continue
        name, labels_text, value_text = match.groups()
        try:
            value = float(value_text)
        except ValueError:
            continue
        if name in TRAFFIC_METRICS:
            labels: dict[str, str] = dict(_LABEL.findall(labels_text or ""))
            direction = labels.get("direction")
            if direction == "to_client":
                to_client += int(value)
            elif direction == "from_client":
                from_client += int(value)
        elif name in CONNECTION_METRICS:
            connections = (connections or 0) + int(value)
    # No traffic sample yet is normal: labelled counters appear only after the first relayed byte.
    return Sample(rx=from_client, tx=to_client, connections=connections)


def fetch_metrics(address: tuple[str, int], path: str = "/") -> Sample:
    conn = http.client.HTTPConnection(address[0], address[1], timeout=METRICS_TIMEOUT_S)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
    except (OSError, http.client.HTTPException) as exc:
        raise CounterError(f"metrics at {address[0]}:{address[1]} not reachable: {exc}") from exc
    finally:
        conn.close()
    if resp.status != 200:
        raise CounterError(f"metrics at {address[0]}:{address[1]} answered HTTP {resp.status}")
    return parse_prometheus(body.decode("utf-8", "replace"))
