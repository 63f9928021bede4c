"""The few Docker Engine API calls the agent needs, over /var/run/docker.sock with http.client."""

from __future__ import annotations

import http.client
import json
import socket
import urllib.parse
from dataclasses import dataclass
from typing import Any

DOCKER_SOCKET = "/var/run/docker.sock"
API_TIMEOUT_S = 30.0


class DockerApiError(RuntimeError):
    """The engine refused a call or cannot be reached."""


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self._path)
        self.sock = sock


@dataclass(frozen=True)
class ProxyContainer:
    id: str
    name: str
    user_id: str
    port: int
    running: bool
    labels: dict[str, str]
    networks: dict[str, str]  # network name -> IPv4 address

    @property
    def metrics_port(self) -> int | None:
        raw = self.labels.get("mtpm.metrics-port", "")
        return int(raw) if raw.isdigit() else None


@dataclass(frozen=True)
class Router:
    id: str
    running: bool


class DockerApi:
    """One keep-alive connection, reopened when the engine closes it."""

    def __init__(self, path: str = DOCKER_SOCKET, timeout: float = API_TIMEOUT_S) -> None:
        self._path = path
        self._timeout = timeout
        self._conn: _UnixConnection | None = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _request(self, method: str, url: str) -> Any:
        body = self._raw(method, url)
        return json.loads(body) if body else None

    def _raw(self, method: str, url: str) -> bytes:
        for attempt in (1, 2):
            if self._conn is None:
                self._conn = _UnixConnection(self._path, self._timeout)
            try:
                self._conn.request(method, url)
                resp = self._conn.getresponse()
                body = resp.read()
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                if attempt == 2:
                    raise DockerApiError(f"Docker engine at {self._path} not reachable: {exc}") from exc
                continue
            if resp.status >= 400:
                raise DockerApiError(f"Docker API {method} {url}: {resp.status} {body[:200]!r}")
            return body
        raise AssertionError("unreachable")

    def list_proxies(self, instance_id: str) -> list[ProxyContainer]:
        """Our proxy containers (running or not), found by label, never by name."""
        labels = ["mtpm.managed=1", "mtpm.instance=" + instance_id]
        query = urllib.parse.urlencode({"all": "1", "filters": json.dumps({"label": labels})})
        out = []
        for item in self._request("GET", "/containers/json?" + query) or []:
            item_labels = item.get("Labels") or {}
            user_id = item_labels.get("mtpm.user-id")
            if not user_id or item_labels.get("mtpm.role", "proxy") != "proxy":
                continue
            port = item_labels.get("mtpm.port", "0")
            nets = (item.get("NetworkSettings") or {}).get("Networks") or {}
            out.append(
                ProxyContainer(
                    id=item["Id"],
                    name=(item.get("Names") or ["/" + item["Id"][:12]])[0].lstrip("/"),
                    user_id=user_id,
                    port=int(port) if port.isdigit() else 0,
                    running=item.get("State") == "running",
                    labels=item_labels,
                    networks={k: (v or {}).get("IPAddress") or "" for k, v in nets.items()},
                )
            )
        return out

    def find_router(self, instance_id: str) -> Router | None:
        """This install's port-443 router (nginx), found by its labels."""
        labels = ["mtpm.managed=1", "mtpm.instance=" + instance_id, "mtpm.role=nginx"]
        query = urllib.parse.urlencode({"all": "1", "filters": json.dumps({"label": labels})})
        for item in self._request("GET", "/containers/json?" + query) or []:
            return Router(id=item["Id"], running=item.get("State") == "running")
        return None

    def logs(self, container_id: str, since: str) -> bytes:
        """Both streams since `since` (seconds.nanoseconds), each line with its timestamp, multiplexed."""
        query = urllib.parse.urlencode({"stdout": "1", "stderr": "1", "timestamps": "1", "since": since})
        return self._raw("GET", f"/containers/{container_id}/logs?{query}")

    def signal(self, container_id: str, name: str) -> None:
        self._request("POST", f"/containers/{container_id}/kill?signal={urllib.parse.quote(name)}")

    def inspect_state(self, container_id: str) -> dict[str, Any]:
        """The container's State (Pid, StartedAt, Running...)."""
        data = self._request("GET", "/containers/" + container_id + "/json")
        return dict(data.get("State") or {})

    def stop(self, container_id: str, timeout_s: int = 10) -> None:
        self._request("POST", "/containers/" + container_id + "/stop?t=" + str(timeout_s))

    def start(self, container_id: str) -> None:
        self._request("POST", "/containers/" + container_id + "/start")

    def stats(self, container_id: str) -> dict[str, Any]:
        """Docker's stats API, one sample (the old panel's way; kept for the benchmark only)."""
        return dict(self._request("GET", "/containers/" + container_id + "/stats?stream=false") or {})
