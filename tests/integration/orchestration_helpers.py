"""Helpers shared by the orchestration integration tests."""

from __future__ import annotations

import time
import uuid
from typing import Any

from mtpm_desktop.remote.checks.faketls_probe import LinkCheckResult, LinkStatus, probe_link
from mtpm_desktop.remote.service import ServerService

READY_TIMEOUT_S = 30.0


def wait_probe(port: int, secret: str, want: LinkStatus, *, host: str = "127.0.0.1") -> LinkCheckResult:
    """Probe until the proxy answers as `want` (a new container needs a moment to listen)."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while True:
        result = probe_link(host, port, secret, timeout=3.0)
        if result.status is want or time.monotonic() > deadline:
            return result
        time.sleep(0.2)


def wrong_secret_for(secret: str) -> str:
    """Same domain, another key: a proxy must refuse it (the test proxy never forwards it anywhere)."""
    key = secret[2:34]
    other = "".join("1" if c != "1" else "2" for c in key)
    return "ee" + other + secret[34:]


def new_service(session: Any, profile: Any, engine: Any, cleanup: Any) -> ServerService:
    """A ServerService on a fresh install root, its own Docker network, links on 127.0.0.1; the traffic
    agent is left out (its own tests cover it)."""
    service = ServerService(session, root=profile.install_root, engine=engine, manage_agent=False)
    service.ensure_state()
    cleanup.register_instance(service.load_state().instance_id)
    service.set_setting("server_ip", "127.0.0.1")
    service.set_setting("docker_network", f"mtpm-t-{uuid.uuid4().hex[:10]}")
    return service


def started_at(client: Any, container_id: str) -> tuple[str, str]:
    attrs = client.api.inspect_container(container_id)
    return attrs["Id"], attrs["State"]["StartedAt"]
