"""The backup file format: round trip, and a specific error for each way a file cannot be opened."""

from __future__ import annotations

import base64

import pytest

from mtpm_desktop.core.backup_format import (
    BackupPayload,
    DamagedBackup,
    UnsupportedBackupVersion,
    WrongPassphrase,
    decrypt,
    encrypt,
    read_version,
)

pytestmark = pytest.mark.unit

SECRET = "ee" + "ab" * 16 + "7777772e676f6f676c652e636f6d"


def _payload() -> BackupPayload:
    return BackupPayload(
        config={"users": [{"id": "u1", "name": "anna", "secret": SECRET, "port": 2443}]},
        files={"nginx/nginx.conf": b"stream {}\n", "acme/cert.pem": b"-----BEGIN CERT-----"},
        history_db=b"SQLite format 3\x00" + bytes(range(256)),
        meta={"created_at": "2026-12-02T12:00:00Z"},
        links={"site/certbot/live/x/cert.pem": "../../archive/x/cert1.pem"},
    )


def test_round_trip_keeps_everything() -> None:
    data = encrypt(_payload(), "correct horse")
    assert decrypt(data, "correct horse") == _payload()


def test_without_the_passphrase_only_the_format_version_shows() -> None:
    data = encrypt(_payload(), "correct horse")
    assert data.startswith(b"mtpm-backup v1\n")
    assert read_version(data) == 1
    for needle in (SECRET.encode(), base64.b64encode(bytes.fromhex(SECRET)), b"anna", b"nginx", b"stream"):
        assert needle not in data


def test_wrong_passphrase_is_its_own_error() -> None:
    data = encrypt(_payload(), "correct horse")
    with pytest.raises(WrongPassphrase, match="passphrase does not open"):
        decrypt(data, "wrong horse")


@pytest.mark.parametrize("where", [-1, -40, 70, 100])
def test_any_altered_byte_of_the_contents_is_damage(where: int) -> None:
    data = bytearray(encrypt(_payload(), "pw"))
    data[where] ^= 0x01
    with pytest.raises((DamagedBackup, WrongPassphrase)):
        decrypt(bytes(data), "pw")
    if where < 0 or where >= 15 + 16 + 16 + 12:  # past the header: the passphrase still checks out
        with pytest.raises(DamagedBackup, match="damaged"):
            decrypt(bytes(data), "pw")


def test_cut_files_and_other_files_are_damage() -> None:
    data = encrypt(_payload(), "pw")
    with pytest.raises(DamagedBackup):
        decrypt(data[:50], "pw")
    with pytest.raises(DamagedBackup):
        decrypt(data[: len(data) // 2], "pw")
    with pytest.raises(DamagedBackup, match="not an mtpm backup"):
        decrypt(b"PK\x03\x04 a zip file", "pw")


def test_a_newer_format_says_to_update() -> None:
    data = encrypt(_payload(), "pw").replace(b"mtpm-backup v1\n", b"mtpm-backup v2\n", 1)
    with pytest.raises(UnsupportedBackupVersion, match="update mtpm"):
        decrypt(data, "pw")


def test_an_empty_passphrase_is_refused() -> None:
    with pytest.raises(WrongPassphrase):
        encrypt(_payload(), "")
