"""The server's own health: CPU, load, memory, the install root's disk, network rates, uptime, Docker.

Everything is read from /proc and statvfs (no command is run, no port opened). Rates (CPU %, network
bytes/s) need two readings: each poll keeps its reading in the store (meta `health_prev`) so the next
poll, or a `health` call between polls, measures over the interval since then. Each poll also adds its
reading to the hour's row of `health_history` (store.py) in the poll's own transaction.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass
from typing import Any

from .store import HOUR, Store

PREV_KEY = "health_prev"
DISK_WARN_FRACTION = 0.90  # warn when the install root's filesystem is fuller than this
MEM_FREE_WARN_FRACTION = 0.10  # warn when less than this share of memory is available
SHORT_SAMPLE_S = 0.5  # a `health` call without a recent poll measures over this long
PREV_MAX_AGE_S = 600.0  # an older reading is not used for rates
# Interfaces whose traffic stays on the host (Docker's bridges and veths) or never leaves it.
_LOCAL_PREFIXES = ("lo", "veth", "docker", "br-", "virbr", "mtpm")


@dataclass(frozen=True)
class Reading:
    """Raw counters at one moment (monotonic seconds for rates, wall seconds for the hour)."""

    mono: float
    cpu_total: int
    cpu_idle: int
    net_rx: int
    net_tx: int


@dataclass(frozen=True)
class Health:
    cpu_percent: float
    load1: float
    mem_total_bytes: int
    mem_used_bytes: int
    disk_total_bytes: int
    disk_used_bytes: int
    net_rx_bps: float
    net_tx_bps: float
    uptime_s: float
    docker_ok: bool
    proxies_running: int
    warnings: list[str]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- /proc ----------------------------------------------------------------------------------------------
def read_cpu(proc: str = "/proc") -> tuple[int, int]:
    """(total, idle) jiffies of all CPUs; idle includes iowait (the CPU had nothing to run)."""
    with open(os.path.join(proc, "stat"), encoding="ascii") as fh:
        fields = fh.readline().split()
    values = [int(v) for v in fields[1:]]
    # user nice system idle iowait irq softirq steal [guest guest_nice]: guests are already in user/nice.
    total = sum(values[:8])
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return total, idle


def read_net(proc: str = "/proc") -> tuple[int, int]:
    """(rx, tx) bytes summed over the host's interfaces that carry outside traffic."""
    rx = tx = 0
    with open(os.path.join(proc, "net", "dev"), encoding="ascii") as fh:
        for line in fh.readlines()[2:]:
            name, _, rest = line.partition(":")
            if name.strip().startswith(_LOCAL_PREFIXES):
                continue
            cols = rest.split()
            rx += int(cols[0])
            tx += int(cols[8])
    return rx, tx


def read_memory(proc: str = "/proc") -> tuple[int, int]:
    """(total, used) bytes; used = total - MemAvailable (what `free` calls used, cache excluded)."""
    info: dict[str, int] = {}
    with open(os.path.join(proc, "meminfo"), encoding="ascii") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            parts = value.split()
            if parts:
                info[key] = int(parts[0]) * 1024
    total = info.get("MemTotal", 0)
    available = info.get("MemAvailable", info.get("MemFree", 0))
    return total, max(0, total - available)


def read_disk(path: str) -> tuple[int, int]:
    """(total, used) bytes of the filesystem holding `path` (used as `df` counts it)."""
    st = os.statvfs(path)
    return st.f_blocks * st.f_frsize, (st.f_blocks - st.f_bfree) * st.f_frsize


def read_load(proc: str = "/proc") -> float:
    with open(os.path.join(proc, "loadavg"), encoding="ascii") as fh:
        return float(fh.read().split()[0])


def read_uptime(proc: str = "/proc") -> float:
    with open(os.path.join(proc, "uptime"), encoding="ascii") as fh:
        return float(fh.read().split()[0])


def reading(proc: str = "/proc") -> Reading:
    total, idle = read_cpu(proc)
    rx, tx = read_net(proc)
    return Reading(time.monotonic(), total, idle, rx, tx)


# -- rates and warnings ---------------------------------------------------------------------------------
def _rates(prev: Reading, cur: Reading) -> tuple[float, float, float]:
    """(cpu %, rx bytes/s, tx bytes/s) between two readings."""
    dt = max(cur.mono - prev.mono, 1e-6)
    dtotal = cur.cpu_total - prev.cpu_total
    cpu = 0.0 if dtotal <= 0 else 100.0 * max(0, dtotal - (cur.cpu_idle - prev.cpu_idle)) / dtotal
    return cpu, max(0, cur.net_rx - prev.net_rx) / dt, max(0, cur.net_tx - prev.net_tx) / dt


def warnings(mem_total: int, mem_used: int, disk_total: int, disk_used: int) -> list[str]:
    """Stable machine-readable codes; the desktop words them in the admin's language."""
    out = []
    if disk_total and disk_used / disk_total > DISK_WARN_FRACTION:
        out.append("disk_over_90")
    if mem_total and (mem_total - mem_used) / mem_total < MEM_FREE_WARN_FRACTION:
        out.append("memory_under_10_free")
    return out


def load_prev(store: Store) -> Reading | None:
    raw = store.get_meta(PREV_KEY)
    if not raw:
        return None
    try:
        doc = json.loads(raw)
        return Reading(**{k: doc[k] for k in ("mono", "cpu_total", "cpu_idle", "net_rx", "net_tx")})
    except (ValueError, KeyError, TypeError):
        return None


def current(store: Store, root: str, *, docker_ok: bool, proxies_running: int, proc: str = "/proc") -> Health:
    """Health now; rates over the interval since the last poll's reading (or a short sample)."""
    cur = reading(proc)
    prev = load_prev(store)
    if prev is None or not 0.2 <= cur.mono - prev.mono <= PREV_MAX_AGE_S:
        prev = cur
        time.sleep(SHORT_SAMPLE_S)
        cur = reading(proc)
    cpu, rx_bps, tx_bps = _rates(prev, cur)
    mem_total, mem_used = read_memory(proc)
    disk_total, disk_used = read_disk(root)
    return Health(
        cpu_percent=round(cpu, 1),
        load1=read_load(proc),
        mem_total_bytes=mem_total,
        mem_used_bytes=mem_used,
        disk_total_bytes=disk_total,
        disk_used_bytes=disk_used,
        net_rx_bps=round(rx_bps, 1),
        net_tx_bps=round(tx_bps, 1),
        uptime_s=read_uptime(proc),
        docker_ok=docker_ok,
        proxies_running=proxies_running,
        warnings=warnings(mem_total, mem_used, disk_total, disk_used),
    )


def record(store: Store, root: str, wall: float, proc: str = "/proc") -> None:
    """Add this poll's reading to the hour of `wall` (inside the caller's transaction)."""
    cur = reading(proc)
    prev = load_prev(store)
    cpu: float | None = None
    drx = dtx = 0
    if prev is not None and 0 < cur.mono - prev.mono <= PREV_MAX_AGE_S:
        cpu = _rates(prev, cur)[0]
        # A reboot resets the counters (and the monotonic clock): count nothing for that interval.
        drx, dtx = max(0, cur.net_rx - prev.net_rx), max(0, cur.net_tx - prev.net_tx)
    _, mem_used = read_memory(proc)
    _, disk_used = read_disk(root)
    store.add_health(int(wall // HOUR) * HOUR, cpu, mem_used, disk_used, drx, dtx)
    store.set_meta(PREV_KEY, json.dumps(asdict(cur)))
