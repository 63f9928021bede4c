"""The reconcile executor: find mtpm's labelled proxy containers, plan, and apply only what differs.

Containers are found by label (`mtpm.managed=1`, `mtpm.instance=<id>`, `mtpm.role=proxy`), never by name;
they are named `mtg-proxy-{port}` so the old panel's names carry over. Every Docker call travels over the
session's one SSH transport (`session.docker`); one list call observes every container (docker-py's
high-level `containers.list` would inspect each one separately).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import docker.errors
from docker.types import LogConfig

from mtpm_desktop import __version__
from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import Message, msg
from mtpm_desktop.remote.docker_names import NameBusy, NameTaken, create_named
from mtpm_desktop.remote.proxies.engines import Engine
from mtpm_desktop.remote.proxies.reconcile_plan import Action, ActionKind, DesiredProxy, ObservedProxy, plan
from mtpm_desktop.remote.service_models import ReconcileReport, UserResult

LABEL_MANAGED = "mtpm.managed"
LABEL_INSTANCE = "mtpm.instance"
LABEL_ROLE = "mtpm.role"
LABEL_USER = "mtpm.user-id"
LABEL_PORT = "mtpm.port"
LABEL_HASH = "mtpm.config-hash"
LABEL_VERSION = "mtpm.version"
LABEL_METRICS = "mtpm.metrics-port"
# Bounded json-file logs: a proxy must never fill a small VPS's disk.
LOG_OPTIONS = {"max-size": "1m", "max-file": "2"}
STOP_TIMEOUT_S = 5
# Users whose containers are changed side by side (each user's own actions stay in order).
PARALLEL_ACTIONS = 4
_PAST = {
    ActionKind.CREATE: "created",
    ActionKind.RECREATE: "recreated",
    ActionKind.START: "started",
    ActionKind.STOP: "stopped",
    ActionKind.REMOVE: "removed",
}
_NO_IPV6 = re.compile(r"address family not supported|\[::\].*cannot assign requested address", re.IGNORECASE)
_PORT_TAKEN = re.compile(r"already allocated|address already in use", re.IGNORECASE)
_SAFE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class ContainerError(MtpmError):
    """A proxy container could not be created, started, stopped or removed."""


def container_name(port: int) -> str:
    return f"mtg-proxy-{port}"


def _doing(kind: ActionKind, container: str, user: str) -> Message:
    """The progress line of one action, e.g. "creating mtg-proxy-8443 (anna)"."""
    if kind is ActionKind.CREATE:
        return msg("creating {container} ({user})", container=container, user=user)
    if kind is ActionKind.RECREATE:
        return msg("recreating {container} ({user})", container=container, user=user)
    if kind is ActionKind.START:
        return msg("starting {container} ({user})", container=container, user=user)
    if kind is ActionKind.STOP:
        return msg("stopping {container} ({user})", container=container, user=user)
    return msg("removing {container} ({user})", container=container, user=user)


@dataclass(frozen=True)
class ProxySpec:
    """One user's container as it should be."""

    user_id: str
    name: str
    port: int
    running: bool
    config_text: str
    config_hash: str

    @property
    def desired(self) -> DesiredProxy:
        return DesiredProxy(self.user_id, self.name, self.port, self.config_hash, self.running)


@dataclass(frozen=True)
class Deployment:
    """Server-wide facts every proxy container shares."""

    root: str
    instance_id: str
    network: str
    engine: Engine
    publish: bool  # standard mode publishes the user's port on IPv4 and IPv6; port-443 mode publishes none

    @property
    def selector(self) -> list[str]:
        return [f"{LABEL_MANAGED}=1", f"{LABEL_INSTANCE}={self.instance_id}", f"{LABEL_ROLE}=proxy"]

    def config_path(self, user_id: str) -> str:
        safe = user_id if _SAFE_ID.match(user_id) else re.sub(r"[^A-Za-z0-9_.-]", "_", user_id)[:64]
        return f"{self.root}/proxies/{safe}.{self.engine.config_filename}"


def _docker_error(exc: Exception) -> str:
    text = getattr(exc, "explanation", None) or str(exc)
    return str(text).strip()


