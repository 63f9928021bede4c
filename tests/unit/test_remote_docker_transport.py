"""The docker SDK internals the Docker-over-SSH adapter relies on (the SDK is pinned to a minor)."""

from __future__ import annotations

import inspect
import re
from importlib.metadata import version
from pathlib import Path

import docker
import paramiko
import pytest

from mtpm_desktop.remote.errors import ConnectionLost
from mtpm_desktop.remote.ssh.docker_transport import (
    BASE_URL,
    DockerAccess,
    SessionAPIClient,
    SessionDockerAdapter,
    docker_client_for,
)

pytestmark = pytest.mark.unit


def test_docker_sdk_version_is_the_pinned_minor() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    pin = re.search(r'"docker>=(\d+)\.(\d+),<(\d+)\.(\d+)"', pyproject)
    assert pin, "pyproject.toml must pin docker to a minor range"
    low, high = (int(pin[1]), int(pin[2])), (int(pin[3]), int(pin[4]))
    major, minor = (int(x) for x in version("docker").split(".")[:2])
    assert low <= (major, minor) < high


def test_docker_sdk_internals_used_by_the_adapter() -> None:
    api_source = inspect.getsource(docker.APIClient)
    # Streamed responses over ssh read the paramiko channel behind the response's file object.
    assert "self.base_url.startswith('http+docker://ssh')" in api_source
    assert "response.raw._fp.fp.channel" in api_source
    assert "def _unmount(" in api_source and "self._custom_adapter" in api_source
    # DockerClient is a thin wrapper whose only state is `api`.
    init_source = inspect.getsource(docker.DockerClient.__init__)
    assert "self.api = APIClient(" in init_source
    # paramiko's ChannelFile exposes the channel docker-py reads from.
    assert "channel" in inspect.signature(paramiko.ChannelFile.__init__).parameters


class _NoNetworkSession:
    """Just enough of a ServerSession to build a client: the build itself must not touch the network."""

    generation = 1
    connected = True
    where = "nowhere"

    def docker_access(self) -> DockerAccess:
        return DockerAccess("direct", "1.41")

    def docker_access_hint(self) -> DockerAccess:
        return self.docker_access()

    def open_docker_channel(self, timeout: float) -> paramiko.Channel:
        raise AssertionError("building the client must not open a channel")


def test_client_is_wired_to_the_session_adapter() -> None:
    client = docker_client_for(_NoNetworkSession())  # type: ignore[arg-type]
    assert isinstance(client.api, SessionAPIClient)
    assert client.api.base_url == BASE_URL
    assert client.api.api_version == "1.41"
    assert isinstance(client.api.get_adapter(f"{BASE_URL}/v1.41/containers/json"), SessionDockerAdapter)
    assert client.api._url("/containers/json") == f"{BASE_URL}/v1.41/containers/json"
    client.close()


class _DeadSocketSession(_NoNetworkSession):
    """A session whose transport still looks alive, but whose channel fails the way paramiko's Packetizer does
    when the TCP socket under it is already gone: a bare EOFError from `sendall`."""

    def open_docker_channel(self, timeout: float) -> paramiko.Channel:
        class _DeadChannel:
            def settimeout(self, timeout: float | None) -> None:
                pass

            def sendall(self, data: bytes) -> None:
                raise EOFError()

            def close(self) -> None:
                pass

        return _DeadChannel()  # type: ignore[return-value]


def test_dead_socket_mid_request_is_connection_lost_not_a_bare_eoferror() -> None:
    """Seen in CI: a connection cut at one byte offset surfaced as an untyped EOFError from a Docker call."""
    client = docker_client_for(_DeadSocketSession())  # type: ignore[arg-type]
    with pytest.raises(ConnectionLost, match="lost during a Docker call"):
        client.api.containers(all=True)
    client.close()
