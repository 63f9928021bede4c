"""Server profiles on disk: schema, round trip, no secrets, ~/.ssh/config import, jump specs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtpm_desktop.remote.errors import ProfileError, ProfileNotFound
from mtpm_desktop.remote.ssh.connect import parse_jump_spec
from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile, app_data_dir
from mtpm_desktop.remote.ssh.ssh_config import list_aliases, profile_from_ssh_config

pytestmark = pytest.mark.unit


def test_round_trip_keeps_order_unknown_keys_and_mode(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path)
    store.save(ServerProfile(name="a", host="a.example"))
    store.save(ServerProfile(name="b", host="b.example", port=2222, user="admin", auth="password"))
    doc = json.loads(store.path.read_text())
    doc["servers"][0]["future_field"] = {"x": 1}
    doc["future_top"] = True
    store.path.write_text(json.dumps(doc))

    store.save(ServerProfile(name="a", host="a2.example", install_root="/srv/mtpm"))
    assert [p.name for p in store.list()] == ["a", "b"]
    a = store.get("a")
    assert (a.host, a.install_root, a.port, a.user, a.auth) == ("a2.example", "/srv/mtpm", 22, "root", "key")
    assert store.get("b").port == 2222
    doc = json.loads(store.path.read_text())
    assert doc["schema_version"] == 1 and doc["future_top"] is True
    b = ServerProfile.from_json(doc["servers"][1])
    assert b.to_json()["name"] == "b"
    assert store.path.stat().st_mode & 0o777 == 0o600
    assert list(tmp_path.glob(".servers-*")) == []  # no temp file left behind


def test_unknown_fields_survive(tmp_path: Path) -> None:
    profile = ServerProfile.from_json({"name": "x", "host": "h", "later": [1, 2]})
    assert profile.extra == {"later": [1, 2]}
    assert profile.to_json()["later"] == [1, 2]


def test_profile_has_only_flags_for_secrets() -> None:
    keys = set(ServerProfile(name="x", host="h").to_json())
    assert {"has_password", "has_passphrase", "has_sudo_password"} <= keys
    assert not keys & {"password", "passphrase", "sudo_password", "secret"}


def test_delete_and_missing(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path)
    store.save(ServerProfile(name="a", host="h"))
    store.delete("a")
    with pytest.raises(ProfileNotFound):
        store.get("a")
    with pytest.raises(ProfileNotFound):
        store.delete("a")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"name": " ", "host": "h"},
        {"name": "x", "host": ""},
        {"name": "x", "host": "h", "auth": "telnet"},
        {"name": "x", "host": "h", "port": 70000},
    ],
)
def test_invalid_profiles(kwargs: dict[str, object]) -> None:
    with pytest.raises(ProfileError):
        ServerProfile(**kwargs)  # type: ignore[arg-type]


def test_newer_or_damaged_file_is_refused(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path)
    store.path.write_text(json.dumps({"schema_version": 99, "servers": []}))
    with pytest.raises(ProfileError, match="newer mtpm"):
        store.list()
    store.path.write_text("{not json")
    with pytest.raises(ProfileError, match="Cannot read"):
        store.list()


def test_data_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTPM_DATA_DIR", str(tmp_path / "env-dir"))
    assert app_data_dir() == tmp_path / "env-dir"
    assert (tmp_path / "env-dir").stat().st_mode & 0o777 == 0o700
    assert app_data_dir(tmp_path / "explicit") == tmp_path / "explicit"


def test_import_from_ssh_config(tmp_path: Path) -> None:
    key = tmp_path / "id_vps"
    key.write_text("dummy")
    config = tmp_path / "config"
    config.write_text(
        f"""
Host vps
    HostName 203.0.113.7
    User admin
    Port 2201
    IdentityFile {tmp_path}/missing_key
    IdentityFile {key}
    ProxyJump jumper@bastion.example:2222

Host plain
    HostName plain.example

Host *.internal
    User ops
"""
    )
    assert list_aliases(config) == ["plain", "vps"]
    profile = profile_from_ssh_config("vps", config_path=config)
    assert (profile.name, profile.host, profile.user, profile.port) == ("vps", "203.0.113.7", "admin", 2201)
    assert (profile.auth, profile.key_path, profile.jump_host) == (
        "key",
        str(key),
        "jumper@bastion.example:2222",
    )
    plain = profile_from_ssh_config("plain", name="Plain VPS", config_path=config)
    assert (plain.name, plain.host, plain.port, plain.jump_host) == ("Plain VPS", "plain.example", 22, None)
    with pytest.raises(ProfileNotFound):
        profile_from_ssh_config("nope", config_path=config)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("bastion", ("me", "bastion", 22)),
        ("ops@bastion:2222", ("ops", "bastion", 2222)),
        ("[2001:db8::1]:2200", ("me", "2001:db8::1", 2200)),
        ("ops@2001:db8::1", ("ops", "2001:db8::1", 22)),
    ],
)
def test_parse_jump_spec(spec: str, expected: tuple[str, str, int]) -> None:
    assert parse_jump_spec(spec, "me") == expected
