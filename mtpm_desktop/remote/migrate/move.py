"""`mtpm server move OLD NEW`: every chosen user recreated on NEW with everything that makes the user, the
server settings carried along, every moved link checked from this computer, and only then (if the admin
confirms) OLD's proxies stopped. Nothing on OLD is deleted.

A journal on this computer records each user's phase (journal.py), so an interrupted move resumes: OLD is
not changed until the end, so its data is collected again; users already on NEW (matched by id) are never
created twice; a user's old copy keeps working until its new one is checked.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.links import user_links
from mtpm_desktop.core.messages import msg
from mtpm_desktop.core.share_sheet import share_sheet_html
from mtpm_desktop.core.state import ServerState, state_from_dict
from mtpm_desktop.remote.migrate import rebuild
from mtpm_desktop.remote.migrate.bundle import collect
from mtpm_desktop.remote.migrate.journal import (
    JournalError,
    MovedUser,
    MoveJournal,
    journal_path,
    write_atomic,
)
from mtpm_desktop.remote.service_models import LinkVerdict, Progress
from mtpm_desktop.remote.user_edits import find_user

if TYPE_CHECKING:
    from mtpm_desktop.remote.service import ServerService


@dataclass(frozen=True)
class DnsRecord:
    name: str
    type: str
    value: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "type": self.type, "value": self.value}


@dataclass
class MoveReport:
    moved: list[MovedUser]
    dns: list[DnsRecord] = field(default_factory=list)
    old_stopped: bool = False
    share_sheet: Path | None = None
    notes: list[str] = field(default_factory=list)
    # Enabled users whose new link was not accepted (disabled or expired users have no proxy to check).
    failed: list[str] = field(default_factory=list)

    @property
    def all_checked(self) -> bool:
        return not self.failed

    def to_json(self) -> dict[str, Any]:
        return {
            "moved": [
                {
                    "id": u.id,
                    "name": u.name,
                    "old_link": u.old_link,
                    "new_link": u.new_link,
                    "link_changed": u.old_link != u.new_link,
                    "checked": u.checked,
                }
                for u in self.moved
            ],
            "dns": [r.to_json() for r in self.dns],
            "old_stopped": self.old_stopped,
        }


class MoveRefused(MtpmError):
    """The move cannot go on as asked (e.g. OLD would be stopped before every link on NEW works)."""


def _link(state: ServerState, uid: str) -> str | None:
    user = state.user_by_id(uid)
    if user is None:
        return None
    try:
        return user_links(state, user).tme
    except MtpmError:
        return None


def resolves_to(name: str, address: str) -> bool:
    """Whether `name` resolves (here, now) to `address`."""
    with contextlib.suppress(OSError, UnicodeError):
        return any(info[4][0] == address for info in socket.getaddrinfo(name, None))
    return False


def dns_records(old_state: ServerState, new_state: ServerState, new_host: str) -> list[DnsRecord]:
    """With a server domain the links keep their host: the record to point at NEW."""
    domain = old_state.server_domain.strip()
    if not domain:
        return []
    address = new_state.server_ip.strip() or new_host
    try:
        kind = "AAAA" if ipaddress.ip_address(address).version == 6 else "A"
    except ValueError:
        kind = "CNAME"
    records = [DnsRecord(domain, kind, address)]
    # Users whose SNI name is under the domain (the own-domain site's certificate names) need it too.
    if any(u.domain.endswith("." + domain) for u in old_state.users):
        records.append(DnsRecord("*." + domain, kind, address))
    return records


def move_server(
    old: ServerService,
    new: ServerService,
    *,
    old_name: str,
    new_name: str,
    data_dir: Path,
    users: list[str] | None = None,
    resume: bool = False,
    stop_old: bool | Callable[[MoveReport], bool] = False,
    progress: Progress = None,
    check_timeout: float = rebuild.CHECK_TIMEOUT_S,
) -> MoveReport:
    """Move `users` (names or ids; all when None) from `old` to `new`. `stop_old`: stop OLD's proxies of
    the moved users once every moved link is checked, or a function asked then (the admin's confirmation)."""
    path = journal_path(data_dir, old_name, new_name)
    if resume:
        if not path.exists():
            raise JournalError(
                msg("There is no interrupted move from {old} to {new} to resume.", old=old_name, new=new_name)
            )
        journal = MoveJournal.load(path)
    elif path.exists():
        raise JournalError(
            msg(
                "A move from {old} to {new} was interrupted: finish it with `mtpm server move {old} {new} "
                "--resume`, or delete {path} to start over.",
                old=old_name,
                new=new_name,
                path=str(path),
            )
        )
    else:
        journal = MoveJournal(old=old_name, new=new_name)
        journal.path = path
    payload = collect(old, progress)
    old_state = state_from_dict(payload.config).state
    if not resume:
        chosen = [find_user(old_state, ref) for ref in users] if users else list(old_state.users)
        chosen = list({u.id: u for u in chosen}.values())
        journal.users = [
            MovedUser(id=u.id, name=u.name, old_port=u.port, old_link=_link(old_state, u.id)) for u in chosen
        ]
        journal.save()
    ids = [u.id for u in journal.users]

    _say(progress, msg("creating the users on {server}", server=new_name))
    plan = rebuild.place_users(new, payload, ids, progress)
    report = MoveReport(moved=journal.users)
    for uid, (was, now) in plan.ports.items():
        report.notes.append(
            msg(
                "{name}: port {old} is taken on {server}, so it moved to port {new} (its link changes)",
                name=journal.user(uid).name,
                old=was,
                new=now,
                server=new_name,
            )
        )
    new_state = new.load_state()
    for u in journal.users:
        user = new_state.user_by_id(u.id)
        if user is not None and not u.reached("created"):
            u.phase, u.new_port = "created", user.port
    journal.settings_done = True
    journal.save()

    todo = [u.id for u in journal.users if not u.reached("counters")]
    rebuild.import_history(new, payload.history_db, todo, progress)
    for u in journal.users:
        if u.id in todo:
            u.phase = "counters"
    journal.save()

    _say(progress, msg("checking every moved link from this computer"))
    checks = rebuild.check_users(new, ids, progress, timeout=check_timeout)
    for u in journal.users:
        result = checks.get(u.id)
        u.new_link = _link(new_state, u.id)
        u.checked = result is not None and result.verdict is LinkVerdict.ACCEPTED
        if u.checked:
            u.phase = "checked"
        elif result is not None and result.verdict is not LinkVerdict.SKIPPED:
            report.notes.append(
                msg("{name}: the new link failed the check: {detail}", name=u.name, detail=result.detail)
            )
    journal.save()

    host = str(getattr(getattr(new.session, "profile", None), "host", ""))
    report.dns = dns_records(old_state, new_state, host)
    if not report.dns and any(u.old_link != u.new_link for u in journal.users):
        report.share_sheet = write_share_sheet(data_dir, old_name, new_name, journal.users)

    skipped = {uid for uid, r in checks.items() if r.verdict is LinkVerdict.SKIPPED}
    report.failed = [u.name for u in journal.users if not u.checked and u.id not in skipped]
    working = not report.failed
    wants_stop = stop_old(report) if callable(stop_old) else stop_old
    if wants_stop and not working:
        raise MoveRefused(
            msg(
                "Not every moved link works on {server} yet, so {old}'s proxies were left running; "
                "run the move again with --resume once `mtpm -s {server} check` passes.",
                server=new_name,
                old=old_name,
            )
        )
    if wants_stop and not journal.old_stopped:
        stop_moved_users(old, set(ids), progress)
        journal.old_stopped = True
    report.old_stopped = journal.old_stopped
    if working:
        journal.done = True
        with contextlib.suppress(OSError):
            path.unlink()
    else:
        journal.save()  # `--resume` checks again (and stops OLD then, if asked)
    return report


def stop_moved_users(old: ServerService, ids: set[str], progress: Progress) -> None:
    """Stop OLD's proxies of the moved users; nothing is deleted. Everyone moved: the server's proxies
    are stopped (remembered, `proxy start` brings them back); some: those users are disabled there."""
    state = old.load_state()
    if {u.id for u in state.users} <= ids:
        old.stop_all(progress)
        return

    def build(s: ServerState) -> ServerState:
        for user in s.users:
            if user.id in ids:
                user.enabled = False
        return s

    old.replace_state(build, progress=progress)


def write_share_sheet(data_dir: Path, old_name: str, new_name: str, users: list[MovedUser]) -> Path:
    entries = [(u.name, u.new_link) for u in users if u.new_link]
    html = share_sheet_html(msg("New proxy links ({server})", server=new_name), entries)
    path = journal_path(data_dir, old_name, new_name).with_suffix(".share.html")
    write_atomic(path, html.encode("utf-8"))
    return path


def _say(progress: Progress, message: str) -> None:
    if progress is not None:
        progress(message)
