"""The SSH connection cut at seeded byte offsets in the middle of add user, delete user, port-443 mode switch
and reconcile (a `CutRelay` between client and sshd severs every connection when the budget runs out).

Whatever the point, the operation ends with a typed MtpmError or succeeds (the session reconnects for the
next call), and afterwards: config.json is one valid document, one reconcile converges, each user has
exactly one container and no container lacks a user, no user is lost. Reproduce a failing point with the
printed seed and offset.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial
from typing import Any

import docker
import pytest

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.remote.proxies.reconcile import LABEL_INSTANCE, LABEL_ROLE
from tests.fixtures.ports import free_port
from tests.reliability.helpers import RelayedServer, assert_converged, read_state

pytestmark = pytest.mark.integration

SEED = 1010
POINTS = 20
RETRY_SHRINK = 0.6  # a cut point that landed past the end is tried again at 60%, then 36% of its offset


def _points(total: int, seed: int) -> list[int]:
    """POINTS distinct offsets spread over the operation's bytes (one per stratum, so early, middle and
    late steps are all hit), reproducible from the seed. The last 10% are left out: an operation's byte
    count varies a little from run to run, and a point past its end tests nothing."""
    rng = random.Random(seed)
    step = 0.9 * total / POINTS
    return [max(1, int(i * step + rng.random() * step)) for i in range(POINTS)]


def _measure(server: RelayedServer, op: Callable[[], Any]) -> int:
    server.relay.reset_count()
    op()
    return server.relay.forwarded


def _cut_during(server: RelayedServer, budget: int, op: Callable[[], Any]) -> tuple[bool, str]:
    """Run `op` with the connection cut after `budget` bytes. Returns (cut happened, outcome)."""
    server.relay.arm(budget)
    try:
        op()
        outcome = "completed"
    except MtpmError as exc:
        outcome = f"{type(exc).__name__}: {exc.message}"
    except Exception as exc:  # any other type is the failure this test exists for
        server.relay.disarm()
        raise AssertionError(f"untyped {type(exc).__name__} at offset {budget}: {exc!r}") from exc
    return server.relay.disarm(), outcome


def _names(server: RelayedServer) -> set[str]:
    return {u.name for u in read_state(server.config_path).users}


def test_cut_during_add_and_delete_user(relayed: RelayedServer, docker_engine: docker.DockerClient) -> None:
    svc = relayed.service
    svc.add_user("keeper", port=free_port())
    # Calibrate: the bytes one add and one delete move (a warm session, as in the rounds below).
    add_total = _measure(relayed, lambda: svc.add_user("probe", port=free_port()))
    del_total = _measure(relayed, lambda: svc.remove_user("probe"))
    cuts = attempts = 0
    log: list[str] = []
    for i, (add_at, del_at) in enumerate(
        zip(_points(add_total, SEED), _points(del_total, SEED + 1), strict=True)
    ):
        before = _names(relayed)
        name = f"u{i}"
        cut, outcome = _cut_during(relayed, add_at, partial(svc.add_user, name, port=free_port()))
        cuts, attempts = cuts + cut, attempts + 1
        log.append(f"add@{add_at}: cut={cut} {outcome[:60]}")
        after = _names(relayed)
        assert before <= after <= before | {name}, f"add cut at {add_at} (seed {SEED}): {before} -> {after}"
        state = assert_converged(relayed, docker_engine)
        if name not in {u.name for u in state.users}:
            continue
        cut, outcome = _cut_during(relayed, del_at, partial(svc.remove_user, name))
        cuts, attempts = cuts + cut, attempts + 1
        log.append(f"delete@{del_at}: cut={cut} {outcome[:60]}")
        after_delete = _names(relayed)
        assert after - {name} <= after_delete <= after, f"delete cut at {del_at} (seed {SEED + 1})"
        assert_converged(relayed, docker_engine)
    assert "keeper" in _names(relayed)
    # Nearly every point must land inside its operation (a point past the end tests nothing).
    assert cuts >= attempts - 2, "\n".join(log)


def test_cut_during_reconcile(relayed: RelayedServer, docker_engine: docker.DockerClient) -> None:
    svc = relayed.service
    svc.add_user("anna", port=free_port())
    svc.add_user("boris", port=free_port())
    instance = read_state(relayed.config_path).instance_id

    def drift() -> None:
        # Work for the reconcile: one container removed by hand, the other stopped.
        containers = {c.labels["mtpm.user-id"]: c for c in _proxies(docker_engine, instance)}
        state = read_state(relayed.config_path)
        containers[state.users[0].id].remove(force=True)
        containers[state.users[1].id].stop(timeout=1)

    drift()
    total = _measure(relayed, svc.reconcile)
    cuts = rounds = 0
    points = _points(total, SEED + 2)
    while cuts < POINTS and rounds < 3 * POINTS:  # a point past the end is retried nearer the start
        at = max(1, int(points[rounds % POINTS] * RETRY_SHRINK ** (rounds // POINTS)))
        rounds += 1
        drift()
        cut, _ = _cut_during(relayed, at, svc.reconcile)
        cuts += cut
        assert _names(relayed) == {"anna", "boris"}
        assert_converged(relayed, docker_engine)
    assert cuts >= POINTS


def test_cut_during_port_443_mode_switch(relayed: RelayedServer, docker_engine: docker.DockerClient) -> None:
    svc = relayed.service
    svc.add_user("anna", port=free_port(), domain="ya.ru")
    instance = read_state(relayed.config_path).instance_id
    on_total = _measure(relayed, lambda: svc.set_setting("port_443_mode", "true"))
    off_total = _measure(relayed, lambda: svc.set_setting("port_443_mode", "false"))
    cuts = 0
    mode = False
    on_points, off_points = _points(on_total, SEED + 3), _points(off_total, SEED + 4)
    # A switch's byte count varies (nginx checks, recreated containers): a point that lands past the end
    # tests nothing, so such a stratum is tried again at 60% of its offset until POINTS cuts happened.
    rounds = 0
    while cuts < POINTS and rounds < 3 * POINTS:
        i, rounds = rounds % POINTS, rounds + 1
        target = not mode
        # A retried stratum moves nearer the start each pass (a busy machine polls less, so sends less).
        at = max(1, int((on_points if target else off_points)[i] * RETRY_SHRINK ** ((rounds - 1) // POINTS)))
        cut, outcome = _cut_during(
            relayed, at, partial(svc.set_setting, "port_443_mode", "true" if target else "false")
        )
        cuts += cut
        state = read_state(relayed.config_path)
        assert state.port_443_mode in (mode, target), outcome
        assert [u.name for u in state.users] == ["anna"]
        state = assert_converged(relayed, docker_engine)
        mode = state.port_443_mode
        routers = docker_engine.containers.list(
            all=True, filters={"label": [f"{LABEL_INSTANCE}={instance}", f"{LABEL_ROLE}=nginx"]}
        )
        assert len(routers) == (1 if mode else 0), f"point {i} at {at}: routers {[r.name for r in routers]}"
        if mode:
            assert routers[0].status == "running"
    assert cuts >= POINTS


def _proxies(client: docker.DockerClient, instance: str) -> list[Any]:
    return client.containers.list(  # type: ignore[no-any-return]
        all=True, filters={"label": [f"{LABEL_INSTANCE}={instance}", f"{LABEL_ROLE}=proxy"]}
    )
