"""Does the server's own domain point at the server? Asked from this computer and from the server itself.

The admin's domain is the base of every user's SNI (``<label>.<domain>``) and of the server's own site, so
before it is applied both sides must see the records the admin was asked to add: an A record (and an AAAA
record where the server has a public IPv6 address) for the bare name, and the same for a wildcard
(``*.<domain>``, tested with a random label) when users get their own subdomains. Each wrong or missing
record becomes one sentence that says exactly which record to add or change, and to what value.

This computer asks with dnspython (the system's resolver, or ``resolver`` = IP[:PORT]); the server asks
with its own python3 over the SSH session: ``getaddrinfo`` normally, the same resolver when one is given.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import dns.exception
import dns.resolver

from mtpm_desktop.core.errors import InvalidSetting, MtpmError
from mtpm_desktop.core.messages import msg

LOOKUP_TIMEOUT_S = 5.0
RECORD_TYPES = ("A", "AAAA")


class DnsCheckError(MtpmError):
    """A DNS lookup could not be made at all (no resolver answers)."""


class DnsNotReady(MtpmError):
    """The domain's records do not (yet) point at the server; the message says which record to fix."""


@dataclass(frozen=True)
class Resolver:
    """A DNS server to ask instead of the system's."""

    host: str
    port: int = 53

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def parse_resolver(text: str) -> Resolver:
    """``IP``, ``IP:PORT``, ``[IPv6]:PORT`` or a bare IPv6 address."""
    value = text.strip()
    host, port = value, "53"
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        port = rest.removeprefix(":") or "53"
    elif value.count(":") == 1:
        host, _, port = value.partition(":")
    try:
        ip = ipaddress.ip_address(host)
        number = int(port)
        if not 0 < number < 65536:
            raise ValueError(port)
    except ValueError:
        raise InvalidSetting(
            msg("{value!r} is not a DNS server address (IP or IP:PORT, e.g. 1.1.1.1:53).", value=text)
        ) from None
    return Resolver(str(ip), number)


@dataclass(frozen=True)
class ExpectedAddresses:
    """What the records must say: the server's public IPv4, and its public IPv6 addresses if it has any."""

    ipv4: str
    ipv6: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordCheck:
    """One record (``name`` as the admin writes it, e.g. ``*.proxy.example.org``) seen from both sides."""

    name: str
    rtype: str  # "A" or "AAAA"
    expected: tuple[str, ...]  # any one of these is right
    here: tuple[str, ...]
    on_server: tuple[str, ...] | None  # None: the server was not asked

    @property
    def ok(self) -> bool:
        sides = [self.here] if self.on_server is None else [self.here, self.on_server]
        return all(side and set(side) <= set(self.expected) for side in sides)

    def problem(self) -> str | None:
        """What to do, in one sentence, or None when the record is right."""
        if self.ok:
            return None
        value = self.expected[0]
        seen_here = ", ".join(self.here)
        seen_server = ", ".join(self.on_server or ())
        if not self.here and not self.on_server:
            return msg(
                "Add an {rtype} record {name} -> {value} at your DNS provider.",
                rtype=self.rtype,
                name=self.name,
                value=value,
            )
        wrong = sorted(set(self.here) | set(self.on_server or ()))
        if wrong and not set(wrong) <= set(self.expected):
            return msg(
                "Change the {rtype} record {name} to {value} (it points to {found}).",
                rtype=self.rtype,
                name=self.name,
                value=value,
                found=", ".join(a for a in wrong if a not in self.expected),
            )
        # Right where it is seen, missing on one side: a cache or a resolver that has not caught up.
        return msg(
            "The {rtype} record {name} -> {value} is seen here ({here}) but not on the server ({server}), "
            "or the other way round; wait for the DNS caches to expire (up to the record's TTL) and check "
            "again.",
            rtype=self.rtype,
            name=self.name,
            value=value,
            here=seen_here or "-",
            server=seen_server or "-",
        )


@dataclass
class DomainCheck:
    """Every record the domain needs, each seen from this computer and from the server."""

    domain: str
    records: list[RecordCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.records)

    def problems(self) -> list[str]:
        return [p for r in self.records if (p := r.problem()) is not None]

    def summary(self) -> str:
        if self.ok:
            return msg("DNS for {domain} points at this server.", domain=self.domain)
        return msg(
            "DNS for {domain} is not ready: {problems}",
            domain=self.domain,
            problems=" ".join(self.problems()),
        )


# ------------------------------------------------------------------------------------------- this computer


def lookup_here(name: str, rtype: str, resolver: Resolver | None = None) -> tuple[str, ...]:
    """The addresses this computer gets for ``name`` (empty when the name or the record does not exist)."""
    res = dns.resolver.Resolver(configure=resolver is None)
    if resolver is not None:
        res.nameservers = [resolver.host]
        res.port = resolver.port
    res.lifetime = LOOKUP_TIMEOUT_S
    try:
        answer = res.resolve(name, rtype, raise_on_no_answer=False, search=False)
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
        return ()
    except dns.exception.DNSException as exc:
        raise DnsCheckError(
            msg(
                "This computer could not look up {name} ({error}); check its network or pass a "
                "DNS server with --resolver.",
                name=name,
                error=str(exc) or type(exc).__name__,
            )
        ) from None
    return tuple(sorted({rr.to_text() for rr in answer}))


# ------------------------------------------------------------------------------------------------ server

