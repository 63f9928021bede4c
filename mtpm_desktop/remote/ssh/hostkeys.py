"""Strict host key checking against the app's known_hosts, then the user's ~/.ssh/known_hosts.

The check runs right after the key exchange and before any authentication, so a changed key never sees a
password or a key signature. Outcomes:

* the host is in the app's file: its key must be one of the keys recorded there, else HostKeyChanged;
* otherwise, the host is in ~/.ssh/known_hosts (plain or hashed entries): same rule;
* otherwise HostKeyUnknown, carrying the key and its fingerprint so the UI can ask and then :meth:`pin`.

There is no auto-add and no warn-only mode.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

import paramiko

from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.errors import HostKeyChanged, HostKeyUnknown

APP_KNOWN_HOSTS = "known_hosts"

# Host key algorithm names a recorded key type may be negotiated as (RSA keys sign with SHA-2 now).
_ALGORITHMS_FOR_TYPE = {"ssh-rsa": ("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa")}


def fingerprint_sha256(key: paramiko.PKey) -> str:
    """``SHA256:<base64 without padding>``, the form `ssh-keygen -lf` prints."""
    digest = hashlib.sha256(key.asbytes()).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def key_type_label(key: paramiko.PKey) -> str:
    """The type as `ssh-keygen -lf` shows it in parentheses: ED25519, ECDSA, RSA."""
    name = key.get_name()
    if name == "ssh-ed25519":
        return "ED25519"
    if name.startswith("ecdsa-"):
        return "ECDSA"
    if name == "ssh-rsa":
        return "RSA"
    return name


def known_hosts_name(host: str, port: int) -> str:
    """The host field OpenSSH uses: ``host`` on port 22, ``[host]:port`` elsewhere."""
    return host if port == 22 else f"[{host}]:{port}"


def _load(path: Path | None) -> paramiko.HostKeys:
    keys = paramiko.HostKeys()
    if path is not None and path.exists():
        # paramiko skips lines it cannot parse (unknown key types, markers) instead of failing.
        keys.load(str(path))
    return keys


class HostKeyStore:
    """The known_hosts files consulted for one connection attempt."""

    def __init__(self, app_known_hosts: Path, user_known_hosts: Path | None = None) -> None:
        self.app_path = Path(app_known_hosts)
        self.user_path = user_known_hosts

    @classmethod
    def for_data_dir(cls, data_dir: Path, *, use_user_known_hosts: bool = True) -> HostKeyStore:
        user = Path(os.path.expanduser("~/.ssh/known_hosts")) if use_user_known_hosts else None
        return cls(Path(data_dir) / APP_KNOWN_HOSTS, user)

    def _recorded(self, host: str, port: int) -> dict[str, paramiko.PKey] | None:
        """Keys on record for the host from the first file that knows it (app file first)."""
        name = known_hosts_name(host, port)
        for path in (self.app_path, self.user_path):
            entry = _load(path).lookup(name)
            if entry:
                return {key_type: entry[key_type] for key_type in entry}
        return None

    def preferred_algorithms(self, host: str, port: int) -> list[str]:
        """Host key algorithms to offer first, so the server shows the key type we have on record."""
        recorded = self._recorded(host, port) or {}
        algorithms: list[str] = []
        for key_type in recorded:
            algorithms.extend(_ALGORITHMS_FOR_TYPE.get(key_type, (key_type,)))
        return algorithms

    def verify(self, host: str, port: int, key: paramiko.PKey) -> None:
        """Return if `key` is on record for the host; raise HostKeyUnknown / HostKeyChanged otherwise."""
        recorded = self._recorded(host, port)
        fingerprint = fingerprint_sha256(key)
        details = {
            "host": host,
            "port": port,
            "key": key,
            "fingerprint": fingerprint,
            "key_type": key_type_label(key),
        }
        where = f"{host}:{port}"
        if recorded is None:
            raise HostKeyUnknown(
                msg(
                    "The server {where} is not known yet. Its {key_type} host key fingerprint is "
                    "{fingerprint}. Compare it with `ssh-keygen -lf` on the server, then trust it.",
                    where=where,
                    key_type=key_type_label(key),
                    fingerprint=fingerprint,
                ),
                **details,  # type: ignore[arg-type]
            )
        if any(known.asbytes() == key.asbytes() for known in recorded.values()):
            return
        raise HostKeyChanged(
            msg(
                "The host key of {where} has CHANGED (now {key_type} {fingerprint}). Someone may be "
                "intercepting the connection, or the server was reinstalled. Nothing was sent to it. If you "
                "are sure the server was reinstalled, remove the old key and trust the new one.",
                where=where,
                key_type=key_type_label(key),
                fingerprint=fingerprint,
            ),
            **details,  # type: ignore[arg-type]
        )

    def pin(self, host: str, port: int, key: paramiko.PKey) -> None:
        """Trust `key` for the host in the app's file, replacing what the app had on record for it."""
        name = known_hosts_name(host, port)
        keys = _without(_load(self.app_path), name)
        keys.add(name, key.get_name(), key)
        self._save(keys)

    def forget(self, host: str, port: int) -> None:
        """Drop the app's record of the host (the user's ~/.ssh/known_hosts is never edited)."""
        if self.app_path.exists():
            self._save(_without(_load(self.app_path), known_hosts_name(host, port)))

    def _save(self, keys: paramiko.HostKeys) -> None:
        self.app_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".known_hosts-", dir=self.app_path.parent)
        os.close(fd)
        try:
            keys.save(tmp)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.app_path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _without(keys: paramiko.HostKeys, name: str) -> paramiko.HostKeys:
    """A copy of `keys` without the entries matching `name`, hashed ones included.

    paramiko has no public "remove host" call; its entry list and matcher are used directly.
    """
    kept = paramiko.HostKeys()
    entries: list[paramiko.hostkeys.HostKeyEntry] = keys._entries  # type: ignore[attr-defined]
    matches = keys._hostname_matches  # type: ignore[attr-defined]
    kept._entries = [e for e in entries if not matches(name, e)]  # type: ignore[attr-defined]
    return kept
