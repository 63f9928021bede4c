"""The server's clock offset from this machine, measured over SSH.

mtg refuses FakeTLS handshakes whose timestamp is a few seconds off (its `tolerate-time-skewness`), so a
drifting server clock silently breaks every link. Status reports the offset and warns past 1 s.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.service_models import ClockOffset

WARN_OFFSET_S = 1.0


class ClockReadError(MtpmError):
    """The server's time could not be read."""


def offset_from(local_before: float, remote: float, local_after: float) -> ClockOffset:
    """Offset of `remote` against the midpoint of the local times around the call (Cristian's method)."""
    midpoint = (local_before + local_after) / 2
    offset = remote - midpoint
    uncertainty = max(0.0, (local_after - local_before) / 2)
    warning = None
    if offset > WARN_OFFSET_S:
        warning = msg(
            "The server's clock is {seconds:.1f} s ahead of this computer's. Telegram proxies refuse "
            "handshakes whose time is a few seconds off, so links may stop working: turn on time sync on "
            "the server (e.g. `timedatectl set-ntp true`) or fix this computer's clock.",
            seconds=offset,
        )
    elif offset < -WARN_OFFSET_S:
        warning = msg(
            "The server's clock is {seconds:.1f} s behind this computer's. Telegram proxies refuse "
            "handshakes whose time is a few seconds off, so links may stop working: turn on time sync on "
            "the server (e.g. `timedatectl set-ntp true`) or fix this computer's clock.",
            seconds=-offset,
        )
    return ClockOffset(offset_s=offset, uncertainty_s=uncertainty, warning=warning)


def parse_remote_time(text: str) -> float:
    """`date +%s.%N` output; busybox date prints a literal `%N`, so only whole seconds then."""
    head = text.strip().split()[0] if text.strip() else ""
    seconds, _, frac = head.partition(".")
    if not seconds.isdigit():
        raise ClockReadError(
            msg("The server answered {answer} when asked for the time.", answer=repr(text.strip()))
        )
    return float(seconds) + (float(f"0.{frac}") if frac.isdigit() else 0.0)


def measure_offset(session: Any, *, now: Callable[[], float] = time.time) -> ClockOffset:
    before = now()
    result = session.run("date -u +%s.%N", timeout=15)
    after = now()
    return offset_from(before, parse_remote_time(result.stdout), after)