# Run by the server's python3 (stdlib only): a JSON request on stdin, a JSON list of address lists out.
_SERVER_SCRIPT = r"""
import json, random, socket, struct, sys
req = json.load(sys.stdin)
TYPES = {"A": (1, socket.AF_INET), "AAAA": (28, socket.AF_INET6)}
def ask(name, rtype, host, port):
    code, fam = TYPES[rtype]
    qname = b"".join(bytes([len(p)]) + p.encode() for p in name.rstrip(".").split(".")) + b"\0"
    head = struct.pack(">HHHHHH", random.randrange(65536), 0x0100, 1, 0, 0, 0)
    pkt = head + qname + struct.pack(">HH", code, 1)
    s = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(5)
    s.sendto(pkt, (host, port))
    d = s.recv(65535)
    count, i = struct.unpack(">H", d[6:8])[0], 12 + len(qname) + 4
    out = []
    for _ in range(count):
        while d[i] and d[i] & 0xC0 != 0xC0:
            i += d[i] + 1
        i += 2 if d[i] & 0xC0 == 0xC0 else 1
        rt, _c, _t, ln = struct.unpack(">HHIH", d[i:i + 10])
        i += 10
        if rt == code:
            out.append(socket.inet_ntop(fam, d[i:i + ln]))
        i += ln
    return out
def system(name, rtype):
    try:
        return [a[4][0] for a in socket.getaddrinfo(name, None, TYPES[rtype][1], socket.SOCK_STREAM)]
    except socket.gaierror:
        return []
res = req.get("resolver")
answers = [ask(n, t, res[0], res[1]) if res else system(n, t) for n, t in req["queries"]]
print(json.dumps([sorted(set(a)) for a in answers]))
"""


def lookup_on_server(
    session: Any, queries: Sequence[tuple[str, str]], resolver: Resolver | None = None
) -> list[tuple[str, ...]]:
    """The addresses the server itself gets for each (name, record type)."""
    request = {"queries": list(queries), "resolver": [resolver.host, resolver.port] if resolver else None}
    result = session.run(
        "python3 -c " + _shell_quote(_SERVER_SCRIPT),
        stdin=json.dumps(request).encode(),
        timeout=30,
        check=False,
    )
    try:
        answers = json.loads(result.stdout)
        return [tuple(str(a) for a in answer) for answer in answers]
    except (ValueError, TypeError):
        raise DnsCheckError(
            msg(
                "The server could not look up its own domain (exit {code}: {output}).",
                code=result.exit_code,
                output=(result.stderr or result.stdout).strip()[-300:] or msg("no output"),
            )
        ) from None


def _shell_quote(text: str) -> str:
    return "'" + text.replace("'", "'\"'\"'") + "'"


def server_addresses(session: Any, server_ip: str) -> ExpectedAddresses:
    """The server's public addresses: ``server_ip`` when it is an IPv4 address, else the address this SSH
    session reached; plus every public (global) IPv6 address configured on the server."""
    ipv4 = ""
    with contextlib.suppress(ValueError):
        if ipaddress.ip_address(server_ip.strip()).version == 4:
            ipv4 = server_ip.strip()
    if not ipv4:
        with contextlib.suppress(Exception):
            peer = session.transport.getpeername()[0]
            if ipaddress.ip_address(peer).version == 4:
                ipv4 = peer
    if not ipv4:
        raise InvalidSetting(
            msg("Set server_ip to the server's public IPv4 address first, so the DNS records can be checked.")
        )
    out = session.run("ip -6 -o addr show scope global 2>/dev/null", timeout=15, check=False).stdout
    return ExpectedAddresses(ipv4, public_ipv6(out))


def public_ipv6(ip_output: str) -> tuple[str, ...]:
    """Global (not ULA, not link-local) IPv6 addresses from ``ip -6 -o addr`` output."""
    found: list[str] = []
    for line in ip_output.splitlines():
        words = line.split()
        if "inet6" not in words or "deprecated" in words:
            continue
        with contextlib.suppress(ValueError, IndexError):
            address = ipaddress.ip_interface(words[words.index("inet6") + 1]).ip
            if address.is_global and str(address) not in found:
                found.append(str(address))
    return tuple(found)


def wildcard_probe_label() -> str:
    """A random label under the domain: only a wildcard record answers for it (a fixed one could be a
    record of its own)."""
    return f"mtpm-check-{secrets.token_hex(4)}"


def record_names(domain: str, *, wildcard: bool) -> list[tuple[str, str]]:
    """(name as the admin writes it, name that is looked up): the bare name, and the wildcard."""
    names = [(domain, domain)]
    if wildcard:
        names.append((f"*.{domain}", f"{wildcard_probe_label()}.{domain}"))
    return names


def check_domain(
    domain: str,
    expected: ExpectedAddresses,
    *,
    wildcard: bool,
    resolver: Resolver | None = None,
    session: Any = None,
) -> DomainCheck:
    """Every record the domain needs, from this computer and (with ``session``) from the server."""
    return check_names(domain, record_names(domain, wildcard=wildcard), expected, resolver, session)


def check_names(
    domain: str,
    names: Sequence[tuple[str, str]],
    expected: ExpectedAddresses,
    resolver: Resolver | None = None,
    session: Any = None,
) -> DomainCheck:
    """The A (and AAAA) records of each (name shown to the admin, name looked up)."""
    wanted: list[tuple[str, str, str, tuple[str, ...]]] = []
    for shown, asked in names:
        wanted.append((shown, asked, "A", (expected.ipv4,)))
        if expected.ipv6:
            wanted.append((shown, asked, "AAAA", expected.ipv6))
    queries = [(asked, rtype) for _, asked, rtype, _ in wanted]
    remote = lookup_on_server(session, queries, resolver) if session is not None else None
    check = DomainCheck(domain)
    for index, (shown, asked, rtype, values) in enumerate(wanted):
        here = lookup_here(asked, rtype, resolver)
        check.records.append(
            RecordCheck(shown, rtype, values, here, remote[index] if remote is not None else None)
        )
    return check
