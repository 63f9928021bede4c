"""Take over an installation of the old web panel on the same server.

What it does, in this order, so that an interruption never loses anything:
1. Read the panel's `<panel_root>/data/config.json` (and `traffic.json` when present). Its files are only
   read, never changed: the rollback is to start its containers again.
2. Refuse when this server already has mtpm users (an import would replace them).
3. Write our state: every user keeps its secret, port and limits (so existing links keep working); the
   panel's `mtg-custom` image is replaced by the pinned mtg image.
4. Stop the panel's containers: its web app (compose project `mtproto`) and the `mtg-proxy-{port}`
   containers of the imported users' ports, each renamed `mtg-proxy-{port}-old-panel` so ours can take the
   name. Only those names are touched, never other `mtg-proxy-*` containers.
5. Reconcile: our labelled containers start on the same ports.
6. Seed traffic: the panel's counters are copied to `<root>/data/panel-traffic.json` for the agent.
"""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING, Any

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.core.state import state_from_dict, state_to_dict
from mtpm_desktop.remote.errors import RemoteFileNotFound
from mtpm_desktop.remote.proxies.engines import LEGACY_IMAGES, MTG_IMAGE
from mtpm_desktop.remote.proxies.reconcile import LABEL_MANAGED, container_name
from mtpm_desktop.remote.service_models import ImportReport, Progress

if TYPE_CHECKING:
    from mtpm_desktop.remote.service import ServerService

# Where the old web panel installs itself.
OLD_PANEL_ROOT = "/opt/mtproto"
PANEL_COMPOSE_PROJECT = "mtproto"
OLD_SUFFIX = "-old-panel"
SEEDED_TRAFFIC_NAME = "panel-traffic.json"


class PanelImportError(MtpmError):
    """The old panel's installation cannot be imported."""


def _say(progress: Progress, message: str) -> None:
    if progress is not None:
        progress(message)


def _read_json(session: Any, path: str) -> Any:
    raw = session.read_file(path)
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PanelImportError(
            msg("{path} is not valid JSON ({error}); nothing was imported.", path=path, error=str(exc))
        ) from None


def _panel_containers(api: Any, ports: list[int]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(proxy containers named mtg-proxy-{port} for the imported ports, the panel app's own containers);
    never anything mtpm manages."""
    wanted = {container_name(p) for p in ports}
    proxies = []
    for entry in api.containers(all=True, filters={"name": "mtg-proxy-"}):
        name = (entry.get("Names") or ["/"])[0].lstrip("/")
        if name in wanted and (entry.get("Labels") or {}).get(LABEL_MANAGED) != "1":
            proxies.append(entry)
    app = api.containers(all=True, filters={"label": f"com.docker.compose.project={PANEL_COMPOSE_PROJECT}"})
    app = [e for e in app if (e.get("Labels") or {}).get(LABEL_MANAGED) != "1"]
    return proxies, app


def import_panel(
    service: ServerService, *, panel_root: str = OLD_PANEL_ROOT, progress: Progress = None
) -> ImportReport:
    """Take over an installation of the old web panel on the server of ``service`` (see ImportReport)."""
    session = service.session
    root = panel_root.rstrip("/")
    config_path = f"{root}/data/config.json"
    _say(progress, msg("reading {path}", path=config_path))
    try:
        panel_data = _read_json(session, config_path)
    except RemoteFileNotFound:
        raise PanelImportError(
            msg("No old panel installation found: {path} does not exist on the server.", path=config_path)
        ) from None
    loaded = state_from_dict(panel_data)
    imported = loaded.state

    current, revision = service.read_state()
    if current.users:
        raise PanelImportError(
            msg(
                "This server already has {count} users managed by mtpm; an import would replace "
                "them. Remove them first if you really mean to import the old panel.",
                count=len(current.users),
            )
        )
    # Ours stay: the instance id (Docker labels), network and router names; the rest comes from the panel.
    imported.instance_id = current.instance_id
    imported.docker_network = current.docker_network
    imported.nginx_container_name = current.nginx_container_name
    imported.engine = current.engine
    if imported.proxy_image in LEGACY_IMAGES or not imported.proxy_image:
        imported.proxy_image = MTG_IMAGE
    if current.proxy_image != MTG_IMAGE and revision is not None:
        imported.proxy_image = current.proxy_image  # an image the admin chose for this server stays

    _say(progress, msg("saving the imported state"))
    new_revision = service.store.commit(state_to_dict(imported), revision)
    imported.revision = new_revision

    api = session.docker.api
    ports = [u.port for u in imported.users]
    proxies, app = _panel_containers(api, ports)
    stopped: list[str] = []
    renamed: dict[str, str] = {}
    rollback: list[str] = []
    for entry in app:
        name = (entry.get("Names") or ["/?"])[0].lstrip("/")
        _say(progress, msg("stopping the old panel's {name}", name=name))
        api.stop(entry["Id"], timeout=10)
        stopped.append(name)
    for entry in proxies:
        name = (entry.get("Names") or ["/?"])[0].lstrip("/")
        new_name = name + OLD_SUFFIX
        _say(
            progress,
            msg("stopping the old panel's {name} (kept as {new_name})", name=name, new_name=new_name),
        )
        api.stop(entry["Id"], timeout=10)
        api.rename(entry["Id"], new_name)
        stopped.append(name)
        renamed[name] = new_name

    traffic_seeded = _seed_traffic(service, root, progress)

    _say(progress, msg("starting the users' proxies"))
    report = service.reconcile_state(imported, progress)

    rollback.append("mtpm -s SERVER proxy stop")
    for old, new in renamed.items():
        rollback.append(f"docker rm -f {old} && docker rename {new} {old} && docker start {old}")
    if stopped and app:
        rollback.append("docker start " + " ".join(s for s in stopped if s not in renamed))
    rollback.append(msg("(the old panel's files in {root} were not changed)", root=root))

    users = service.user_views(imported)
    return ImportReport(
        users=users,
        stopped_containers=stopped,
        renamed_containers=renamed,
        traffic_seeded=traffic_seeded,
        revision=new_revision,
        reconcile=report,
        rollback=rollback,
    )


def _seed_traffic(service: ServerService, panel_root: str, progress: Progress) -> bool:
    """Copy the panel's traffic.json for the agent to seed from (never overwriting an earlier seed)."""
    session = service.session
    source = f"{panel_root}/data/traffic.json"
    target_dir = f"{service.root}/data"
    target = f"{target_dir}/{SEEDED_TRAFFIC_NAME}"
    try:
        raw = session.read_file(source)
    except RemoteFileNotFound:
        return False
    with contextlib.suppress(json.JSONDecodeError, UnicodeDecodeError):
        json.loads(raw.decode("utf-8"))
        if session.exists(target):
            return True
        _say(progress, msg("keeping the old panel's traffic counters"))
        session.makedirs(target_dir, mode=0o700)
        session.write_file_atomic(target, raw, mode=0o600)
        return True
    return False
