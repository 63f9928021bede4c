"""The encrypted backup file: bytes in, bytes out (no I/O).

Layout of format v1:

    b"mtpm-backup v1\\n"   the only clear text: what the file is and its format version
    salt (16 bytes)        scrypt salt
    check (16 bytes)       proves the passphrase before decrypting (so a wrong passphrase and a damaged
                           file get different errors; derived from the key, so it says nothing of the data)
    nonce (12 bytes)       AES-GCM nonce
    ciphertext + tag       AES-256-GCM of zlib(JSON payload); the header above is authenticated data

The key is scrypt(passphrase, salt, n=2**15, r=8, p=1) -> 64 bytes: the first 32 encrypt, the last 32 make
the check value. The payload is a JSON object (see `BackupPayload`): binary members are base64 text.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import zlib
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .errors import MtpmError
from .messages import msg

MAGIC = b"mtpm-backup v"
FORMAT_VERSION = 1
_SALT, _CHECK, _NONCE = 16, 16, 12
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**15, 8, 1
# A payload larger than this after decompression is refused (a crafted file must not fill memory).
MAX_PAYLOAD = 2 * 1024**3


class BackupError(MtpmError):
    """A backup file cannot be read."""


class WrongPassphrase(BackupError):
    """The passphrase does not open this backup."""


class DamagedBackup(BackupError):
    """The file is truncated, altered or not a backup at all."""


class UnsupportedBackupVersion(BackupError):
    """The file was written by a newer mtpm."""


@dataclass
class BackupPayload:
    """Everything needed to rebuild a server.

    `config`: the state document (config.json); `files`: path under the install root -> content (the users'
    proxy configs, port-443, site and certificate material); `history_db`: a consistent SQLite snapshot of
    the agent's database (empty when the server had no agent yet); `meta`: where and when it was taken."""

    config: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    history_db: bytes = b""
    meta: dict[str, Any] = field(default_factory=dict)
    # Symbolic links under those folders (path -> target), kept as links: certbot's live/ names point into
    # its archive/, and certbot refuses to renew when they are plain files.
    links: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "links": dict(sorted(self.links.items())),
            "config": self.config,
            "files": {k: base64.b64encode(v).decode("ascii") for k, v in sorted(self.files.items())},
            "history_db": base64.b64encode(self.history_db).decode("ascii"),
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, doc: Any) -> BackupPayload:
        try:
            files = {str(k): base64.b64decode(v, validate=True) for k, v in dict(doc["files"]).items()}
            config = doc["config"]
            if not isinstance(config, dict):
                raise TypeError("config is not an object")
            return cls(
                config=config,
                files=files,
                history_db=base64.b64decode(doc.get("history_db") or "", validate=True),
                meta=dict(doc.get("meta") or {}),
                links={str(k): str(v) for k, v in dict(doc.get("links") or {}).items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError, binascii.Error) as exc:
            raise _damaged(str(exc)) from None


def _damaged(detail: str) -> DamagedBackup:
    return DamagedBackup(
        msg(
            "The backup file is damaged ({detail}): nothing was restored. Use another copy of the backup.",
            detail=detail,
        )
    )


def _keys(passphrase: str, salt: bytes) -> tuple[bytes, bytes]:
    if not passphrase:
        raise WrongPassphrase(
            msg("The backup passphrase is empty: give the passphrase the backup was made with.")
        )
    raw = Scrypt(salt=salt, length=64, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P).derive(
        passphrase.encode("utf-8")
    )
    check = hmac.new(raw[32:], b"mtpm-backup passphrase check", hashlib.sha256).digest()[:_CHECK]
    return raw[:32], check


def header_line(version: int = FORMAT_VERSION) -> bytes:
    return MAGIC + str(version).encode("ascii") + b"\n"


def encrypt(payload: BackupPayload, passphrase: str) -> bytes:
    """The backup file's bytes for `payload`, locked with `passphrase`."""
    salt, nonce = os.urandom(_SALT), os.urandom(_NONCE)
    key, check = _keys(passphrase, salt)
    clear = zlib.compress(json.dumps(payload.to_json(), separators=(",", ":")).encode("utf-8"), 6)
    head = header_line() + salt + check + nonce
    return head + AESGCM(key).encrypt(nonce, clear, head)


def read_version(data: bytes) -> int:
    """The format version a backup file says it has (readable without the passphrase)."""
    if not data.startswith(MAGIC):
        raise DamagedBackup(
            msg("This file is not an mtpm backup (it lacks the mtpm-backup header): choose the backup file.")
        )
    line, sep, _ = data[len(MAGIC) : len(MAGIC) + 12].partition(b"\n")
    if not sep or not line.isdigit():
        raise _damaged("its header line is cut or altered")
    return int(line)


def decrypt(data: bytes, passphrase: str) -> BackupPayload:
    """Open a backup file. Raises WrongPassphrase, DamagedBackup or UnsupportedBackupVersion."""
    version = read_version(data)
    if version != FORMAT_VERSION:
        raise UnsupportedBackupVersion(
            msg(
                "This backup has format version {version}, which this mtpm cannot read (it reads version "
                "{supported}): update mtpm and restore again.",
                version=version,
                supported=FORMAT_VERSION,
            )
        )
    start = len(header_line())
    head_end = start + _SALT + _CHECK + _NONCE
    if len(data) < head_end + 16:
        raise _damaged("it is cut short")
    salt = data[start : start + _SALT]
    check = data[start + _SALT : start + _SALT + _CHECK]
    nonce = data[start + _SALT + _CHECK : head_end]
    key, expected = _keys(passphrase, salt)
    if not hmac.compare_digest(check, expected):
        raise WrongPassphrase(
            msg("The passphrase does not open this backup: type the passphrase the backup was made with.")
        )
    try:
        clear = AESGCM(key).decrypt(nonce, data[head_end:], data[:head_end])
    except InvalidTag:
        raise _damaged("its contents were altered or cut") from None
    try:
        inflater = zlib.decompressobj()
        text = inflater.decompress(clear, MAX_PAYLOAD)
        if inflater.unconsumed_tail:
            raise _damaged("its contents are too large")
        doc = json.loads(text.decode("utf-8"))
    except (zlib.error, ValueError, RecursionError) as exc:
        raise _damaged(str(exc)) from None
    return BackupPayload.from_json(doc)
