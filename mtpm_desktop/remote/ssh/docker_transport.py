"""The Docker SDK over channels of a ServerSession's transport.

docker-py's own ``ssh://`` support opens its own SSH connection (its own host key handling, its own auth)
or shells out to ``ssh`` per HTTP connection. Instead, every HTTP connection here is one channel of the
session's already verified transport, running ``docker system dial-stdio`` (through sudo when the login
needs it). HTTP keep-alive over a small pool keeps those channels open, so twenty API calls reuse one
remote process instead of spawning twenty.

This relies on docker-py internals (``APIClient._custom_adapter``/``base_url`` handling for the
``http+docker://ssh`` scheme, which reads a paramiko channel from the response's file object), so the
docker SDK is pinned to a minor version in pyproject.toml and tests/unit/test_remote_docker_transport.py
checks the internals it needs.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from dataclasses import dataclass
from typing import Any, Protocol

import docker
import docker.errors
import paramiko
import requests
import urllib3
import urllib3.connection
import urllib3.connectionpool
from docker.transport.basehttpadapter import BaseHTTPAdapter

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.errors import ConnectionLost, DockerError, DockerNotRunning, RemoteTimeout
from mtpm_desktop.remote.ssh.connect import transport_alive

# docker-py treats base URLs starting with this specially: the raw socket of a streamed response is
# `response.raw._fp.fp.channel`, which a paramiko ChannelFile provides.
BASE_URL = "http+docker://ssh"
DEFAULT_TIMEOUT = 60
DEFAULT_POOL_SIZE = 4
# Only used until the first request tells the server's version (docker-py's minimum).
PLACEHOLDER_API_VERSION = "1.24"
# The Host of the HTTP requests sent down a dial-stdio channel (the daemon ignores it).
_HTTP_HOST = "localhost"


@dataclass(frozen=True)
class DockerAccess:
    """How Docker is reached: directly (root or docker group) or through sudo."""

    via: str  # "direct" or "sudo"
    api_version: str
    prefix: str = ""
    stdin_prefix: bytes = b""


class DockerHost(Protocol):
    """What the Docker transport needs of a session (ServerSession provides it; the session imports this
    module, not the other way round)."""

    @property
    def where(self) -> str: ...
    @property
    def connected(self) -> bool: ...
    @property
    def generation(self) -> int: ...
    @property
    def profile(self) -> Any: ...
    def open_docker_channel(self, timeout: float) -> paramiko.Channel: ...
    def docker_access(self) -> DockerAccess: ...
    def docker_access_hint(self) -> DockerAccess: ...


class _ChannelConnection(urllib3.connection.HTTPConnection):
    """An HTTP connection whose socket is a dial-stdio channel of the session."""

    def __init__(self, session: DockerHost, counter: _Counter, timeout: float) -> None:
        super().__init__(_HTTP_HOST, timeout=timeout)
        self._session = session
        self._counter = counter
        self._channel_timeout = timeout
        self.generation = -1

    def connect(self) -> None:
        channel = self._session.open_docker_channel(timeout=self._channel_timeout)
        self.generation = self._session.generation
        self._counter.increment()
        self.sock = channel

    def alive(self) -> bool:
        sock = self.sock
        if sock is None:
            return True  # never connected: connect() will open a channel
        if not isinstance(sock, paramiko.Channel):
            return False
        return (
            self.generation == self._session.generation
            and not sock.closed
            and not sock.eof_received
            and transport_alive(sock.get_transport())
        )


class _Counter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.value = 0

    def increment(self) -> None:
        with self._lock:
            self.value += 1


class _ChannelPool(urllib3.connectionpool.HTTPConnectionPool):
    def __init__(self, session: DockerHost, counter: _Counter, timeout: float, maxsize: int) -> None:
        super().__init__(_HTTP_HOST, timeout=timeout, maxsize=maxsize)
        self._session = session
        self._counter = counter
        self._channel_timeout = timeout

    def _new_conn(self) -> _ChannelConnection:
        return _ChannelConnection(self._session, self._counter, self._channel_timeout)

    # urllib3's own check calls fileno() on the socket, which for a paramiko channel creates a pipe
    # pair each time; check the channel directly instead and drop those of a dead transport.
    def _get_conn(self, timeout: float | None = None) -> _ChannelConnection:
        conn = None
        if self.pool is None:
            raise urllib3.exceptions.ClosedPoolError(self, "Pool is closed.")
        with contextlib.suppress(queue.Empty):
            conn = self.pool.get(block=False)
        if conn is not None and not conn.alive():
            conn.close()
            conn = None
        return conn or self._new_conn()


class SessionDockerAdapter(BaseHTTPAdapter):  # type: ignore[misc]
    """requests adapter handing out pooled dial-stdio channels of one session."""

    def __init__(
        self, session: DockerHost, timeout: float = DEFAULT_TIMEOUT, pool_size: int = DEFAULT_POOL_SIZE
    ):
        self._session = session
        self.timeout = timeout
        self.channels_opened = _Counter()
        self._pool = _ChannelPool(session, self.channels_opened, timeout, pool_size)
        super().__init__()

    def get_connection(self, url: str, proxies: Any = None) -> _ChannelPool:
        return self._pool

    def close(self) -> None:
        super().close()
        self._pool.close()


class SessionAPIClient(docker.APIClient):  # type: ignore[misc]
    """docker.APIClient bound to a session; a transport that dies mid-request raises ConnectionLost."""

    _session: DockerHost

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        generation = self._session.generation
        try:
            response: requests.Response = super().send(request, **kwargs)
            return response
        except MtpmError:
            raise
        except EOFError as exc:
            # paramiko raises a bare EOFError when the socket under the transport is already dead, sometimes
            # before the transport notices; whatever the generation says, this connection is gone.
            raise ConnectionLost(
                msg(
                    "The connection to {where} was lost during a Docker call. The next action reconnects.",
                    where=self._session.where,
                )
            ) from exc
        except (
            requests.RequestException,
            urllib3.exceptions.HTTPError,
            paramiko.SSHException,
            OSError,
        ) as exc:
            if not self._session.connected or self._session.generation != generation:
                raise ConnectionLost(
                    msg(
                        "The connection to {where} was lost during a Docker call ({error}). "
                        "The next action reconnects.",
                        where=self._session.where,
                        error=exc,
                    )
                ) from exc
            host = self._session.profile.host
            refused = isinstance(exc, requests.ConnectionError | urllib3.exceptions.ProtocolError)
            if refused and not isinstance(exc, requests.Timeout):
                # SSH is fine but `docker system dial-stdio` found no daemon, or it died mid-request.
                raise DockerNotRunning(
                    msg(
                        "The Docker daemon on {host} stopped answering ({error}). "
                        "Start it (systemctl start docker) and try again.",
                        host=host,
                        error=exc,
                    )
                ) from exc
            if isinstance(exc, requests.Timeout | TimeoutError):
                raise RemoteTimeout(
                    msg(
                        "Docker on {host} did not answer in time ({error}). "
                        "The server may be overloaded; try again.",
                        host=host,
                        error=exc,
                    )
                ) from exc
            raise DockerError(msg("A Docker call on {host} failed: {error}", host=host, error=exc)) from exc


def docker_client_for(session: DockerHost, *, timeout: float = DEFAULT_TIMEOUT) -> docker.DockerClient:
    """A DockerClient for the session; raises the Docker* error that names the cause if Docker is unusable."""
    access = session.docker_access_hint()
    # Build with a placeholder TCP URL and an explicit version, so the constructor neither connects nor
    # asks for the version; then swap in our adapter the way docker-py does for ssh://.
    api = SessionAPIClient(
        base_url="tcp://127.0.0.1:9", version=access.api_version or PLACEHOLDER_API_VERSION, timeout=timeout
    )
    api._session = session
    adapter = SessionDockerAdapter(session, timeout=timeout)
    api._custom_adapter = adapter
    api.mount(BASE_URL, adapter)
    api._unmount("http://", "https://")
    api.base_url = BASE_URL
    if not access.api_version:
        # The version request opens the first pooled channel, which later calls reuse.
        try:
            api._version = api._retrieve_server_version()
        except docker.errors.DockerException:
            # Why did it fail? The full probe (remote `docker version`) raises the error naming the
            # cause: not installed, daemon down, no permission...
            adapter.close()
            api._version = session.docker_access().api_version
            adapter = SessionDockerAdapter(session, timeout=timeout)
            api._custom_adapter = adapter
            api.mount(BASE_URL, adapter)
    client = docker.DockerClient.__new__(docker.DockerClient)
    client.api = api
    return client


def channels_opened(client: docker.DockerClient) -> int:
    """How many dial-stdio channels the client has opened so far (for tests and the bench)."""
    adapter = client.api._custom_adapter
    assert isinstance(adapter, SessionDockerAdapter)
    return adapter.channels_opened.value
