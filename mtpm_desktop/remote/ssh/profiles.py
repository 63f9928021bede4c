"""Server profiles: where a server is and how to log in, kept locally as JSON.

A profile never holds a secret. Passwords, key passphrases and sudo passwords live in the OS keyring
(:mod:`mtpm_desktop.remote.ssh.credentials`); the profile only records *that* one exists (`has_password`, ...)
so the UI can say "stored" without touching the keyring.

File: ``<data dir>/servers.json`` = ``{"schema_version": 1, "servers": [<profile>, ...]}``. The data dir is
platformdirs' user data dir for "mtpm", or ``$MTPM_DATA_DIR``, or the directory passed in (tests).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

import platformdirs

from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.errors import ProfileError, ProfileNotFound

SCHEMA_VERSION = 1
PROFILES_FILE = "servers.json"
DEFAULT_INSTALL_ROOT = "/opt/mtpm"
AuthMethod = Literal["key", "agent", "password"]
AUTH_METHODS: tuple[str, ...] = ("key", "agent", "password")


def app_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for profiles and the app's known_hosts; created 0700 on first use."""
    if override is not None:
        path = Path(override)
    elif os.environ.get("MTPM_DATA_DIR"):
        path = Path(os.environ["MTPM_DATA_DIR"])
    else:
        path = Path(platformdirs.user_data_dir("mtpm", appauthor=False))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


@dataclass
class ServerProfile:
    """How to reach one server. `jump_host` is an OpenSSH ProxyJump spec: ``[user@]host[:port]``."""

    name: str
    host: str
    port: int = 22
    user: str = "root"
    auth: AuthMethod = "key"
    key_path: str | None = None
    jump_host: str | None = None
    install_root: str = DEFAULT_INSTALL_ROOT
    has_password: bool = False
    has_passphrase: bool = False
    has_sudo_password: bool = False
    # Keys written by a newer mtpm survive a load/save round trip.
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ProfileError(msg("A server profile needs a name."))
        if not self.host.strip():
            raise ProfileError(msg("Server profile {name!r} has no host.", name=self.name))
        if self.auth not in AUTH_METHODS:
            raise ProfileError(
                msg(
                    "Server profile {name!r}: unknown login method {auth!r} (use one of {methods}).",
                    name=self.name,
                    auth=self.auth,
                    methods=", ".join(AUTH_METHODS),
                )
            )
        if not 0 < int(self.port) < 65536:
            raise ProfileError(
                msg("Server profile {name!r}: port {port} is out of range.", name=self.name, port=self.port)
            )
        self.port = int(self.port)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        extra = data.pop("extra")
        return {**extra, **data}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ServerProfile:
        known = {f.name for f in fields(cls)} - {"extra"}
        kwargs = {k: v for k, v in data.items() if k in known}
        extra = {k: v for k, v in data.items() if k not in known}
        try:
            return cls(**kwargs, extra=extra)
        except TypeError as exc:
            raise ProfileError(msg("A server profile is incomplete: {error}", error=exc)) from exc


class ProfileStore:
    """Load and save profiles in ``servers.json`` (atomic replace, 0600)."""

    def __init__(self, data_dir: str | os.PathLike[str] | None = None) -> None:
        self.data_dir = app_data_dir(data_dir)
        self.path = self.data_dir / PROFILES_FILE

    def _read(self) -> tuple[list[ServerProfile], dict[str, Any]]:
        if not self.path.exists():
            return [], {}
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ProfileError(
                msg("Cannot read the server list {path}: {error}", path=self.path, error=exc)
            ) from exc
        if not isinstance(doc, dict) or not isinstance(doc.get("servers"), list):
            raise ProfileError(msg("The server list {path} is damaged (no 'servers' list).", path=self.path))
        if int(doc.get("schema_version", 1)) > SCHEMA_VERSION:
            raise ProfileError(
                msg(
                    "The server list {path} was written by a newer mtpm; update mtpm to open it.",
                    path=self.path,
                )
            )
        rest = {k: v for k, v in doc.items() if k not in ("servers", "schema_version")}
        return [ServerProfile.from_json(item) for item in doc["servers"]], rest

    def _write(self, profiles: list[ServerProfile], rest: dict[str, Any]) -> None:
        doc = {**rest, "schema_version": SCHEMA_VERSION, "servers": [p.to_json() for p in profiles]}
        fd, tmp = tempfile.mkstemp(prefix=".servers-", suffix=".tmp", dir=self.data_dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(doc, fh, indent=2, ensure_ascii=False)
                fh.write("\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def list(self) -> list[ServerProfile]:
        return self._read()[0]

    def get(self, name: str) -> ServerProfile:
        for profile in self.list():
            if profile.name == name:
                return profile
        raise ProfileNotFound(msg("There is no server profile named {name!r}.", name=name))

    def save(self, profile: ServerProfile) -> None:
        """Add the profile, or replace the one with the same name."""
        profiles, rest = self._read()
        for index, existing in enumerate(profiles):
            if existing.name == profile.name:
                profiles[index] = profile
                break
        else:
            profiles.append(profile)
        self._write(profiles, rest)

    def delete(self, name: str) -> None:
        profiles, rest = self._read()
        kept = [p for p in profiles if p.name != name]
        if len(kept) == len(profiles):
            raise ProfileNotFound(msg("There is no server profile named {name!r}.", name=name))
        self._write(kept, rest)
