"""Throttling an over-limit user's container with tc, from the host.

The proxy image needs no tc and no NET_ADMIN (the stock mtg image is FROM scratch): the host's `tc` runs in
the container's network namespace through `nsenter -t PID -n`.

Both directions are shaped, each as egress (Linux shapes what leaves an interface):
- egress of the container's eth0: everything the proxy sends, i.e. the user's download (and the requests
  it relays to Telegram);
- egress of the container's host-side veth peer: everything that enters the container, i.e. the user's
  upload and Telegram's replies on their way to the proxy.
So "throughput measured out of the container" is held to the throttle rate in either direction, without an
ifb device (not available inside a container's namespace).
"""

from __future__ import annotations

import os
import re
import subprocess

TC_TIMEOUT_S = 10.0
_PEER = re.compile(r"^\d+:\s*[^@:\s]+@if(\d+):")


class ShapingError(RuntimeError):
    """tc or nsenter failed; the message carries their stderr."""


def _run(argv: list[str], ok_errors: tuple[str, ...] = ()) -> str:
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=TC_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ShapingError(f"{' '.join(argv)}: {exc}") from exc
    if proc.returncode != 0:
        err = proc.stderr.strip()
        if any(marker in err for marker in ok_errors):
            return ""
        raise ShapingError(f"{' '.join(argv)} failed: {err or proc.returncode}")
    return proc.stdout


def _ns(pid: int) -> list[str]:
    return ["nsenter", "-t", str(pid), "-n"]


# Below this a "throttle" is a cut-off (throttle speed 0): one packet of bucket, then ~nothing.
CUT_OFF_BPS = 8000


def tbf_args(rate_bps: int) -> list[str]:
    """Token bucket at `rate_bps` bits/s. A small bucket (1/25 s of traffic, at least 16 KiB) keeps the
    initial burst negligible, so throughput measured over a few seconds is the rate."""
    if rate_bps < CUT_OFF_BPS:
        return ["tbf", "rate", "8bit", "burst", "1600", "latency", "200ms"]
    burst = max(rate_bps // 8 // 25, 16384)
    return ["tbf", "rate", f"{rate_bps}bit", "burst", str(burst), "latency", "200ms"]


def host_peer(pid: int, interface: str = "eth0") -> str | None:
    """Name of the host-side veth peer of the container's `interface` (None when it has none)."""
    out = _run([*_ns(pid), "ip", "-o", "link", "show", "dev", interface])
    match = _PEER.match(out.strip())
    if match is None:
        return None
    wanted = match.group(1)
    for name in os.listdir("/sys/class/net"):
        try:
            with open(f"/sys/class/net/{name}/ifindex", encoding="ascii") as fh:
                if fh.read().strip() == wanted:
                    return name
        except OSError:
            continue
    return None


def apply(pid: int, rate_bps: int, interface: str = "eth0") -> str | None:
    """Shape both directions of the container; returns the host veth it shaped (if found)."""
    _run([*_ns(pid), "tc", "qdisc", "replace", "dev", interface, "root", *tbf_args(rate_bps)])
    peer = host_peer(pid, interface)
    if peer is not None:
        _run(["tc", "qdisc", "replace", "dev", peer, "root", *tbf_args(rate_bps)])
    return peer


# tc's messages when there is nothing to delete (already removed, or the container restarted).
_NOTHING = ("Cannot delete qdisc with handle of zero", "No such file or directory", "Cannot find device")


def remove(pid: int | None, host_veth: str | None, interface: str = "eth0") -> None:
    if pid:
        try:
            _run([*_ns(pid), "tc", "qdisc", "del", "dev", interface, "root"], ok_errors=_NOTHING)
        except ShapingError:
            if os.path.exists(f"/proc/{pid}"):
                raise  # the namespace exists but tc failed: a real error
    if host_veth:
        _run(["tc", "qdisc", "del", "dev", host_veth, "root"], ok_errors=_NOTHING)


def current_rate(pid: int, interface: str = "eth0") -> str | None:
    """The tbf rate tc reports on the container's interface, e.g. '8Mbit' (None when not shaped)."""
    out = _run([*_ns(pid), "tc", "qdisc", "show", "dev", interface, "root"])
    match = re.search(r"\btbf\b.*?\brate (\S+)", out)
    return match.group(1) if match else None
