"""Carrying one server's state onto another (a move, or a restore from a backup): pure, on state documents.

The settings come along as a whole (every top-level key, including ones this version does not know), except
the few that name things on the target machine itself (`MACHINE_KEYS`): its instance id, address, Docker
network and router container. Users are taken by id, with everything they carry; one already on the target
(same id, e.g. a move that is resumed) is left as it is, so no user is ever created twice. A user keeps its
port where the port is free on the target, else gets the lowest free one, and the change is reported.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import MtpmError
from .messages import msg
from .ports import lowest_free_port, reserved_ports
from .state import DEFAULT_BASE_PORT, DEFAULT_SNI_LISTEN_PORT

MACHINE_KEYS = ("instance_id", "server_ip", "docker_network", "nginx_container_name")


class MoveConflict(MtpmError):
    """The target server already has a different user of the same name, or the source lacks a user."""


@dataclass
class MergePlan:
    """The target's new document, the users added now, those already there, and the port changes."""

    document: dict[str, Any]
    created: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    ports: dict[str, tuple[int, int]] = field(default_factory=dict)  # user id -> (old port, new port)


def _users(doc: dict[str, Any]) -> list[dict[str, Any]]:
    users = doc.get("users") or []
    return [u for u in users if isinstance(u, dict)]


def user_ids(doc: dict[str, Any]) -> list[str]:
    return [str(u.get("id")) for u in _users(doc) if u.get("id")]


def merge_documents(
    source: dict[str, Any],
    target: dict[str, Any],
    ids: Iterable[str],
    *,
    busy_ports: Iterable[int] = (),
) -> MergePlan:
    """The target document after carrying `source`'s settings and the users `ids` onto it.

    `busy_ports` are ports already taken on the target machine by something else (another program)."""
    by_id = {str(u.get("id")): u for u in _users(source)}
    wanted = list(dict.fromkeys(ids))
    missing = [i for i in wanted if i not in by_id]
    if missing:
        raise MoveConflict(msg("The source server has no user with id {ids}.", ids=", ".join(missing)))
    out = {k: copy.deepcopy(v) for k, v in source.items() if k not in ("users", "revision")}
    for key in MACHINE_KEYS:
        if target.get(key):
            out[key] = copy.deepcopy(target[key])
        elif key == "server_ip":
            out.pop(key, None)  # the source's address is not the target's
    if "revision" in target:
        out["revision"] = target["revision"]
    placed = copy.deepcopy(_users(target))
    out["users"] = placed
    present_ids = {str(u.get("id")) for u in placed}
    names = {str(u.get("name")): str(u.get("id")) for u in placed}
    reserved = reserved_ports(int(out.get("sni_listen_port") or DEFAULT_SNI_LISTEN_PORT))
    used = {int(u.get("port") or 0) for u in placed} | {int(p) for p in busy_ports}
    plan = MergePlan(document=out)
    added: list[dict[str, Any]] = []
    for uid in wanted:
        if uid in present_ids:
            plan.present.append(uid)
            continue
        user = copy.deepcopy(by_id[uid])
        name = str(user.get("name"))
        if names.get(name, uid) != uid:
            raise MoveConflict(
                msg(
                    "The target server already has another user named {name!r}: rename one of them first.",
                    name=name,
                )
            )
        names[name] = uid
        added.append(user)
    # First every user that can keep its port does, then the others take the lowest free ones: a moved
    # port never takes the port a later user of the same move still has free.
    moving: list[dict[str, Any]] = []
    for user in added:
        port = int(user.get("port") or 0)
        if port > 0 and port not in used and port not in reserved:
            used.add(port)
        else:
            moving.append(user)
    base = int(out.get("proxy_port") or DEFAULT_BASE_PORT)
    for user in moving:
        new_port = lowest_free_port(base, used, reserved)
        plan.ports[str(user.get("id"))] = (int(user.get("port") or 0), new_port)
        user["port"] = new_port
        used.add(new_port)
    placed.extend(added)
    plan.created = [str(u.get("id")) for u in added]
    return plan
