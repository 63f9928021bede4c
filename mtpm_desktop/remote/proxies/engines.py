"""Proxy engines as data: what image runs, how its config is rendered and mounted, what it listens on.

Orchestration code never asks "is this mtg?": it reads an `Engine`. The default engine is upstream mtg v2
(`nineseconds/mtg`, image tag pinned). The test suite registers an engine for its offline mtprotoproxy
image (tests/fixtures/engines.py) so the very same reconcile code runs against a real proxy in tests.

Every engine listens inside its container on the user's own port: the port-443 router forwards to
`mtg-proxy-{port}:{port}` (the old panel's convention), and standard mode publishes that same port.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from mtpm_desktop.core.errors import InvalidSetting
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.proxies.mtg_config import METRICS_PORT, ProxyConfigInput, render_mtg_config

MTG_IMAGE = "nineseconds/mtg:2.2.8"
# Modules named here (comma-separated) are imported before an engine is looked up, so that they can
# call `register_engine`; the test suite uses it to give CLI subprocesses its offline engine.
ENGINE_MODULES_ENV = "MTPM_ENGINE_MODULES"


@dataclass(frozen=True)
class Engine:
    """One proxy implementation, described as data."""

    name: str
    image: str
    config_filename: str  # the rendered file's extension part on the server, e.g. "config.toml"
    config_mount: str  # where the file appears (read-only) inside the container
    render: Callable[[ProxyConfigInput], str]
    command: tuple[str, ...]  # container command (the image's entrypoint stays)
    metrics_port: int | None = None  # Prometheus endpoint inside the container, if the engine has one
    supports_proxy_protocol: bool = False
    # Extra docker create options (e.g. dns / extra_hosts for tests); part of the config hash.
    run_options: Mapping[str, Any] = field(default_factory=dict)

    def with_image(self, image: str | None) -> Engine:
        """The same engine running another image tag (the `proxy_image` server setting)."""
        return replace(self, image=image) if image else self


MTG = Engine(
    name="mtg",
    image=MTG_IMAGE,
    config_filename="config.toml",
    config_mount="/config.toml",
    render=render_mtg_config,
    # The upstream image is FROM scratch with ENTRYPOINT /mtg: nothing else inside it may be relied on.
    command=("run", "/config.toml"),
    metrics_port=METRICS_PORT,
    supports_proxy_protocol=True,
)

_REGISTRY: dict[str, Engine] = {MTG.name: MTG}
# Images the old panel used for mtg; they are not ours to pin, so an import maps them to the engine default.
LEGACY_IMAGES = frozenset({"mtg-custom", "nineseconds/mtg", "nineseconds/mtg:2", "nineseconds/mtg:latest"})


def register_engine(engine: Engine) -> None:
    _REGISTRY[engine.name] = engine


def _load_engine_modules() -> None:
    for mod in filter(None, (m.strip() for m in os.environ.get(ENGINE_MODULES_ENV, "").split(","))):
        importlib.import_module(mod)


def get_engine(name: str | None, image: str | None = None) -> Engine:
    """The engine called `name` (default mtg), running `image` when the server sets one."""
    _load_engine_modules()
    key = name or MTG.name
    try:
        engine = _REGISTRY[key]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise InvalidSetting(
            msg("Unknown proxy engine {key!r}; known engines: {known}.", key=key, known=known)
        ) from None
    # The old panel's image is not adopted, and the state's default (mtg's pinned image) does not
    # override the image of another engine.
    if image and (image in LEGACY_IMAGES or (image == MTG_IMAGE and engine.name != MTG.name)):
        image = None
    return engine.with_image(image)


def engine_names() -> list[str]:
    _load_engine_modules()
    return sorted(_REGISTRY)


def config_hash(engine: Engine, rendered: str, *, network: str, publish: bool) -> str:
    """A short digest of everything that shapes a proxy container; a change means recreate it."""
    material = {
        "engine": engine.name,
        "image": engine.image,
        "config": rendered,
        "command": list(engine.command),
        "mount": engine.config_mount,
        "run_options": {k: engine.run_options[k] for k in sorted(engine.run_options)},
        "network": network,
        "publish": publish,
    }
    blob = json.dumps(material, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]
