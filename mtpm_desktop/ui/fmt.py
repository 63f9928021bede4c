"""Human-readable numbers and times for the UI, translated."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

_UNITS = {
    "B": QT_TRANSLATE_NOOP("fmt", "B"),
    "KB": QT_TRANSLATE_NOOP("fmt", "KB"),
    "MB": QT_TRANSLATE_NOOP("fmt", "MB"),
    "GB": QT_TRANSLATE_NOOP("fmt", "GB"),
    "TB": QT_TRANSLATE_NOOP("fmt", "TB"),
}


def unit_label(unit: str) -> str:
    """A byte unit ("GB") in the UI language."""
    return QCoreApplication.translate("fmt", str(_UNITS.get(unit, unit)))


def locale_number(value: float, decimals: int = 0) -> str:
    """`value` as the UI language writes numbers (a decimal comma in Russian; i18n sets the locale)."""
    loc = QLocale()
    loc.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return loc.toString(float(value), "f", decimals)


def human_bytes(n: float) -> str:
    value = float(n)
    for unit in _UNITS:
        if abs(value) < 1024 or unit == "TB":
            return f"{locale_number(value, 0 if unit == 'B' else 1)} {unit_label(unit)}"
        value /= 1024
    return ""  # pragma: no cover - the loop returns at TB


def human_rate(bytes_per_s: float) -> str:
    return QCoreApplication.translate("fmt", "{size}/s").format(size=human_bytes(bytes_per_s))


def human_age(seconds: float) -> str:
    s = int(max(0, seconds))
    if s < 60:
        return QCoreApplication.translate("fmt", "{n} s ago").format(n=s)
    if s < 3600:
        return QCoreApplication.translate("fmt", "{n} min ago").format(n=s // 60)
    if s < 86400:
        return QCoreApplication.translate("fmt", "{n} h ago").format(n=s // 3600)
    return QCoreApplication.translate("fmt", "{n} d ago").format(n=s // 86400)


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def short_date(value: str | None) -> str:
    dt = parse_iso(value)
    if dt is None:
        return "—" if value is None or value == "" else value
    return dt.astimezone().strftime("%Y-%m-%d %H:%M")


def clock_time(epoch: float | None) -> str:
    if not epoch:
        return "—"
    return time.strftime("%H:%M:%S", time.localtime(epoch))


# QT_TRANSLATE_NOOP marks the strings for lupdate; the lookup then translates only the one asked for
# (this runs for every painted cell of the state column).
_STATES = {
    "running": QT_TRANSLATE_NOOP("fmt", "running"),
    "stopped": QT_TRANSLATE_NOOP("fmt", "stopped"),
    "missing": QT_TRANSLATE_NOOP("fmt", "missing"),
    "disabled": QT_TRANSLATE_NOOP("fmt", "disabled"),
    "expired": QT_TRANSLATE_NOOP("fmt", "expired"),
    "unknown": QT_TRANSLATE_NOOP("fmt", "unknown"),
    "accepted": QT_TRANSLATE_NOOP("fmt", "accepted"),
    "refused": QT_TRANSLATE_NOOP("fmt", "refused"),
    "unreachable": QT_TRANSLATE_NOOP("fmt", "unreachable"),
    "throttled": QT_TRANSLATE_NOOP("fmt", "throttled"),
    "device-limit": QT_TRANSLATE_NOOP("fmt", "device limit"),
}


def state_label(state: str) -> str:
    source = _STATES.get(state)
    return QCoreApplication.translate("fmt", str(source)) if source else state


def seconds_left(value: str | None, now: float | None = None) -> float | None:
    """Seconds until an ISO 8601 time (negative once past); None when there is none."""
    dt = parse_iso(value)
    if dt is None:
        return None
    return dt.timestamp() - (time.time() if now is None else now)


def countdown(value: str | None, now: float | None = None) -> str:
    """An expiry as the admin thinks of it: "in 5 d", "in 3 h", "expired 2 d ago", "—" for none."""
    left = seconds_left(value, now)
    if left is None:
        return "—"
    span = abs(left)
    # Rounded, not floored: 1 d 23 h reads "2 d".
    if span >= 86400 - 1800:
        amount = QCoreApplication.translate("fmt", "{n} d").format(n=max(1, round(span / 86400)))
    elif span >= 3600:
        amount = QCoreApplication.translate("fmt", "{n} h").format(n=round(span / 3600))
    else:
        amount = QCoreApplication.translate("fmt", "{n} min").format(n=max(1, int(span // 60)))
    if left >= 0:
        return QCoreApplication.translate("fmt", "in {amount}").format(amount=amount)
    return QCoreApplication.translate("fmt", "expired {amount} ago").format(amount=amount)


def ago(value: str | None, now: float | None = None) -> str:
    """How long since an ISO 8601 time: "now" within a minute, else as human_age; "never" for none."""
    left = seconds_left(value, now)
    if left is None:
        return QCoreApplication.translate("fmt", "never")
    if -left < 60:
        return QCoreApplication.translate("fmt", "now")
    return human_age(-left)
