"""Collect everything that makes a server into one `BackupPayload`: its state, the users' proxy configs, the
agent's counters and history (a consistent SQLite snapshot taken ON the server with SQLite's backup API, never
a copy of a file a writer may be changing), and the port-443, site and certificate material.

Server material is collected by folder under the install root (`SETTINGS_DIRS`), not file by file, so what
another feature adds under those folders comes along without this module knowing it.
"""

from __future__ import annotations

import base64
import binascii
import json
import shlex
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from mtpm_desktop import __version__
from mtpm_desktop.core.backup_format import BackupPayload
from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.service_models import Progress

if TYPE_CHECKING:
    from mtpm_desktop.remote.service import ServerService

# Folders under the install root that hold server material: the SNI router's config, the decoy/own site,
# certificates (ACME clients' folders too). The users' proxy configs are in PROXY_CONFIG_DIR.
SETTINGS_DIRS = ("nginx", "site", "acme", "letsencrypt", "certs", "tls")
PROXY_CONFIG_DIR = "proxies"
HISTORY_DB = "data/history.sqlite3"

# Runs on the server's python3 (3.7+ for Connection.backup). argv: root, comma-separated folders.
# Prints {"files": {relative path: base64}, "links": {relative path: target}, "history_db": base64 or ""}.
_COLLECT_SCRIPT = r"""
import base64, json, os, sqlite3, sys, tempfile
root, dirs = sys.argv[1], [d for d in sys.argv[2].split(",") if d]
out = {"files": {}, "links": {}, "history_db": ""}
for d in dirs:
    for folder, subdirs, names in os.walk(os.path.join(root, d)):
        subdirs.sort()
        for name in sorted(names) + [s for s in subdirs if os.path.islink(os.path.join(folder, s))]:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                out["links"][os.path.relpath(path, root)] = os.readlink(path)
                continue
            if not os.path.isfile(path):
                continue
            with open(path, "rb") as f:
                out["files"][os.path.relpath(path, root)] = base64.b64encode(f.read()).decode("ascii")
db = os.path.join(root, "data", "history.sqlite3")
if os.path.exists(db):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(db), prefix=".snapshot-")
    os.close(fd)
    try:
        src = sqlite3.connect(db, timeout=30)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        with open(tmp, "rb") as f:
            out["history_db"] = base64.b64encode(f.read()).decode("ascii")
    finally:
        os.unlink(tmp)
json.dump(out, sys.stdout)
"""


class CollectError(MtpmError):
    """The server's data could not be collected for a backup or a move."""


def collect(service: ServerService, progress: Progress = None) -> BackupPayload:
    """Everything needed to rebuild the server behind `service` (nothing on it changes)."""
    _say(progress, msg("reading the server's state"))
    stored = service.store.load()
    if stored is None:
        raise CollectError(
            msg(
                "The server has no mtpm state ({path}) yet: there is nothing to back up or move.",
                path=service.store.path,
            )
        )
    _say(progress, msg("taking a snapshot of the traffic history"))
    dirs = ",".join((PROXY_CONFIG_DIR, *SETTINGS_DIRS))
    command = f"python3 -c {shlex.quote(_COLLECT_SCRIPT)} {shlex.quote(service.root)} {shlex.quote(dirs)}"
    result = service.session.run(command, sudo=service.sudo, timeout=300, check=False)
    if result.exit_code != 0:
        raise CollectError(
            msg(
                "Could not collect the server's files and traffic history: {error}",
                error=(result.stderr.strip() or result.stdout.strip() or f"exit {result.exit_code}")[-300:],
            )
        )
    try:
        doc = json.loads(result.stdout)
        files = {str(k): base64.b64decode(v) for k, v in doc["files"].items()}
        history = base64.b64decode(doc.get("history_db") or "")
        links = {str(k): str(v) for k, v in (doc.get("links") or {}).items()}
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
        raise CollectError(
            msg("The server answered the collection in an unexpected form: {error}", error=exc)
        ) from None
    meta = {
        "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "host": str(getattr(getattr(service.session, "profile", None), "host", "")),
        "root": service.root,
        "mtpm_version": __version__,
    }
    return BackupPayload(config=dict(stored.data), files=files, history_db=history, meta=meta, links=links)


def _say(progress: Progress, message: str) -> None:
    if progress is not None:
        progress(message)
