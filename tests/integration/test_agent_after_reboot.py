"""A server without systemd loses the agent's respawn loop on reboot: the next change brings it back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from mtpm_desktop.remote.service import ServerService
from tests.integration.orchestration_helpers import new_service

pytestmark = pytest.mark.integration


@pytest.fixture
def service(server_session: Any, server_profile: Any, test_engine: Any, docker_cleanup: Any) -> Iterator[Any]:
    svc = new_service(server_session, server_profile, test_engine, docker_cleanup)
    managed = ServerService(server_session, root=server_profile.install_root, engine=test_engine)
    try:
        yield managed
    finally:
        managed.agent.stop()
        svc.stop_all()


def test_a_user_edit_restarts_an_agent_lost_to_a_reboot(service: ServerService) -> None:
    service.reconcile()  # a full reconcile installs and starts the agent
    assert service.agent.loop_running()
    service.agent.stop()  # what a reboot does to a respawn loop
    assert not service.agent.loop_running()

    service.add_user("after-reboot")

    assert service.agent.loop_running()
    assert service.agent.status().running
