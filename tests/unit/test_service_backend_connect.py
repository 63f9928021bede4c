"""The desktop's per-server backend never leaves an SSH connection open behind a failed first contact."""

from __future__ import annotations

import pytest

import mtpm_desktop.remote.service as service_module
import mtpm_desktop.ui.service_backend as backend_module
from mtpm_desktop.core.errors import StateFileError
from mtpm_desktop.remote.ssh.profiles import ServerProfile

pytestmark = pytest.mark.unit


class _Session:
    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


class _BrokenStateService:
    def __init__(self, session: _Session, root: str) -> None:
        self.session = session

    def ensure_state(self) -> None:
        raise StateFileError("config.json is not valid JSON; fix or remove it by hand.")


def test_a_failed_first_contact_closes_its_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    sessions: list[_Session] = []

    def connect(profile: ServerProfile) -> _Session:
        sessions.append(_Session())
        return sessions[-1]

    monkeypatch.setattr(backend_module, "_connect", connect)
    monkeypatch.setattr(service_module, "ServerService", _BrokenStateService)
    backend = backend_module.ServiceBackend(ServerProfile(name="box", host="203.0.113.9", user="root"))
    for _ in range(2):
        with pytest.raises(StateFileError):
            backend.service()
    assert len(sessions) == 2 and all(s.closed for s in sessions)
