"""`mtpm server add` with secrets on stdin, `server set-secret` and `server trust` (host key re-pin), end to
end: the CLI as a subprocess against real sshd accounts; secrets go to the test keyring, never to disk."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.remote import LocalUser, make_keypair
from tests.fixtures.sshd import SshdServer
from tests.integration.test_orchestration_cli import Mtpm

pytestmark = pytest.mark.integration


def _files_containing(root: Path, needle: str) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle.encode() in p.read_bytes()]


def test_sudo_password_from_stdin_and_set_secret(
    make_local_user: Callable[..., LocalUser], remote_data_dir: Path, tmp_path: Path, test_images: Any
) -> None:
    password = "Sudo-" + os.urandom(6).hex()
    user = make_local_user(password=password, sudo="password")
    cli = Mtpm(remote_data_dir, test_images.proxy)
    install_root = str(tmp_path / "mtpm-root")
    base = (
        "server", "add", "--host", user.sshd.host, "--port", str(user.sshd.port), "--user", user.name,
        "--identity", str(user.key_path), "--install-root", install_root,
    )  # fmt: skip

    # Added without the sudo password: connecting works, root work names the command that fixes it.
    cli.run(*base[:2], "plain", *base[2:])
    refused = cli.run("-s", "plain", "status", "--json", ok=False)
    assert refused.returncode == 1
    assert "mtpm server set-secret plain sudo-password --stdin" in json.loads(refused.stdout)["error"]
    cli.run("server", "set-secret", "plain", "sudo-password", "--stdin", stdin=password + "\n")
    assert cli.json("-s", "plain", "status")["summary"] == "Running 0/0"

    # Added with it: a wrong one is refused at once and nothing is saved; the right one works.
    wrong = cli.run(
        *base[:2], "sudoer", *base[2:], "--sudo-password-stdin", "--json", stdin="nope\n", ok=False
    )
    assert wrong.returncode == 1 and "rejected the stored sudo password" in wrong.stdout
    assert "sudoer" not in [s["name"] for s in cli.json("server", "list")]
    cli.run(*base[:2], "sudoer", *base[2:], "--sudo-password-stdin", stdin=password + "\n")
    assert cli.json("-s", "sudoer", "status")["summary"] == "Running 0/0"
    profiles = {s["name"] for s in cli.json("server", "list")}
    assert {"plain", "sudoer"} <= profiles
    assert _files_containing(remote_data_dir, password) == []


def test_passphrase_and_password_lines_in_order(
    make_local_user: Callable[..., LocalUser], remote_data_dir: Path, tmp_path: Path, test_images: Any
) -> None:
    """--password-stdin and --sudo-password-stdin together: line 1 the login password, line 2 sudo's."""
    login = "Login-" + os.urandom(6).hex()
    user = make_local_user(password=login, sudo="password")
    cli = Mtpm(remote_data_dir, test_images.proxy)
    cli.run(
        "server", "add", "pw", "--host", user.sshd.host, "--port", str(user.sshd.port), "--user", user.name,
        "--install-root", str(tmp_path / "root"), "--password-stdin", "--sudo-password-stdin",
        stdin=f"{login}\n{login}\n",
    )  # fmt: skip
    assert cli.json("-s", "pw", "status")["summary"] == "Running 0/0"
    missing = cli.run("server", "add", "pw2", "--host", user.sshd.host, "--password-stdin",
                      "--sudo-password-stdin", stdin=f"{login}\n", ok=False)  # fmt: skip
    assert missing.returncode != 0 and "empty line" in missing.stderr
    no_key = cli.run("server", "add", "pw3", "--host", user.sshd.host, "--passphrase-stdin", ok=False)
    assert no_key.returncode != 0 and "--identity" in no_key.stderr
    assert _files_containing(remote_data_dir, login) == []


