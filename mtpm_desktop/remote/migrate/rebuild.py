"""Rebuild users and server settings from a `BackupPayload` on a server: the one path a move and a restore
share. Each step can run again safely: users are matched by id (never created twice), files are rewritten
whole, and the agent's import replaces the moved users' counters and history rather than adding to them.
"""

from __future__ import annotations

import contextlib
import json
import posixpath
import shlex
import time
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from mtpm_desktop.core.backup_format import BackupPayload
from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.core.server_move import MergePlan, merge_documents
from mtpm_desktop.core.state import ServerState, state_from_dict, state_to_dict
from mtpm_desktop.remote.checks.link_check import check_links
from mtpm_desktop.remote.migrate.bundle import SETTINGS_DIRS
from mtpm_desktop.remote.proxies.mtg_config import is_ipv4_literal
from mtpm_desktop.remote.server_settings import PROXIES_STOPPED_KEY
from mtpm_desktop.remote.service_models import LinkCheck, LinkVerdict, Progress

if TYPE_CHECKING:
    from mtpm_desktop.remote.service import ServerService

# How long a moved link may take to be accepted (a new proxy container needs a moment before it listens).
CHECK_TIMEOUT_S = 60.0

# Runs on the server's python3: which of the ports in argv cannot be bound (something listens there).
_BUSY_SCRIPT = r"""
import socket, sys
busy = []
for p in sys.argv[1:]:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("0.0.0.0", int(p)))
    except OSError:
        busy.append(int(p))
    finally:
        s.close()
print(" ".join(str(p) for p in busy))
"""


class RebuildError(MtpmError):
    """A step of rebuilding users on the target server failed."""


def busy_ports(service: ServerService, ports: Iterable[int]) -> set[int]:
    """The ports among `ports` that something already listens on, on the server behind `service`."""
    wanted = sorted({p for p in ports if p > 0})
    if not wanted:
        return set()
    command = f"python3 -c {shlex.quote(_BUSY_SCRIPT)} " + " ".join(str(p) for p in wanted)
    result = service.session.run(command, sudo=service.sudo, timeout=60)
    return {int(p) for p in result.stdout.split()}


def _settings_path(rel: str) -> bool:
    """A path under one of the settings folders (never outside the install root)."""
    parts = rel.split("/")
    return parts[0] in SETTINGS_DIRS and ".." not in parts and not rel.startswith("/")


def write_settings_files(
    service: ServerService,
    files: dict[str, bytes],
    progress: Progress,
    *,
    links: dict[str, str] | None = None,
    source_root: str = "",
) -> int:
    """The port-443, site and certificate material, written whole under the install root (the users'
    proxy configs are not: the reconcile renders them for the target). Symbolic links are made again as
    links (an absolute target inside the source's install root is moved to this one)."""
    count = 0
    for rel, data in sorted(files.items()):
        if not _settings_path(rel):
            continue
        path = f"{service.root}/{rel}"
        service.session.makedirs(posixpath.dirname(path), mode=0o700)
        service.session.write_file_atomic(path, data, mode=0o600)
        count += 1
    for rel, target in sorted((links or {}).items()):
        if not _settings_path(rel):
            continue
        if source_root and (target == source_root or target.startswith(source_root.rstrip("/") + "/")):
            target = service.root + target[len(source_root.rstrip("/")) :]
        path = f"{service.root}/{rel}"
        q = shlex.quote
        service.session.run(
            f"mkdir -p {q(posixpath.dirname(path))} && ln -sfn {q(target)} {q(path)}", sudo=service.sudo
        )
        count += 1
    if count:
        _say(progress, msg("wrote {count} server files (port-443, site, certificates)", count=count))
    return count


def place_users(
    service: ServerService, payload: BackupPayload, ids: list[str], progress: Progress
) -> MergePlan:
    """Carry the settings and the users `ids` onto the server in one revision-checked write, then
    reconcile. Users already there (by id) are left alone."""
    write_settings_files(
        service, payload.files, progress, links=payload.links, source_root=str(payload.meta.get("root") or "")
    )
    stored = service.store.load()
    target = dict(stored.data) if stored is not None else state_to_dict(service.load_state())
    if not target.get("server_ip"):
        host = str(getattr(getattr(service.session, "profile", None), "host", ""))
        if is_ipv4_literal(host) or ":" in host:
            target["server_ip"] = host
    source_ports = [int(u.get("port") or 0) for u in payload.config.get("users") or [] if isinstance(u, dict)]
    publish = not bool(payload.config.get("port_443_mode"))
    busy = busy_ports(service, source_ports) if publish else set()
    # A port the target's own users hold is in use by them, not by a stranger.
    own = {int(u.get("port") or 0) for u in target.get("users") or [] if isinstance(u, dict)}
    plan = merge_documents(payload.config, target, ids, busy_ports=busy - own)
    for uid, (old, new) in plan.ports.items():
        _say(
            progress,
            msg("user {id}: port {old} is taken on the new server, using {new}", id=uid, old=old, new=new),
        )
    document = json.loads(json.dumps(plan.document))
    # "Every proxy stopped" is what an admin did to the source (e.g. after a move), not a setting to carry.
    document.pop(PROXIES_STOPPED_KEY, None)
    if target.get(PROXIES_STOPPED_KEY):
        document[PROXIES_STOPPED_KEY] = target[PROXIES_STOPPED_KEY]
    result = state_from_dict(document)
    state: ServerState = result.state

    def build(current: ServerState) -> ServerState:
        state.revision = current.revision
        return state

    service.replace_state(
        build, expected_revision=stored.revision if stored is not None else None, progress=progress
    )
    return plan


def import_history(service: ServerService, history_db: bytes, ids: list[str], progress: Progress) -> None:
    """The users' counters and hourly history from the snapshot, into the server's agent database."""
    if not history_db or not ids:
        return
    _say(progress, msg("importing the traffic counters and history"))
    if service.manage_agent:
        service.agent.ensure(progress)
    else:
        service.agent.deploy(progress)
    data_dir = f"{service.root}/data"
    service.session.makedirs(data_dir, mode=0o700)
    tmp = f"{data_dir}/.import-{uuid.uuid4().hex[:12]}.sqlite3"
    service.session.write_file_atomic(tmp, history_db, mode=0o600)
    try:
        service.agent.call("import", "--from", tmp, "--users", ",".join(ids))
    finally:
        with contextlib.suppress(MtpmError):  # a leftover temp file under data/ harms nothing
            service.session.remove_file(tmp, missing_ok=True)


def check_users(
    service: ServerService, ids: list[str], progress: Progress, *, timeout: float = CHECK_TIMEOUT_S
) -> dict[str, LinkCheck]:
    """The link check of the users `ids` from this computer, repeated until every enabled one is
    accepted or `timeout` passes. Returns the last result of each."""
    deadline = time.monotonic() + timeout
    wanted = set(ids)
    while True:
        report = check_links(service, timeout=5.0, progress=progress)
        results = {r.user_id: r for r in report.results if r.user_id in wanted}
        pending = [
            r for r in results.values() if r.verdict not in (LinkVerdict.ACCEPTED, LinkVerdict.SKIPPED)
        ]
        if not pending or time.monotonic() > deadline:
            return results
        time.sleep(0.5)


def _say(progress: Progress, message: str) -> None:
    if progress is not None:
        progress(message)
