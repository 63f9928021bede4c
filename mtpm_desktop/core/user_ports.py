"""Ports of the users of one server: the port a new user gets, and whether the admin's choice is free.

Built on the state-free rules of ports.py, so the state file can use those while it loads.
"""

from __future__ import annotations

from .errors import InvalidPort, PortInUse
from .messages import msg
from .ports import lowest_free_port, port_problem, reserved_ports
from .state import ServerState
from .validation import validate_port_number


def state_reserved_ports(state: ServerState) -> frozenset[int]:
    """The reserved ports for this server (includes its SNI router listen port)."""
    return reserved_ports(state.sni_listen_port)


def allocate_port(state: ServerState) -> int:
    """The port a new user of ``state`` gets: the lowest free one >= ``state.proxy_port``."""
    return lowest_free_port(state.proxy_port, (u.port for u in state.users), state_reserved_ports(state))


def check_port(state: ServerState, port: object, *, user_id: str | None = None) -> int:
    """Validate a port chosen by the admin for a user (``user_id`` = the user it is for, if existing).

    Returns the port as int; raises InvalidPort (range, reserved) or PortInUse (another user has it).
    """
    value = validate_port_number(port)
    reason = port_problem(value, state_reserved_ports(state))
    if reason:
        raise InvalidPort(msg("Cannot use {reason}; choose another port.", reason=reason))
    for user in state.users:
        if user.port == value and user.id != user_id:
            raise PortInUse(
                msg(
                    "Port {port} is already used by user '{name}'; choose another port.",
                    port=value,
                    name=user.name,
                )
            )
    return value
