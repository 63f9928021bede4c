"""Alerts from the server to a Telegram chat, sent by the agent after each poll (stdlib urllib only).

The desktop writes `data/telegram.json` (mode 0600, over SFTP, atomically):
  {"bot_token": ..., "chat_id": ..., "api_base": "https://api.telegram.org", "language": "en"|"ru",
   "server": "<the admin's name for this server>"}
The token lives in that file only: it is never put in argv, in the log, in an error message or in
another file (a URL holding it is never shown; errors name the API base instead).

Which alerts were sent is kept in the store (alerts_fired) in the poll's data lock, so an agent restart
sends nothing twice. A failed send is retried after RETRY_AFTER_S, not at every poll.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import json
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from . import alerts, report
from .fsutil import read_json
from .poller import Agent

SETTINGS_FILE = "telegram.json"
DEFAULT_API_BASE = "https://api.telegram.org"
TIMEOUT_S = 10.0
RETRY_AFTER_S = 300.0
CLOCK_CHECK_EVERY_S = 3600.0
META_RETRY = "telegram_retry_after"
META_CLOCK = "clock_offset_s"
META_CLOCK_AT = "clock_checked_at"


class TelegramError(RuntimeError):
    """The Bot API could not be reached or refused the message (the text never holds the token)."""


@dataclass(frozen=True)
class Settings:
    bot_token: str
    chat_id: str
    api_base: str
    language: str
    server: str

    def describe(self) -> dict[str, Any]:
        """What `alerts status` may show: everything but the token."""
        return {"chat_id": self.chat_id, "api_base": self.api_base, "language": self.language}


def settings_path(agent: Agent) -> str:
    return os.path.join(agent.data, SETTINGS_FILE)


def load(agent: Agent) -> Settings | None:
    try:
        doc = read_json(settings_path(agent))
    except ValueError:
        raise TelegramError(f"{SETTINGS_FILE} is not valid JSON; run `alerts set telegram` again") from None
    if not isinstance(doc, dict) or not doc.get("bot_token") or not doc.get("chat_id"):
        return None
    return Settings(
        bot_token=str(doc["bot_token"]),
        chat_id=str(doc["chat_id"]),
        api_base=str(doc.get("api_base") or DEFAULT_API_BASE).rstrip("/"),
        language="ru" if doc.get("language") == "ru" else "en",
        server=str(doc.get("server") or os.uname().nodename),
    )


def _call(s: Settings, method: str, payload: dict[str, Any] | None) -> tuple[dict[str, Any], Any]:
    """(the Bot API's answer, the response headers)."""
    data = None if payload is None else json.dumps(payload).encode()
    req = urllib.request.Request(
        f"{s.api_base}/bot{s.bot_token}/{method}",
        data=data,
        headers={"Content-Type": "application/json"},
        method="POST" if data is not None else "GET",
    )
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
            body, headers = resp.read(), resp.headers
    except urllib.error.HTTPError as exc:
        detail = ""
        with contextlib.suppress(ValueError, AttributeError, OSError):
            detail = str(json.loads(exc.read().decode("utf-8", "replace")).get("description") or "")
        raise TelegramError(f"{s.api_base} refused {method}: HTTP {exc.code} {detail}".strip()) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise TelegramError(f"{s.api_base} not reachable: {reason}") from None
    try:
        doc = json.loads(body.decode("utf-8"))
    except ValueError:
        raise TelegramError(f"{s.api_base} answered {method} with something that is not JSON") from None
    if not isinstance(doc, dict) or not doc.get("ok"):
        raise TelegramError(
            f"{s.api_base} refused {method}: {doc.get('description') if isinstance(doc, dict) else doc}"
        )
    return doc, headers


def send(s: Settings, text: str) -> None:
    _call(s, "sendMessage", {"chat_id": s.chat_id, "text": text, "disable_web_page_preview": True})


def measure_clock(s: Settings) -> float | None:
    """The server clock's offset from the Bot API's `Date` header, or None when it cannot tell.

    `Date` has whole seconds, so the estimate is +-0.5 s plus half the round trip: only what is off by
    more than that is reported (never a false alarm from the header's rounding)."""
    before = time.time()
    _, headers = _call(s, "getMe", None)
    after = time.time()
    stamp = headers.get("Date") if headers is not None else None
    if not stamp:
        return None
    remote = email.utils.parsedate_to_datetime(stamp).timestamp() + 0.5
    offset = (before + after) / 2 - remote
    slack = 0.5 + (after - before) / 2
    return 0.0 if abs(offset) <= slack else offset - slack * (1 if offset > 0 else -1)


def snapshot(agent: Agent, now: dt.datetime) -> dict[str, Any]:
    """What the server can judge about itself, in the shape alerts.evaluate reads."""
    snap = dict(report.status(agent, now))
    cfg_raw = read_json(agent.config_path, {}) or {}
    for key in ("cert_not_after", "cert_name", "certificates"):
        if key in cfg_raw and key not in snap:
            snap[key] = cfg_raw[key]
    offset = agent.store.get_meta(META_CLOCK)
    if offset:
        snap["clock_offset_s"] = float(offset)
    return snap


def after_poll(agent: Agent, now: dt.datetime | None = None) -> list[str]:
    """Send the alerts that are due; the caller holds the data lock. Returns lines for the agent's log."""
    now = now or dt.datetime.now(dt.timezone.utc)
    try:
        s = load(agent)
    except TelegramError as exc:
        return [f"telegram: {exc}"]
    if s is None:
        return []
    wall = time.time()
    if wall < float(agent.store.get_meta(META_RETRY) or 0):
        return []
    log: list[str] = []
    store = agent.store
    try:
        if wall - float(store.get_meta(META_CLOCK_AT) or 0) > CLOCK_CHECK_EVERY_S:
            offset = measure_clock(s)
            store.set_meta(META_CLOCK_AT, str(wall))
            if offset is not None:
                store.set_meta(META_CLOCK, f"{offset:.3f}")
        fired = store.fired_alerts()
        events, after = alerts.fire(fired, snapshot(agent, now), now, alerts.SERVER_KINDS)
        sent: set[str] = set()
        try:
            for event in events:
                send(s, alerts.render(event, s.language, s.server))
                sent.add(event.key)
                log.append(f"telegram: sent {event.kind} alert")
        except TelegramError as exc:
            # Unsent ones stay unfired (tried again later); what was sent stays sent.
            after -= {e.key for e in events if e.key not in sent}
            store.set_meta(META_RETRY, str(wall + RETRY_AFTER_S))
            log.append(f"telegram: {exc}")
        store.begin()
        try:
            store.set_fired_alerts(after, wall)
        except BaseException:
            store.rollback()
            raise
        store.commit()
    except TelegramError as exc:
        store.set_meta(META_RETRY, str(wall + RETRY_AFTER_S))
        log.append(f"telegram: {exc}")
    return log


def status(agent: Agent) -> dict[str, Any]:
    s = load(agent)
    out: dict[str, Any] = {"telegram": s is not None}
    if s is not None:
        out.update(s.describe())
    out["fired"] = sorted(agent.store.fired_alerts())
    return out


def test_message(agent: Agent) -> dict[str, Any]:
    s = load(agent)
    if s is None:
        raise TelegramError("Telegram alerts are not set up on this server (alerts set telegram)")
    send(s, alerts.render(None, s.language, s.server))
    return {"sent": True}


def off(agent: Agent) -> dict[str, Any]:
    """Remove the settings (and so the token) from the server. What was sent stays recorded: turning the
    alerts on again does not repeat them."""
    try:
        os.unlink(settings_path(agent))
        removed = True
    except FileNotFoundError:
        removed = False
    return {"removed": removed}
