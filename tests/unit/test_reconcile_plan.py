"""The reconcile planner: only what differs is touched."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtpm_desktop.remote.proxies.reconcile_plan import Action, ActionKind, DesiredProxy, ObservedProxy, plan

pytestmark = pytest.mark.unit


def d(uid: str, port: int, h: str = "h1", running: bool = True) -> DesiredProxy:
    return DesiredProxy(user_id=uid, name=uid, port=port, config_hash=h, running=running)


def o(uid: str, port: int, h: str = "h1", status: str = "running", cid: str | None = None) -> ObservedProxy:
    return ObservedProxy(
        container_id=cid or f"c-{uid}-{port}-{h}-{status}",
        container_name=f"mtg-proxy-{port}",
        user_id=uid,
        port=port,
        config_hash=h,
        status=status,
    )


def kinds(actions: list[Action]) -> list[tuple[ActionKind, str]]:
    return [(a.kind, a.user_id) for a in actions]


def test_converged_plans_nothing() -> None:
    assert (
        plan(
            [d("a", 1), d("b", 2), d("c", 3, running=False)],
            [o("a", 1), o("b", 2), o("c", 3, status="exited")],
        )
        == []
    )


def test_disabled_without_container_plans_nothing() -> None:
    assert plan([d("a", 1, running=False)], []) == []


def test_new_user_creates_only_that_one() -> None:
    assert kinds(plan([d("a", 1), d("b", 2)], [o("a", 1)])) == [(ActionKind.CREATE, "b")]


def test_hash_change_recreates_only_that_one() -> None:
    actions = plan([d("a", 1, "new"), d("b", 2)], [o("a", 1, "old"), o("b", 2)])
    assert kinds(actions) == [(ActionKind.RECREATE, "a")]
    assert actions[0].container_id == "c-a-1-old-running"


def test_port_change_recreates() -> None:
    assert kinds(plan([d("a", 5)], [o("a", 1)])) == [(ActionKind.RECREATE, "a")]


def test_stopped_by_hand_is_started_and_disabled_is_stopped() -> None:
    actions = plan([d("a", 1), d("b", 2, running=False)], [o("a", 1, status="exited"), o("b", 2)])
    assert kinds(actions) == [(ActionKind.STOP, "b"), (ActionKind.START, "a")]


def test_created_but_never_started_is_started() -> None:
    assert kinds(plan([d("a", 1)], [o("a", 1, status="created")])) == [(ActionKind.START, "a")]


@pytest.mark.parametrize("status", ["dead", "paused"])
def test_broken_container_is_recreated(status: str) -> None:
    assert kinds(plan([d("a", 1)], [o("a", 1, status=status)])) == [(ActionKind.RECREATE, "a")]


def test_restarting_is_left_to_docker() -> None:
    assert plan([d("a", 1)], [o("a", 1, status="restarting")]) == []


def test_removed_user_container_is_removed() -> None:
    actions = plan([d("a", 1)], [o("a", 1), o("gone", 2, status="exited")])
    assert kinds(actions) == [(ActionKind.REMOVE, "gone")]


def test_duplicates_keep_the_matching_one() -> None:
    good = o("a", 1, "h1", cid="good")
    actions = plan(
        [d("a", 1, "h1")], [o("a", 1, "h0", cid="old"), good, o("a", 1, "h1", "exited", cid="dup")]
    )
    assert sorted((a.kind, a.container_id) for a in actions) == [
        (ActionKind.REMOVE, "dup"),
        (ActionKind.REMOVE, "old"),
    ]


def test_removals_come_before_creates() -> None:
    # A new user takes a deleted user's port: the old container must go first (name and port are free then).
    actions = plan([d("new", 1)], [o("old", 1)])
    assert kinds(actions) == [(ActionKind.REMOVE, "old"), (ActionKind.CREATE, "new")]


_users = st.dictionaries(
    st.sampled_from(["a", "b", "c", "d", "e"]),
    st.tuples(st.integers(1000, 1004), st.sampled_from(["h1", "h2"]), st.booleans()),
)
_status = st.sampled_from(["running", "exited", "created", "restarting", "dead", "paused"])


@given(
    _users,
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "x"]),
            st.integers(1000, 1004),
            st.sampled_from(["h1", "h2"]),
            _status,
        )
    ),
)
def test_applying_the_plan_converges(
    users: dict[str, tuple[int, str, bool]], seen: list[tuple[str, int, str, str]]
) -> None:
    desired = [d(u, p, h, r) for u, (p, h, r) in users.items()]
    observed = {f"c{i}": o(u, p, h, s, cid=f"c{i}") for i, (u, p, h, s) in enumerate(seen)}
    # Simulate executing the plan, then plan again: nothing must be left to do.
    n = len(observed)
    for a in plan(desired, list(observed.values())):
        want = next((x for x in desired if x.user_id == a.user_id), None)
        if a.kind in (ActionKind.REMOVE, ActionKind.RECREATE):
            assert a.container_id is not None
            del observed[a.container_id]
        if a.kind in (ActionKind.CREATE, ActionKind.RECREATE):
            assert want is not None and want.running
            n += 1
            observed[f"c{n}"] = o(a.user_id, want.port, want.config_hash, "running", cid=f"c{n}")
        if a.kind is ActionKind.START:
            assert a.container_id is not None
            prev = observed[a.container_id]
            observed[a.container_id] = o(
                prev.user_id, prev.port, prev.config_hash, "running", cid=a.container_id
            )
        if a.kind is ActionKind.STOP:
            assert a.container_id is not None
            prev = observed[a.container_id]
            observed[a.container_id] = o(
                prev.user_id, prev.port, prev.config_hash, "exited", cid=a.container_id
            )
    assert plan(desired, list(observed.values())) == []