class Reconciler:
    """Applies ProxySpecs to the server's Docker engine."""

    def __init__(self, session: Any, deployment: Deployment, *, workers: int | None = None) -> None:
        self.session = session
        self.dep = deployment
        self.workers = PARALLEL_ACTIONS if workers is None else workers

    @property
    def api(self) -> Any:
        return self.session.docker.api

    # --- observe ---
    def containers(self) -> list[dict[str, Any]]:
        """Docker's list entries (Id, Names, Labels, State, Status) of this install's proxies."""
        result: list[dict[str, Any]] = self.api.containers(all=True, filters={"label": self.dep.selector})
        return result

    def observe(self, entries: Iterable[dict[str, Any]] | None = None) -> list[ObservedProxy]:
        out = []
        for c in self.containers() if entries is None else entries:
            labels = c.get("Labels") or {}
            try:
                port = int(labels.get(LABEL_PORT, "0"))
            except ValueError:
                port = 0
            names = c.get("Names") or ["/?"]
            out.append(
                ObservedProxy(
                    container_id=c["Id"],
                    container_name=names[0].lstrip("/"),
                    user_id=labels.get(LABEL_USER, ""),
                    port=port,
                    config_hash=labels.get(LABEL_HASH, ""),
                    status=str(c.get("State", "")),
                )
            )
        return out

    # --- apply ---
    def ensure_network(self) -> None:
        existing = [
            n for n in self.api.networks(names=[self.dep.network]) if n.get("Name") == self.dep.network
        ]
        if not existing:
            labels = {LABEL_MANAGED: "1", LABEL_INSTANCE: self.dep.instance_id}
            self.api.create_network(self.dep.network, driver="bridge", labels=labels)

    def apply(
        self,
        specs: list[ProxySpec],
        progress: Callable[[str], None] | None = None,
        *,
        broken: dict[str, str] | None = None,
    ) -> ReconcileReport:
        """Apply `specs`. Users in `broken` (id -> reason) have no renderable config: their existing
        container, if any, is left exactly as it is and the reason is reported."""
        say = progress or (lambda _m: None)
        broken = broken or {}
        by_id = {s.user_id: s for s in specs}
        observed = self.observe()
        desired = [s.desired for s in specs]
        # A broken user's container is wanted as it is (not removed as if the user were gone).
        desired += [
            DesiredProxy(o.user_id, o.user_id, o.port, o.config_hash, o.running)
            for o in observed
            if o.user_id in broken
        ]
        actions = plan(desired, observed)
        if any(a.kind in (ActionKind.CREATE, ActionKind.RECREATE) for a in actions):
            self.ensure_network()
            self.session.makedirs(f"{self.dep.root}/proxies", mode=0o700)
        done: dict[str, UserResult] = {}

        def run_user(user_actions: list[Action]) -> None:
            for action in user_actions:
                spec = by_id.get(action.user_id)
                label = spec.name if spec else action.user_id
                say(_doing(action.kind, container_name(action.port), label))
                try:
                    self._do(action, spec)
                    result = UserResult(action.user_id, label, action.port, _PAST[action.kind])
                except (MtpmError, docker.errors.DockerException) as exc:
                    error = exc.message if isinstance(exc, MtpmError) else _docker_error(exc)
                    result = UserResult(
                        action.user_id, label, action.port, _PAST[action.kind], ok=False, error=error
                    )
                # One user may get several actions (remove a duplicate, then start): a failure sticks.
                prev = done.get(action.user_id)
                if prev is None or prev.ok:
                    done[action.user_id] = result

        # Removals first, all of them (they free names and ports a create may need); then each user's
        # remaining actions in order, users side by side: dockerd spends most of a create waiting.
        removals = [a for a in actions if a.kind is ActionKind.REMOVE]
        rest: dict[str, list[Action]] = {}
        for a in actions:
            if a.kind is not ActionKind.REMOVE:
                rest.setdefault(a.user_id, []).append(a)
        for phase in ([[a] for a in removals], list(rest.values())):
            if self.workers <= 1 or len(phase) <= 1:
                for group in phase:
                    run_user(group)
            else:
                with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="reconcile") as pool:
                    list(pool.map(run_user, phase))
        results = [done.get(s.user_id) or UserResult(s.user_id, s.name, s.port, "unchanged") for s in specs]
        results += [r for uid, r in done.items() if uid not in by_id and uid not in broken]
        results += [
            UserResult(uid, uid, 0, "unchanged", ok=False, error=reason) for uid, reason in broken.items()
        ]
        return ReconcileReport(results=results)

    def _do(self, action: Action, spec: ProxySpec | None) -> None:
        if action.kind is ActionKind.REMOVE:
            self._remove(action.container_id)
            if spec is None:
                self._remove_config(action.user_id)
        elif action.kind is ActionKind.STOP:
            self.api.stop(action.container_id, timeout=STOP_TIMEOUT_S)
        elif action.kind is ActionKind.START:
            self.api.start(action.container_id)
        else:
            assert spec is not None
            # The new config goes in first: the old container keeps the old file (rename = new inode).
            self.session.write_file_atomic(
                self.dep.config_path(spec.user_id), spec.config_text.encode(), mode=0o600
            )
            if action.kind is ActionKind.RECREATE:
                self._remove(action.container_id)
            self._start_new(spec, self._create(spec))

    def _start_new(self, spec: ProxySpec, container_id: str) -> None:
        try:
            self.api.start(container_id)
        except docker.errors.APIError as exc:
            text = _docker_error(exc)
            self._remove(container_id)  # a created-but-unstartable container would only be retried as is
            if self.dep.publish and _NO_IPV6.search(text):
                # A server without IPv6: publish on IPv4 only rather than not at all.
                self.api.start(self._create(spec, ipv6=False))
                return
            if _PORT_TAKEN.search(text):
                raise ContainerError(
                    msg(
                        "Port {port} is already in use on the server by another program, so {name}'s "
                        "proxy cannot start: free it, or move the user (mtpm user set {name} --port P).",
                        port=spec.port,
                        name=spec.name,
                    )
                ) from None
            raise

    def _remove(self, container_id: str | None) -> None:
        with contextlib.suppress(docker.errors.NotFound):
            self.api.remove_container(container_id, force=True)

    def _remove_config(self, user_id: str) -> None:
        # Already gone is fine.
        with contextlib.suppress(MtpmError):
            self.session.remove_file(self.dep.config_path(user_id))

    def labels(self, spec: ProxySpec) -> dict[str, str]:
        labels = {
            LABEL_MANAGED: "1",
            LABEL_INSTANCE: self.dep.instance_id,
            LABEL_ROLE: "proxy",
            LABEL_USER: spec.user_id,
            LABEL_PORT: str(spec.port),
            LABEL_HASH: spec.config_hash,
            LABEL_VERSION: __version__,
        }
        # The agent reads exact per-user traffic (the client leg only) from the engine's metrics when this
        # label is there; without it, it falls back to the netns counters, which count both relay legs.
        if self.dep.engine.metrics_port is not None:
            labels[LABEL_METRICS] = str(self.dep.engine.metrics_port)
        return labels

    def _create(self, spec: ProxySpec, *, ipv6: bool = True) -> str:
        engine = self.dep.engine
        name = container_name(spec.port)
        extra = dict(engine.run_options)
        bindings = [("0.0.0.0", spec.port), ("::", spec.port)] if ipv6 else [("0.0.0.0", spec.port)]
        host_config = self.api.create_host_config(
            binds={self.dep.config_path(spec.user_id): {"bind": engine.config_mount, "mode": "ro"}},
            port_bindings={spec.port: bindings} if self.dep.publish else None,
            restart_policy={"Name": "unless-stopped"},
            log_config=LogConfig(type=LogConfig.types.JSON, config=LOG_OPTIONS),
            network_mode=self.dep.network,
            **extra,
        )
        kwargs: dict[str, Any] = {
            "image": engine.image,
            "command": list(engine.command),
            "name": name,
            "labels": self.labels(spec),
            "host_config": host_config,
            "ports": [spec.port] if self.dep.publish else None,
            "detach": True,
        }

        def create() -> Any:
            try:
                return self.api.create_container(**kwargs)
            except docker.errors.ImageNotFound:
                self._pull(engine.image)
                return self.api.create_container(**kwargs)

        own = {LABEL_MANAGED: "1", LABEL_INSTANCE: self.dep.instance_id, LABEL_ROLE: "proxy"}
        try:
            created = create_named(create, self.api, name, own)
        except NameTaken:
            raise ContainerError(
                msg(
                    "A container named {name} already exists and is not managed by this mtpm install. "
                    "If it is the old web panel's, run `mtpm import-panel`; otherwise remove or rename "
                    "it.",
                    name=name,
                )
            ) from None
        except NameBusy:
            raise ContainerError(
                msg(
                    "The server kept a container named {name} busy while mtpm replaced it; "
                    "run the change again in a moment.",
                    name=name,
                )
            ) from None
        return str(created["Id"])

    def _pull(self, image: str) -> None:
        repo, _, tag = image.rpartition(":") if ":" in image.rsplit("/", 1)[-1] else (image, "", "latest")
        try:
            self.api.pull(repo, tag=tag)
        except docker.errors.DockerException as exc:
            raise ContainerError(
                msg(
                    "The server cannot get the proxy image {image} ({error}); "
                    "check its internet access or load the image with `docker load`.",
                    image=image,
                    error=_docker_error(exc),
                )
            ) from None
