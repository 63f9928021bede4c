"""A container name already taken when a proxy is created: this install's own leftover is replaced, anyone
else's is left alone with a message that says what to do.

The leftover is what a cut link makes: the create's request reached dockerd, the answer was lost, and the
container appeared only after the next reconcile had listed the server's containers. The test makes that
order by hiding the container from the reconcile's list, the way the late create hides it.
"""

from __future__ import annotations

from typing import Any

import pytest

from mtpm_desktop.remote.checks.faketls_probe import LinkStatus
from mtpm_desktop.remote.proxies.reconcile import Reconciler, container_name
from mtpm_desktop.remote.service import ServerService
from tests.fixtures.ports import free_port
from tests.integration.orchestration_helpers import new_service, wait_probe

pytestmark = pytest.mark.integration


@pytest.fixture
def service(server_session: Any, server_profile: Any, test_engine: Any, docker_cleanup: Any) -> ServerService:
    return new_service(server_session, server_profile, test_engine, docker_cleanup)


def _named(client: Any, name: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.api.containers(all=True, filters={"name": f"^/{name}$"})
    return found


def test_a_leftover_of_this_install_that_the_plan_missed_is_replaced(
    service: ServerService, docker_engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    added = service.add_user("anna", port=port)
    assert added.reconcile.ok and added.user is not None, added.reconcile.errors
    leftover = _named(docker_engine, container_name(port))
    assert len(leftover) == 1
    # The container is there, but the next plan's list was taken before it appeared.
    real = Reconciler.containers
    calls: list[int] = []

    def list_before_the_late_create(self: Reconciler) -> list[dict[str, Any]]:
        calls.append(1)
        return [] if len(calls) == 1 else real(self)

    monkeypatch.setattr(Reconciler, "containers", list_before_the_late_create)
    report = service.reconcile()
    assert report.ok, report.errors
    assert [(r.name, r.action) for r in report.changed] == [("anna", "created")]
    now = _named(docker_engine, container_name(port))
    assert len(now) == 1 and now[0]["Id"] != leftover[0]["Id"] and now[0]["State"] == "running"
    assert wait_probe(port, added.user.secret, LinkStatus.ACCEPTED).status is LinkStatus.ACCEPTED
    again = service.reconcile()
    assert again.ok and not again.changed, again.changed


def test_someone_elses_container_with_the_name_stays_and_the_message_says_what_to_do(
    service: ServerService, docker_engine: Any, docker_cleanup: Any, test_engine: Any
) -> None:
    port = free_port()
    foreign = docker_engine.api.create_container(
        test_engine.image,
        command=["sleep", "600"],
        name=container_name(port),
        labels=docker_cleanup.labels,  # the sweep's label only: not mtpm's
    )
    added = service.add_user("boris", port=port)
    assert not added.reconcile.ok
    (error,) = [r.error or "" for r in added.reconcile.errors]
    assert "is not managed by this mtpm install" in error and "mtpm import-panel" in error, error
    still = _named(docker_engine, container_name(port))
    assert [c["Id"] for c in still] == [foreign["Id"]]
