"""Host key rules without a server: fingerprints as ssh-keygen prints them, lookups, pinning."""

from __future__ import annotations

import subprocess
from pathlib import Path

import paramiko
import pytest

from mtpm_desktop.remote.errors import HostKeyChanged, HostKeyUnknown
from mtpm_desktop.remote.ssh.hostkeys import (
    HostKeyStore,
    fingerprint_sha256,
    key_type_label,
    known_hosts_name,
)
from tests.fixtures.remote import make_keypair, public_key_from_line

pytestmark = pytest.mark.unit


def _key(tmp_path: Path, name: str, key_type: str = "ed25519") -> tuple[paramiko.PKey, Path]:
    path = tmp_path / name
    line = make_keypair(path, key_type)
    return public_key_from_line(line), path.with_name(path.name + ".pub")


@pytest.mark.parametrize(("key_type", "label"), [("ed25519", "ED25519"), ("ecdsa", "ECDSA"), ("rsa", "RSA")])
def test_fingerprint_matches_ssh_keygen(tmp_path: Path, key_type: str, label: str) -> None:
    key, pub = _key(tmp_path, f"k_{key_type}", key_type)
    printed = subprocess.run(
        ["ssh-keygen", "-lf", str(pub)], check=True, capture_output=True, text=True
    ).stdout
    _bits, fingerprint, *_rest, kind = printed.split()
    assert fingerprint_sha256(key) == fingerprint
    assert kind == f"({key_type_label(key)})" == f"({label})"


def test_known_hosts_name() -> None:
    assert known_hosts_name("h", 22) == "h"
    assert known_hosts_name("h", 2222) == "[h]:2222"


def test_unknown_then_pinned_then_changed(tmp_path: Path) -> None:
    key, _ = _key(tmp_path, "a")
    other, _ = _key(tmp_path, "b")
    store = HostKeyStore(tmp_path / "data" / "known_hosts", None)
    with pytest.raises(HostKeyUnknown) as unknown:
        store.verify("h", 2222, key)
    assert unknown.value.fingerprint == fingerprint_sha256(key)
    store.pin("h", 2222, key)
    store.verify("h", 2222, key)
    with pytest.raises(HostKeyUnknown):
        store.verify("h", 22, key)  # another port is another host
    with pytest.raises(HostKeyChanged) as changed:
        store.verify("h", 2222, other)
    assert changed.value.fingerprint == fingerprint_sha256(other)
    # Pinning again replaces: exactly one entry for the host, the new key.
    store.pin("h", 2222, other)
    store.verify("h", 2222, other)
    with pytest.raises(HostKeyChanged):
        store.verify("h", 2222, key)
    assert len((tmp_path / "data" / "known_hosts").read_text().splitlines()) == 1
    store.forget("h", 2222)
    with pytest.raises(HostKeyUnknown):
        store.verify("h", 2222, other)


def test_user_known_hosts_hashed_and_app_file_first(tmp_path: Path) -> None:
    key, pub = _key(tmp_path, "a", "ecdsa")
    other, _ = _key(tmp_path, "b")
    user_file = tmp_path / "user_known_hosts"
    key_type, b64 = pub.read_text().split()[:2]
    user_file.write_text(f"[10.0.0.5]:2200 {key_type} {b64}\n")
    subprocess.run(["ssh-keygen", "-H", "-f", str(user_file)], check=True, capture_output=True)
    assert "10.0.0.5" not in user_file.read_text()
    store = HostKeyStore(tmp_path / "app_known_hosts", user_file)
    store.verify("10.0.0.5", 2200, key)
    assert store.preferred_algorithms("10.0.0.5", 2200) == [key.get_name()]
    with pytest.raises(HostKeyChanged):
        store.verify("10.0.0.5", 2200, other)
    # The app's own record wins over ~/.ssh/known_hosts.
    store.pin("10.0.0.5", 2200, other)
    store.verify("10.0.0.5", 2200, other)
    with pytest.raises(HostKeyChanged):
        store.verify("10.0.0.5", 2200, key)


def test_rsa_record_prefers_sha2_algorithms(tmp_path: Path) -> None:
    key, _ = _key(tmp_path, "r", "rsa")
    store = HostKeyStore(tmp_path / "kh", None)
    store.pin("h", 22, key)
    assert store.preferred_algorithms("h", 22) == ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"]
