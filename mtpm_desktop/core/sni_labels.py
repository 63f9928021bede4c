"""Random short DNS labels for users' own subdomains (``<label>.<server_domain>``), unique on a server.

A label is derived from the user's random id: it says nothing about the user (the SNI travels in clear
text), and a state file from before labels existed gets the same labels on every read until written back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class _HasLabel(Protocol):
    id: str
    sni_label: str


_Labelled = TypeVar("_Labelled", bound=_HasLabel)

LABEL_LENGTH = 6
_FIRST = "abcdefghijklmnopqrstuvwxyz"
_REST = _FIRST + "0123456789"


def derive_label(user_id: str, attempt: int = 0) -> str:
    """A short DNS label derived from the user's random id (``attempt`` > 0 after a collision)."""
    digest = hashlib.sha256(f"mtpm-sni-label:{user_id}:{attempt}".encode()).digest()
    return _FIRST[digest[0] % len(_FIRST)] + "".join(_REST[b % len(_REST)] for b in digest[1:LABEL_LENGTH])


def is_label(text: str) -> bool:
    return len(text) == LABEL_LENGTH and text[0] in _FIRST and all(c in _REST for c in text)


def unique_label(user_id: str, taken: Iterable[str]) -> str:
    """The first derived label for ``user_id`` that no other user has."""
    used = set(taken)
    attempt = 0
    while (label := derive_label(user_id, attempt)) in used:
        attempt += 1
    return label


def assign_labels(users: Sequence[_Labelled]) -> list[_Labelled]:
    """Give every user without a valid, unique label one (in list order: the oldest keeps a shared one);
    returns the users whose label was set."""
    seen: set[str] = set()
    changed: list[_Labelled] = []
    pending = []
    for user in users:
        if is_label(user.sni_label) and user.sni_label not in seen:
            seen.add(user.sni_label)
        else:
            pending.append(user)
    for user in pending:
        user.sni_label = unique_label(user.id, seen)
        seen.add(user.sni_label)
        changed.append(user)
    return changed
