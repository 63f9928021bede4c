"""Alert events from snapshots of a server, and the fired-once bookkeeping (pure: no I/O, no clock).

The desktop (tray notifications) and the agent (Telegram) detect events with the same functions here; the
desktop imports this module as `mtpm_desktop.remote_agent.alerts`.

A snapshot is a plain dict in the shape of the agent's `status` answer, plus what the desktop knows:
  {"reachable": bool,                       # desktop only: the server answered over SSH
   "clock_offset_s": float | None,
   "cert_not_after": ISO | None, "cert_name": str,   # one site certificate, or
   "certificates": [{"name": str, "not_after": ISO}],
   "users": [{"id", "name", "period_bytes", "limit_bytes", "expires_at", "refused_connections"}]}
A key that is absent is simply not judged (an agent without device limits has no refusals to report).

Every condition has a key. `fire()` reports the conditions that hold now and were not fired yet, and
returns the new set of fired keys: a condition seen to clear is dropped from it, so it can fire again when
it comes back; a condition not judged this time (server unreachable, key absent) keeps its state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

KIND_UNREACHABLE = "unreachable"
KIND_QUOTA_80 = "quota_80"
KIND_QUOTA_100 = "quota_100"
KIND_EXPIRY = "expiry"
KIND_CERTIFICATE = "certificate"
KIND_CLOCK = "clock"
KIND_DEVICE_REFUSED = "device_refused"
KINDS = (
    KIND_UNREACHABLE,
    KIND_QUOTA_80,
    KIND_QUOTA_100,
    KIND_EXPIRY,
    KIND_CERTIFICATE,
    KIND_CLOCK,
    KIND_DEVICE_REFUSED,
)
# What the server itself can judge (it cannot see itself unreachable).
SERVER_KINDS = tuple(k for k in KINDS if k != KIND_UNREACHABLE)

QUOTA_WARN_FRACTION = 0.8
EXPIRY_WARN = dt.timedelta(days=3)
CERT_WARN = dt.timedelta(days=14)
CLOCK_WARN_S = 1.0

Snapshot = Mapping[str, Any]


@dataclass(frozen=True)
class Event:
    kind: str
    key: str
    subject: str = ""  # the user's or certificate's name; "" for the server itself
    params: dict[str, Any] = field(default_factory=dict)


def _time(raw: Any) -> dt.datetime | None:
    if not isinstance(raw, str) or not raw:
        return None
    text = raw[:-1] + "+00:00" if raw.endswith(("Z", "z")) else raw
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _certificates(snap: Snapshot) -> list[tuple[str, str]]:
    out = [
        (str(c.get("name") or ""), str(c.get("not_after") or ""))
        for c in snap.get("certificates") or []
        if isinstance(c, Mapping)
    ]
    if snap.get("cert_not_after"):
        out.append((str(snap.get("cert_name") or ""), str(snap["cert_not_after"])))
    return out


def evaluate(snap: Snapshot, now: dt.datetime) -> dict[str, Event | None]:
    """Every condition judged in `snap`: key -> the event when it holds, None when it does not."""
    out: dict[str, Event | None] = {}
    if "reachable" in snap:
        out[KIND_UNREACHABLE] = None if snap["reachable"] else Event(KIND_UNREACHABLE, KIND_UNREACHABLE)
    offset = snap.get("clock_offset_s")
    if isinstance(offset, (int, float)) and not isinstance(offset, bool):
        holds = abs(offset) > CLOCK_WARN_S
        out[KIND_CLOCK] = Event(KIND_CLOCK, KIND_CLOCK, params={"offset_s": float(offset)}) if holds else None
    for name, raw in _certificates(snap):
        when = _time(raw)
        if when is None:
            continue
        key = f"{KIND_CERTIFICATE}:{name}:{raw}"  # a renewed certificate is a new event
        days = (when - now).total_seconds() / 86400
        out[key] = (
            Event(KIND_CERTIFICATE, key, name, {"not_after": raw, "days": days})
            if when - now <= CERT_WARN
            else None
        )
    for user in snap.get("users") or []:
        if not isinstance(user, Mapping) or not user.get("id"):
            continue
        uid, name = str(user["id"]), str(user.get("name") or user["id"])
        limit, used = user.get("limit_bytes"), user.get("period_bytes")
        if isinstance(limit, int) and limit > 0 and isinstance(used, int):
            params = {"used_bytes": used, "limit_bytes": limit, "percent": int(100 * used // limit)}
            for kind, share in ((KIND_QUOTA_80, QUOTA_WARN_FRACTION), (KIND_QUOTA_100, 1.0)):
                key = f"{kind}:{uid}"
                out[key] = Event(kind, key, name, params) if used >= share * limit else None
        expires = _time(user.get("expires_at"))
        if expires is not None:
            key = f"{KIND_EXPIRY}:{uid}:{user['expires_at']}"  # a moved expiry is a new event
            days = (expires - now).total_seconds() / 86400
            holds = now < expires <= now + EXPIRY_WARN
            out[key] = (
                Event(KIND_EXPIRY, key, name, {"expires_at": user["expires_at"], "days": days})
                if holds
                else None
            )
        refused = user.get("refused_connections")
        if isinstance(refused, int) and not isinstance(refused, bool):
            key = f"{KIND_DEVICE_REFUSED}:{uid}"
            out[key] = Event(KIND_DEVICE_REFUSED, key, name, {"refused": refused}) if refused > 0 else None
    return out


def _drop_shadowed(events: list[Event]) -> list[Event]:
    """A user crossing 80 % and 100 % at once gets the 100 % alert only."""
    full = {e.key.split(":", 1)[1] for e in events if e.kind == KIND_QUOTA_100}
    return [e for e in events if not (e.kind == KIND_QUOTA_80 and e.key.split(":", 1)[1] in full)]


def detect(old: Snapshot | None, new: Snapshot, now: dt.datetime) -> list[Event]:
    """The events between two snapshots: conditions that hold in `new` and did not in `old`."""
    before = {k for k, e in evaluate(old, now).items() if e is not None} if old is not None else set()
    return _drop_shadowed([e for k, e in evaluate(new, now).items() if e is not None and k not in before])


def fire(
    fired: Iterable[str], snap: Snapshot, now: dt.datetime, kinds: Iterable[str] = KINDS
) -> tuple[list[Event], set[str]]:
    """(events to send now, the fired keys afterwards). Kinds switched off are not sent, yet marked fired,
    so switching a kind on later does not replay old conditions."""
    allowed = set(kinds)
    judged = evaluate(snap, now)
    before = set(fired)
    after = {k for k in before if k not in judged or judged[k] is not None}
    events = []
    for key, event in judged.items():
        if event is None:
            continue
        after.add(key)
        if key not in before and event.kind in allowed:
            events.append(event)
    return _drop_shadowed(events), after


def with_prefix(prefix: str, keys: Iterable[str]) -> set[str]:
    """Keys of one server among several (the desktop keeps one set for all its servers)."""
    return {prefix + k for k in keys}


# -- the agent's own wording (stdlib-only: it cannot use the desktop's catalogue) --------------------------
TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        KIND_QUOTA_80: "{server}: {subject} has used {percent}% of the traffic quota ({used} of {limit}).",
        KIND_QUOTA_100: "{server}: {subject} has used the whole traffic quota ({limit}); "
        "the speed is now limited.",
        KIND_EXPIRY: "{server}: access of {subject} expires {when} (in {days} days).",
        KIND_CERTIFICATE: "{server}: the certificate {subject} expires {when} (in {days} days).",
        KIND_CLOCK: "{server}: the server's clock is off by {offset} s; clients may fail to connect. "
        "Turn on time sync (chrony or systemd-timesyncd).",
        KIND_DEVICE_REFUSED: "{server}: the device limit of {subject} refused {refused} connection(s).",
        KIND_UNREACHABLE: "{server} does not answer.",
        "test": "{server}: test message from mtpm. Alerts from this server will arrive in this chat.",
    },
    "ru": {
        KIND_QUOTA_80: "{server}: {subject} израсходовал(а) {percent}% квоты трафика ({used} из {limit}).",
        KIND_QUOTA_100: "{server}: {subject} израсходовал(а) всю квоту трафика ({limit}); "
        "скорость теперь ограничена.",
        KIND_EXPIRY: "{server}: доступ {subject} истекает {when} (через {days} дн.).",
        KIND_CERTIFICATE: "{server}: сертификат {subject} истекает {when} (через {days} дн.).",
        KIND_CLOCK: "{server}: часы сервера расходятся на {offset} с; клиенты могут не подключиться. "
        "Включите синхронизацию времени (chrony или systemd-timesyncd).",
        KIND_DEVICE_REFUSED: "{server}: лимит устройств {subject} отклонил подключений: {refused}.",
        KIND_UNREACHABLE: "{server} не отвечает.",
        "test": "{server}: проверочное сообщение от mtpm. "
        "Оповещения с этого сервера будут приходить в этот чат.",
    },
}


def human_bytes(n: int) -> str:
    value = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.2f} TiB"


def render(event: Event | None, language: str, server: str) -> str:
    """The agent's message for `event` (None: the test message) in "en" or "ru"."""
    table = TEMPLATES.get(language, TEMPLATES["en"])
    if event is None:
        return table["test"].format(server=server)
    p = event.params
    values: dict[str, Any] = {"server": server, "subject": event.subject}
    if "used_bytes" in p:
        values.update(
            percent=p["percent"], used=human_bytes(p["used_bytes"]), limit=human_bytes(p["limit_bytes"])
        )
    if "days" in p:
        values.update(days=max(0, int(p["days"])), when=str(p.get("expires_at") or p.get("not_after")))
    if "offset_s" in p:
        values["offset"] = f"{p['offset_s']:+.1f}"
    if "refused" in p:
        values["refused"] = p["refused"]
    return table[event.kind].format(**values)