@pytest.fixture
def private_sshd(tmp_path: Path) -> Iterator[SshdServer]:
    """An sshd of this test alone: its host key is replaced, which the shared one must never see."""
    server = SshdServer(workdir=tmp_path / "sshd")
    server.workdir.mkdir()
    try:
        server.setup()
        yield server
    finally:
        server.stop()


def test_trust_repins_only_the_checked_key(
    private_sshd: SshdServer, tmp_path: Path, test_images: Any
) -> None:
    data = tmp_path / "data"
    cli = Mtpm(data, test_images.proxy)
    old = private_sshd.host_key_fingerprint
    cli.run(
        "server", "add", "box", "--host", private_sshd.host, "--port", str(private_sshd.port),
        "--identity", str(private_sshd.root_key_path), "--install-root", str(tmp_path / "root"),
        "--trust-host-key", old,
    )  # fmt: skip
    same = cli.json("server", "trust", "box", "--host-key", old)
    assert same["changed"] is False

    private_sshd.replace_host_key()
    new = private_sshd.host_key_fingerprint
    assert new != old
    changed = cli.run("-s", "box", "status", ok=False)
    assert changed.returncode == 1 and "CHANGED" in changed.stderr

    # A fingerprint that is not the presented key's changes nothing and shows the presented one.
    refused = cli.run("server", "trust", "box", "--host-key", old, ok=False)
    assert refused.returncode == 1 and new in refused.stderr and "nothing was changed" in refused.stderr
    assert cli.run("-s", "box", "status", ok=False).returncode == 1

    trusted = cli.json("server", "trust", "box", "--host-key", new)
    assert trusted["changed"] is True
    assert cli.json("-s", "box", "status")["summary"] == "Running 0/0"
    known = (data / "known_hosts").read_text()
    assert private_sshd.host_public_key_line in known and known.count(f"[{private_sshd.host}]:") == 1


def test_passphrase_then_sudo_password_lines(
    make_local_user: Callable[..., LocalUser], remote_data_dir: Path, tmp_path: Path, test_images: Any
) -> None:
    """An encrypted key: --passphrase-stdin is line 1, --sudo-password-stdin line 2; set-secret replaces a
    wrong passphrase later."""
    sudo_password = "Sudo-" + os.urandom(6).hex()
    phrase = "Phrase-" + os.urandom(6).hex()
    user = make_local_user(password=sudo_password, sudo="password")
    key = tmp_path / "encrypted_ed25519"
    user.sshd.authorize(user.name, make_keypair(key, passphrase=phrase))
    cli = Mtpm(remote_data_dir, test_images.proxy)
    base = (
        "--host", user.sshd.host, "--port", str(user.sshd.port), "--user", user.name, "--identity", str(key),
        "--install-root", str(tmp_path / "root"),
    )  # fmt: skip
    cli.run("server", "add", "enc", *base, "--passphrase-stdin", "--sudo-password-stdin",
            stdin=f"{phrase}\n{sudo_password}\n")  # fmt: skip
    assert cli.json("-s", "enc", "status")["summary"] == "Running 0/0"

    # Without the passphrase the key cannot be used: refused, and the message names the fix.
    refused = cli.run("server", "add", "enc2", *base, ok=False)
    assert refused.returncode == 1 and "run again with --passphrase-stdin" in refused.stderr
    # A wrong passphrase stored later is reported; set-secret replaces it.
    cli.run("server", "set-secret", "enc", "passphrase", "--stdin", stdin="wrong\n")
    wrong = cli.run("-s", "enc", "status", ok=False)
    assert wrong.returncode == 1 and "passphrase stored for the key" in wrong.stderr
    cli.run("server", "set-secret", "enc", "passphrase", "--stdin", stdin=phrase + "\n")
    assert cli.json("-s", "enc", "status")["summary"] == "Running 0/0"
    assert _files_containing(remote_data_dir, phrase) == []
    assert _files_containing(remote_data_dir, sudo_password) == []
