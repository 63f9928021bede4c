"""The device limit in the desired state: validated, inherited, round-tripped, and absent in old files."""

from __future__ import annotations

import json

import pytest

from mtpm_desktop.core.errors import InvalidLimit
from mtpm_desktop.core.limits import effective_limits
from mtpm_desktop.core.state import dump_state, load_state, new_state
from mtpm_desktop.core.users import add_user, find_user, set_limits
from mtpm_desktop.core.validation import validate_max_devices
from mtpm_desktop.remote.server_settings import apply_setting, settings_view
from mtpm_desktop.remote.user_edits import update_user


def test_user_value_wins_unset_inherits_and_round_trips() -> None:
    state = new_state()
    state.max_devices = 3
    state, anna = add_user(state, "anna", max_devices=2)
    state, bob = add_user(state, "bob")
    state, carl = add_user(state, "carl", max_devices=0)
    assert [effective_limits(state, u).max_devices for u in (anna, bob, carl)] == [2, 3, 0]
    again = load_state(dump_state(state))
    assert not again.problems
    assert again.state.max_devices == 3
    assert [u.max_devices for u in again.state.users] == [2, None, 0]
    assert "max_devices" not in json.loads(dump_state(state))["users"][1]  # unset stays unset


def test_files_without_device_limits_load_unlimited_and_stay_unchanged() -> None:
    state, _ = add_user(new_state(), "anna")
    text = dump_state(state)
    assert "max_devices" not in text
    loaded = load_state(text)
    assert loaded.state.max_devices == 0 and loaded.state.users[0].max_devices is None
    assert dump_state(loaded.state) == text


@pytest.mark.parametrize("bad", [-1, 1.5, "many", True, 10_001])
def test_bad_values_are_refused_with_a_clear_error(bad: object) -> None:
    with pytest.raises(InvalidLimit, match=r"device limit|number"):
        validate_max_devices(bad)


def test_a_bad_value_in_the_file_is_a_problem_and_the_default_applies() -> None:
    state, _ = add_user(new_state(), "anna")
    doc = json.loads(dump_state(state))
    doc["users"][0]["max_devices"] = "lots"
    doc["max_devices"] = -2
    loaded = load_state(json.dumps(doc))
    assert [p.where for p in loaded.problems if "max_devices" in p.where] == [
        "max_devices",
        "users[0] 'anna'.max_devices",
    ]
    assert loaded.state.max_devices == 0 and loaded.state.users[0].max_devices is None


def test_set_limits_and_update_user_default_word() -> None:
    state, anna = add_user(new_state(), "anna")
    state = set_limits(state, anna.id, max_devices="4")
    assert find_user(state, "anna").max_devices == 4
    state, _ = update_user(state, "anna", max_devices=0)
    assert find_user(state, "anna").max_devices == 0
    state, _ = update_user(state, "anna", max_devices="default")
    assert find_user(state, "anna").max_devices is None
    state, _ = update_user(state, "anna", name="anne")  # other edits leave it alone
    assert find_user(state, "anne").max_devices is None


def test_server_setting() -> None:
    state = new_state()
    assert apply_setting(state, "max_devices", "5") == 5
    assert settings_view(state)["max_devices"] == 5
    with pytest.raises(InvalidLimit):
        apply_setting(state, "max_devices", "-1")
