"""Telegram alerts sent by the server's agent: the bot token in the keyring here, and in one 0600 file there.

The token reaches the server only inside `<root>/data/telegram.json`, written over SFTP atomically (temp
file with mode 0600 before any byte, then rename), never on a command line or in a log. The agent reads
that file after each poll (remote_agent/telegram.py).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

import keyring
import keyring.errors

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.agent_client import AgentClient
from mtpm_desktop.remote.errors import CredentialStoreError
from mtpm_desktop.remote.ssh.credentials import SERVICE

DEFAULT_API_BASE = "https://api.telegram.org"
SETTINGS_FILE = "telegram.json"
KEYRING_KIND = "telegram_bot_token"
LANGUAGES = ("en", "ru")
# What @BotFather hands out: the bot's numeric id, a colon, then 35 characters.
_TOKEN = re.compile(r"^[0-9]{3,20}:[A-Za-z0-9_-]{20,100}$")
# A chat is a number (negative for groups) or a public @channel name.
_CHAT = re.compile(r"^(-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,64})$")


class AlertSettingError(MtpmError):
    """A Telegram setting that cannot work (token, chat id, API base, language)."""


@dataclass(frozen=True)
class AlertsStatus:
    telegram: bool
    chat_id: str | None = None
    api_base: str | None = None
    language: str | None = None
    fired: list[str] = field(default_factory=list)


def check_settings(token: str, chat_id: str, api_base: str, language: str) -> None:
    if not _TOKEN.match(token):
        raise AlertSettingError(
            msg(
                "That is not a bot token: @BotFather gives one like 123456789:AA... "
                "(digits, a colon, 35 characters)."
            )
        )
    if not _CHAT.match(chat_id):
        raise AlertSettingError(
            msg(
                "The chat id {chat_id!r} is not valid: use the number from getUpdates (groups are negative) "
                "or a public @channel name.",
                chat_id=chat_id,
            )
        )
    if not re.match(r"^https?://[^\s/]+(:[0-9]+)?(/[^\s]*)?$", api_base):
        raise AlertSettingError(msg("The API base {url!r} is not an http(s) URL.", url=api_base))
    if language not in LANGUAGES:
        raise AlertSettingError(msg("The language must be en or ru, not {language!r}.", language=language))


def default_language() -> str:
    """The admin's language for messages: MTPM_LANG, else the system's (Russian or English)."""
    for var in ("MTPM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    return "en"


# -- the keyring --------------------------------------------------------------------------------------------
def _keyring(action: str, profile_name: str, token: str | None = None) -> str | None:
    """set / get / delete the bot token of a profile, keyring errors turned into CredentialStoreError."""
    entry = f"{profile_name}:{KEYRING_KIND}"
    try:
        if action == "set":
            keyring.set_password(SERVICE, entry, token or "")
        elif action == "delete":
            with contextlib.suppress(keyring.errors.PasswordDeleteError):  # already gone
                keyring.delete_password(SERVICE, entry)
        else:
            return keyring.get_password(SERVICE, entry)
    except keyring.errors.KeyringError as exc:
        raise CredentialStoreError(
            msg("The keyring could not keep the bot token of {name!r}: {error}", name=profile_name, error=exc)
        ) from exc
    return None


def save_token(profile_name: str, token: str) -> None:
    _keyring("set", profile_name, token)


def saved_token(profile_name: str) -> str | None:
    return _keyring("get", profile_name)


def forget_token(profile_name: str) -> None:
    _keyring("delete", profile_name)


# -- the server -------------------------------------------------------------------------------------------
def settings_path(root: str) -> str:
    return f"{root.rstrip('/')}/data/{SETTINGS_FILE}"


def push(
    agent: AgentClient,
    *,
    token: str,
    chat_id: str,
    api_base: str = DEFAULT_API_BASE,
    language: str = "en",
    server: str = "",
) -> None:
    """Write the settings file on the server (0600, atomically)."""
    check_settings(token, chat_id, api_base, language)
    doc = {
        "bot_token": token,
        "chat_id": chat_id,
        "api_base": api_base.rstrip("/"),
        "language": language,
        "server": server,
    }
    agent.session.makedirs(f"{agent.root}/data", mode=0o700)
    agent.session.write_file_atomic(
        settings_path(agent.root), (json.dumps(doc, indent=1) + "\n").encode(), mode=0o600
    )


def parse_status(doc: dict[str, Any]) -> AlertsStatus:
    return AlertsStatus(
        telegram=bool(doc.get("telegram")),
        chat_id=doc.get("chat_id"),
        api_base=doc.get("api_base"),
        language=doc.get("language"),
        fired=[str(k) for k in doc.get("fired") or []],
    )


def status(agent: AgentClient) -> AlertsStatus:
    return parse_status(agent.call("alerts", "status", "--json"))


def send_test(agent: AgentClient) -> None:
    agent.call("alerts", "test", "--json", timeout=60)


def off(agent: AgentClient) -> bool:
    """Remove the settings file (and the token in it) from the server; True when there was one."""
    return bool(agent.call("alerts", "off", "--json").get("removed"))


# -- both faces: the CLI's `alerts set|off` and the app's Settings page ------------------------------------
def enable(
    agent: AgentClient,
    profile_name: str,
    *,
    token: str,
    chat_id: str,
    api_base: str = DEFAULT_API_BASE,
    language: str = "en",
) -> AlertsStatus:
    """Check the settings, keep the token in the keyring, then write the server's file (the agent must be
    installed: `agent.ensure()`). The keyring comes first: a token the server has is one this computer
    can push again."""
    check_settings(token, chat_id, api_base, language)
    save_token(profile_name, token)
    push(agent, token=token, chat_id=chat_id, api_base=api_base, language=language, server=profile_name)
    return AlertsStatus(telegram=True, chat_id=chat_id, api_base=api_base.rstrip("/"), language=language)


def disable(agent: AgentClient, profile_name: str) -> bool:
    """Remove the token from the server, then from the keyring; True when the server had one."""
    removed = off(agent)
    forget_token(profile_name)
    return removed
