"""Who is connected to each user's published port right now, read from the host's own tables.

A client reaches a published port of the stock image by one of two paths, and both are counted:
- Docker DNATs it to the container (clients from outside, and the host's own non-loopback addresses): the
  kernel's connection table has it, with the original destination port = the published port and a reply
  source that differs from the original destination (the container answered, not the host). Read from
  /proc/net/nf_conntrack, else from `conntrack -L` when the procfs file is not there.
- Docker's userland proxy (docker-proxy) accepts it (clients on loopback, IPv6 clients without ip6tables
  NAT): the host's socket tables /proc/net/tcp{,6} have an ESTABLISHED socket whose local port is the
  published port; its remote address is the client.
A connection takes only one of the paths (the proxy's own leg to the container is not DNAT'd and its local
port is not the published one), so none is counted twice.
"""

from __future__ import annotations

import ipaddress
import re
import subprocess
from dataclasses import dataclass, field

CONNTRACK_PROC = "/proc/net/nf_conntrack"
TCP_TABLES = ("/proc/net/tcp", "/proc/net/tcp6")
CONNTRACK_TIMEOUT_S = 10.0
_ESTABLISHED = "01"
# "ESTABLISHED src=C dst=H sport=.. dport=P src=R ...": only TCP entries carry a state word.
_ENTRY = re.compile(rb"ESTABLISHED src=(\S+) dst=(\S+) sport=\d+ dport=(\d+) src=(\S+)")


@dataclass
class Connections:
    """port -> client IP -> open connections; `errors` when a table could not be read."""

    by_port: dict[int, dict[str, int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, port: int, ip: str) -> None:
        ips = self.by_port.setdefault(port, {})
        ips[ip] = ips.get(ip, 0) + 1


def _plain(ip: str) -> str:
    """IPv4-mapped IPv6 (::ffff:a.b.c.d) as plain IPv4; other addresses in their compressed form."""
    if ":" not in ip:
        return ip  # IPv4 as the kernel prints it: already plain
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return str(addr.ipv4_mapped)
    return str(addr)


def parse_conntrack(text: bytes, ports: set[int], out: Connections) -> None:
    """Established TCP entries that Docker DNAT'd to one of `ports` (procfs or `conntrack -L` lines).

    One regular expression over the whole table: a busy server has tens of thousands of entries, nearly
    all of them for other ports or not established, and only the matches cost Python code."""
    for m in _ENTRY.finditer(text):  # bytes: a large table is never decoded as a whole
        src, dst, dport, reply_src = m.groups()
        port = int(dport)
        if port in ports and reply_src != dst:
            out.add(port, _plain(src.decode("ascii", "replace")))


def _hex_ip(word: str) -> str:
    """/proc/net/tcp{,6} addresses: 32-bit words in host (little-endian) order."""
    if len(word) == 8:  # IPv4: the common case, without ipaddress
        return ".".join(str(int(word[i : i + 2], 16)) for i in (6, 4, 2, 0))
    raw = bytes.fromhex(word)
    flipped = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return _plain(str(ipaddress.ip_address(flipped)))


def parse_tcp_table(text: str, ports: set[int], out: Connections) -> None:
    """Established sockets of the host whose local port is one of `ports` (docker-proxy's accepted ones)."""
    for line in text.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 4 or parts[3] != _ESTABLISHED:
            continue
        local, remote = parts[1], parts[2]
        try:
            port = int(local.rsplit(":", 1)[1], 16)
            if port in ports:
                out.add(port, _hex_ip(remote.rsplit(":", 1)[0]))
        except (IndexError, ValueError):
            continue


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        return None


def _conntrack_tool() -> bytes | None:
    try:
        proc = subprocess.run(
            ["conntrack", "-L", "-p", "tcp"], capture_output=True, timeout=CONNTRACK_TIMEOUT_S
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout if proc.returncode == 0 else None


def read_connections(ports: set[int]) -> Connections:
    out = Connections()
    if not ports:
        return out
    text = _read(CONNTRACK_PROC)
    if text is None:
        text = _conntrack_tool()
    if text is None:
        out.errors.append(
            "the kernel's connection table cannot be read (no /proc/net/nf_conntrack, no `conntrack` tool): "
            "clients Docker forwards are not counted; install the conntrack package"
        )
    else:
        parse_conntrack(text, ports, out)
    for path in TCP_TABLES:
        table = _read(path)
        if table is not None:
            parse_tcp_table(table.decode("ascii", "replace"), ports, out)
    return out
