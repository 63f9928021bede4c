"""Port allocation for per-user proxies.

Rules: a user's port never changes unless the admin changes it (deleting a user never moves another), two
users never share a port, and ports a proxy must not take are refused: below 1024 (privileged, and where sshd
lives), 80 and 443 (web servers and the port-443 router), the SNI router's own listen port, and the engine's
metrics port.

The rules here know nothing of the state file (state.py uses them while loading); choosing a port for a user
of a state lives in users.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

from .errors import InvalidPort
from .messages import Message, msg

MIN_PORT = 1024
MAX_PORT = 65535
# mtg's Prometheus endpoint inside each container; kept off the host side too so a published proxy port can
# never be confused with it.
METRICS_PORT = 3129
ALWAYS_RESERVED = frozenset({80, 443, METRICS_PORT})


def reserved_ports(sni_listen_port: int | None = None) -> frozenset[int]:
    """Ports in 1024..65535 that no proxy may use (plus the SNI router's listen port when given)."""
    extra = {sni_listen_port} if sni_listen_port else set()
    return ALWAYS_RESERVED | extra


def port_problem(port: int, reserved: Iterable[int] = ALWAYS_RESERVED) -> Message | None:
    """Why ``port`` cannot be a proxy port, or None when it can (ignores which ports users already have)."""
    if port < MIN_PORT or port > MAX_PORT:
        return msg("port {port} is outside {low}-{high}", port=port, low=MIN_PORT, high=MAX_PORT)
    if port in set(reserved):
        return msg(
            "port {port} is reserved (80, 443, the port-443 router and metrics port {metrics})",
            port=port,
            metrics=METRICS_PORT,
        )
    return None


def lowest_free_port(base: int, used: Iterable[int], reserved: Iterable[int] = ALWAYS_RESERVED) -> int:
    """The lowest port >= ``base`` (and >= 1024) that is neither used nor reserved.

    When every port from ``base`` to 65535 is taken, the lowest free port below ``base`` is used instead (a
    base near the top of the range must not make loading a file fail). Raises InvalidPort only when no port
    at all is free.
    """
    taken = set(used) | set(reserved)
    start = min(max(base, MIN_PORT), MAX_PORT)
    for port in chain(range(start, MAX_PORT + 1), range(MIN_PORT, start)):
        if port not in taken:
            return port
    raise InvalidPort(
        msg("No free port is left between {low} and {high}; remove some users.", low=MIN_PORT, high=MAX_PORT)
    )
