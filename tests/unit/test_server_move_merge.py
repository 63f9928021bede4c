"""Carrying a server's settings and users onto another (core/server_move.py)."""

from __future__ import annotations

import pytest

from mtpm_desktop.core.server_move import MoveConflict, merge_documents

pytestmark = pytest.mark.unit


def _user(uid: str, name: str, port: int, **extra: object) -> dict[str, object]:
    return {"id": uid, "name": name, "port": port, "secret": "ee" + "00" * 16, **extra}


SOURCE = {
    "instance_id": "old-instance",
    "server_ip": "198.51.100.1",
    "server_domain": "proxy.example.com",
    "revision": 40,
    "traffic_limit_gb": 50,
    "port_443_mode": False,
    "docker_network": "mtpm",
    "a_key_from_a_newer_feature": {"site": "on"},
    "users": [
        _user("u1", "anna", 2443, traffic_limit_gb=5, enabled=False),
        _user("u2", "boris", 2444),
        _user("u3", "vera", 2445),
    ],
}
TARGET = {"instance_id": "new-instance", "server_ip": "203.0.113.7", "revision": 3, "users": []}


def test_settings_come_whole_except_what_names_the_target_machine() -> None:
    plan = merge_documents(SOURCE, TARGET, ["u1", "u2"])
    doc = plan.document
    assert doc["instance_id"] == "new-instance" and doc["server_ip"] == "203.0.113.7"
    assert doc["revision"] == 3
    assert doc["server_domain"] == "proxy.example.com"
    assert doc["traffic_limit_gb"] == 50
    assert doc["a_key_from_a_newer_feature"] == {"site": "on"}
    assert [u["id"] for u in doc["users"]] == ["u1", "u2"]
    assert doc["users"][0] == SOURCE["users"][0]  # type: ignore[index]
    assert plan.created == ["u1", "u2"] and plan.ports == {}


def test_a_busy_port_gets_the_lowest_free_one_and_is_reported() -> None:
    plan = merge_documents(SOURCE, TARGET, ["u1", "u2", "u3"], busy_ports=[2444])
    ports = {u["id"]: u["port"] for u in plan.document["users"]}
    assert ports["u1"] == 2443 and ports["u3"] == 2445
    assert plan.ports == {"u2": (2444, 2446)}


def test_users_already_on_the_target_are_never_created_twice() -> None:
    first = merge_documents(SOURCE, TARGET, ["u1", "u2"])
    again = merge_documents(SOURCE, first.document, ["u1", "u2", "u3"])
    assert again.present == ["u1", "u2"] and again.created == ["u3"]
    assert [u["id"] for u in again.document["users"]] == ["u1", "u2", "u3"]


def test_a_name_taken_by_another_user_on_the_target_is_a_conflict() -> None:
    target = {**TARGET, "users": [_user("x9", "anna", 3000)]}
    with pytest.raises(MoveConflict, match="anna"):
        merge_documents(SOURCE, target, ["u1"])


def test_an_unknown_user_is_named() -> None:
    with pytest.raises(MoveConflict, match="nobody"):
        merge_documents(SOURCE, TARGET, ["nobody"])
