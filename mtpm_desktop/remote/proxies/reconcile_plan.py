"""The reconcile planner: desired proxies + observed labelled containers -> the few actions that differ.

Pure and deterministic: it never talks to Docker. Only what differs is touched, so adding, disabling,
renaming or deleting one user never restarts another (the old panel restarted everything on every change).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

# Docker states in which a container counts as up: a crash-looping ("restarting") container is left to
# Docker's restart policy rather than started again on every reconcile.
RUNNING_STATES = frozenset({"running", "restarting"})
# States from which `docker start` cannot recover it: recreate instead.
BROKEN_STATES = frozenset({"dead", "paused"})


class ActionKind(StrEnum):
    REMOVE = "remove"
    STOP = "stop"
    RECREATE = "recreate"
    CREATE = "create"
    START = "start"


# Removals first (they free names and ports a create may need), starts last.
_ORDER = {
    ActionKind.REMOVE: 0,
    ActionKind.STOP: 1,
    ActionKind.RECREATE: 2,
    ActionKind.CREATE: 3,
    ActionKind.START: 4,
}


@dataclass(frozen=True)
class DesiredProxy:
    user_id: str
    name: str
    port: int
    config_hash: str
    running: bool  # enabled and not expired


@dataclass(frozen=True)
class ObservedProxy:
    container_id: str
    container_name: str
    user_id: str
    port: int
    config_hash: str
    status: str  # Docker's State: created|running|restarting|exited|paused|dead

    @property
    def running(self) -> bool:
        return self.status in RUNNING_STATES


@dataclass(frozen=True)
class Action:
    kind: ActionKind
    user_id: str
    port: int
    container_id: str | None  # the container acted on (None for create)
    reason: str


def _pick(candidates: list[ObservedProxy], want: DesiredProxy | None) -> ObservedProxy:
    """Of several containers for one user keep the best match: same hash, then running, then any."""

    def score(o: ObservedProxy) -> tuple[bool, bool, bool, str]:
        same_hash = want is not None and o.config_hash == want.config_hash and o.port == want.port
        return (same_hash, o.running, o.status not in BROKEN_STATES, o.container_id)

    return max(candidates, key=score)


def plan(desired: Iterable[DesiredProxy], observed: Iterable[ObservedProxy]) -> list[Action]:
    """The actions that bring `observed` to `desired`; empty when they already agree."""
    want = {d.user_id: d for d in desired}
    by_user: dict[str, list[ObservedProxy]] = {}
    for o in observed:
        by_user.setdefault(o.user_id, []).append(o)

    actions: list[Action] = []
    for user_id, found in by_user.items():
        d = want.get(user_id)
        if d is None:
            actions += [
                Action(ActionKind.REMOVE, user_id, o.port, o.container_id, "user removed") for o in found
            ]
            continue
        keep = _pick(found, d)
        actions += [
            Action(ActionKind.REMOVE, user_id, o.port, o.container_id, "duplicate container")
            for o in found
            if o is not keep
        ]
        stale = keep.config_hash != d.config_hash or keep.port != d.port
        if not d.running:
            if keep.running:
                actions.append(
                    Action(ActionKind.STOP, user_id, keep.port, keep.container_id, "user disabled")
                )
        elif stale:
            actions.append(
                Action(ActionKind.RECREATE, user_id, d.port, keep.container_id, "configuration changed")
            )
        elif keep.status in BROKEN_STATES:
            actions.append(
                Action(ActionKind.RECREATE, user_id, d.port, keep.container_id, f"container {keep.status}")
            )
        elif not keep.running:
            actions.append(Action(ActionKind.START, user_id, d.port, keep.container_id, "container stopped"))

    for user_id, d in want.items():
        if user_id not in by_user and d.running:
            actions.append(Action(ActionKind.CREATE, user_id, d.port, None, "container missing"))

    actions.sort(key=lambda a: (_ORDER[a.kind], a.port, a.user_id))
    return actions
