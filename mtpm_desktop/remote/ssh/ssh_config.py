"""Make a server profile from a ``Host`` alias of the user's ~/.ssh/config."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import paramiko

from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.errors import ProfileError, ProfileNotFound
from mtpm_desktop.remote.ssh.profiles import DEFAULT_INSTALL_ROOT, ServerProfile


def default_ssh_config_path() -> Path:
    return Path(os.path.expanduser("~/.ssh/config"))


def list_aliases(config_path: Path | None = None) -> list[str]:
    """Concrete Host aliases (patterns with * ? ! are not servers one can pick)."""
    path = config_path or default_ssh_config_path()
    if not path.exists():
        return []
    config = _read(path)
    return sorted(h for h in config.get_hostnames() if not any(c in h for c in "*?!"))


def profile_from_ssh_config(
    alias: str,
    *,
    name: str | None = None,
    config_path: Path | None = None,
    install_root: str = DEFAULT_INSTALL_ROOT,
) -> ServerProfile:
    """A profile with HostName, User, Port, IdentityFile and ProxyJump of `alias` (not yet saved)."""
    path = config_path or default_ssh_config_path()
    if not path.exists():
        raise ProfileNotFound(msg("There is no SSH config file at {path}.", path=path))
    config = _read(path)
    if alias not in config.get_hostnames():
        raise ProfileNotFound(msg("{path} has no 'Host {alias}' entry.", path=path, alias=alias))
    try:
        entry = config.lookup(alias)
    except (paramiko.ConfigParseError, ValueError) as exc:
        raise ProfileError(
            msg("Cannot read the entry 'Host {alias}' in {path}: {error}", alias=alias, path=path, error=exc)
        ) from exc
    raw_identities: str | list[str] = entry.get("identityfile") or []
    identity_files = [raw_identities] if isinstance(raw_identities, str) else list(raw_identities)
    # The first IdentityFile that exists: OpenSSH tries them in order and so would the user expect.
    key_path = next(
        (os.path.expanduser(p) for p in identity_files if os.path.exists(os.path.expanduser(p))),
        os.path.expanduser(identity_files[0]) if identity_files else None,
    )
    proxy_jump = entry.get("proxyjump")
    if proxy_jump is not None and proxy_jump.lower() == "none":
        proxy_jump = None
    if proxy_jump is not None and "," in proxy_jump:
        raise ProfileError(
            msg(
                "Host {alias} uses a chain of jump hosts ({jump}); mtpm supports a single jump host.",
                alias=alias,
                jump=proxy_jump,
            )
        )
    try:
        port = int(entry.get("port", 22))
    except ValueError:
        raise ProfileError(
            msg(
                "Host {alias} in {path} has Port {port!r}, not a number.",
                alias=alias,
                path=path,
                port=entry.get("port"),
            )
        ) from None
    if not 1 <= port <= 65535:
        raise ProfileError(
            msg("Host {alias} in {path} has Port {port}, outside 1-65535.", alias=alias, path=path, port=port)
        )
    return ServerProfile(
        name=name or alias,
        host=entry.get("hostname", alias),
        port=port,
        # Without User, `ssh alias` logs in as the local user; so does the profile.
        user=entry.get("user", getpass.getuser()),
        auth="key" if key_path else "agent",
        key_path=key_path,
        jump_host=proxy_jump,
        install_root=install_root,
    )


def _read(path: Path) -> paramiko.SSHConfig:
    # paramiko raises ConfigParseError for bad lines, and a bare ValueError for an unclosed quote (shlex).
    try:
        return paramiko.SSHConfig.from_path(str(path))
    except (OSError, UnicodeDecodeError, paramiko.ConfigParseError, ValueError) as exc:
        raise ProfileError(msg("Cannot read {path}: {error}", path=path, error=exc)) from exc
