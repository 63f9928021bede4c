"""Service-level planning that needs no server: the port-443 preview."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.unit


def test_preview_port_443_lists_link_changes_without_writing() -> None:
    from mtpm_desktop.core import users as core_users
    from mtpm_desktop.core.state import new_state
    from mtpm_desktop.remote.service import ServerService

    state = new_state(server_ip="203.0.113.5")
    state, _ = core_users.add_user(state, "a", port=3001)
    state, _ = core_users.add_user(state, "b", port=3002)

    class StateOnly(ServerService):
        """Answers from a state in memory: the preview is pure planning, nothing is read or written."""

        def load_state(self) -> object:  # type: ignore[override]
            return state

    lines = StateOnly(session=None).preview_port_443(True)
    # Both share the default domain: b gets a pool domain (new secret); both links move to port 443.
    assert any(line.startswith("b: new domain") for line in lines)
    assert sum("link changes to tg://proxy?server=203.0.113.5&port=443" in line for line in lines) == 2
