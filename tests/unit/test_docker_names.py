"""create_named: a name conflict with this install's own leftover clears it and tries again; anyone else's
container is never touched."""

from __future__ import annotations

from typing import Any

import docker.errors
import pytest
import requests

from mtpm_desktop.remote.docker_names import TRIES, NameBusy, NameTaken, create_named

pytestmark = pytest.mark.unit

OWN = {"mtpm.managed": "1", "mtpm.instance": "i1", "mtpm.role": "proxy"}


def _conflict() -> docker.errors.APIError:
    response = requests.Response()
    response.status_code = 409
    return docker.errors.APIError("Conflict. The container name is already in use", response=response)


class FakeEngine:
    """Names -> (id, labels); `pending` names are reserved by a create still running (inspect: 404)."""

    def __init__(self) -> None:
        self.containers: dict[str, tuple[str, dict[str, str]]] = {}
        self.pending: dict[str, int] = {}  # name -> inspections before the late create shows up
        self.removed: list[str] = []

    def create(self, name: str) -> dict[str, str]:
        if name in self.containers or name in self.pending:
            raise _conflict()
        self.containers[name] = (f"new-{name}", dict(OWN))
        return {"Id": f"new-{name}"}

    def inspect_container(self, name: str) -> dict[str, Any]:
        if name in self.pending:
            self.pending[name] -= 1
            if self.pending[name] <= 0:  # the late create finished: its container is there now
                del self.pending[name]
                self.containers[name] = (f"late-{name}", dict(OWN))
            raise docker.errors.NotFound("No such container")
        if name not in self.containers:
            raise docker.errors.NotFound("No such container")
        ident, labels = self.containers[name]
        return {"Id": ident, "Config": {"Labels": labels}}

    def remove_container(self, ident: str, force: bool = False) -> None:
        assert force
        name = next(n for n, (i, _) in self.containers.items() if i == ident)
        del self.containers[name]
        self.removed.append(ident)


def test_a_leftover_of_this_install_is_removed_and_the_create_tried_again() -> None:
    api = FakeEngine()
    api.containers["mtg-proxy-2443"] = ("left", {**OWN, "mtpm.user-id": "u1"})
    created = create_named(lambda: api.create("mtg-proxy-2443"), api, "mtg-proxy-2443", OWN, wait_s=0)
    assert created == {"Id": "new-mtg-proxy-2443"} and api.removed == ["left"]


def test_a_create_still_running_on_the_server_is_waited_for_then_replaced() -> None:
    api = FakeEngine()
    api.pending["mtg-proxy-2443"] = 1
    created = create_named(lambda: api.create("mtg-proxy-2443"), api, "mtg-proxy-2443", OWN, wait_s=0)
    assert created["Id"] == "new-mtg-proxy-2443" and api.removed == ["late-mtg-proxy-2443"]


@pytest.mark.parametrize(
    "labels",
    [{}, {**OWN, "mtpm.instance": "another-install"}, {**OWN, "mtpm.role": "nginx"}],
    ids=["unlabelled", "another install", "another role"],
)
def test_someone_elses_container_is_left_alone(labels: dict[str, str]) -> None:
    api = FakeEngine()
    api.containers["mtg-proxy-2443"] = ("theirs", labels)
    with pytest.raises(NameTaken):
        create_named(lambda: api.create("mtg-proxy-2443"), api, "mtg-proxy-2443", OWN, wait_s=0)
    assert api.removed == [] and api.containers["mtg-proxy-2443"][0] == "theirs"


def test_a_name_that_stays_reserved_gives_up_after_the_tries() -> None:
    api = FakeEngine()
    api.pending["mtg-proxy-2443"] = TRIES + 5
    with pytest.raises(NameBusy):
        create_named(lambda: api.create("mtg-proxy-2443"), api, "mtg-proxy-2443", OWN, wait_s=0)


def test_other_docker_errors_pass_through() -> None:
    def refuse() -> Any:
        raise docker.errors.APIError("no space left on device")

    with pytest.raises(docker.errors.APIError, match="no space"):
        create_named(refuse, FakeEngine(), "mtg-proxy-2443", OWN, wait_s=0)
