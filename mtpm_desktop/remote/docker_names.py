"""Creating a named container when the name may be held by this install's own leftover.

dockerd finishes a create whose request arrived even when the SSH channel that carried it is gone, so after a
cut link the container can appear only after the caller listed the server's containers. The next create then
meets a name conflict with a container of its own. Both the proxies and the port-443 router create through
`create_named`: a holder carrying this install's labels is removed and the create tried again; anyone else's
container is left alone and reported.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import docker.errors

T = TypeVar("T")
# A few tries a short wait apart: a create still running on the server holds the name for a moment before
# it can be inspected (or removed).
TRIES = 4
WAIT_S = 0.5


class NameTaken(Exception):
    """The name belongs to a container that is not this install's (the caller says what to do)."""


class NameBusy(Exception):
    """This install's own leftover kept the name through every try."""


def clear_own_leftover(api: Any, name: str, own: Mapping[str, str]) -> bool:
    """Remove the container called `name` when its labels include all of `own`; True when the name is (or
    is about to be) free to try again."""
    try:
        info = api.inspect_container(name)
    except docker.errors.NotFound:
        return True  # the name is reserved but its create has not finished: wait for it
    labels = (info.get("Config") or {}).get("Labels") or {}
    if any(labels.get(key) != value for key, value in own.items()):
        return False
    with contextlib.suppress(docker.errors.NotFound):  # gone meanwhile
        api.remove_container(info["Id"], force=True)
    return True


def create_named(
    create: Callable[[], T], api: Any, name: str, own: Mapping[str, str], *, wait_s: float = WAIT_S
) -> T:
    """`create()`, clearing this install's own leftover of `name` on a name conflict. Raises NameTaken for
    someone else's container and NameBusy when the leftover outlasted every try."""
    for attempt in range(TRIES):
        try:
            return create()
        except docker.errors.APIError as exc:
            if exc.status_code != 409:
                raise
            if not clear_own_leftover(api, name, own):
                raise NameTaken(name) from None
        if attempt + 1 < TRIES:
            time.sleep(wait_s)
    raise NameBusy(name)
