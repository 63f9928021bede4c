"""Port-443 mode: the nginx SNI router, rendered here and applied safely on the server.

Rendering happens on the desktop from ``nginx_templates/nginx.conf.j2``; only validated values reach the
template (see :func:`_safe_domain`, :func:`parse_decoy`), so a hostile domain can never add a directive.

Applying never leaves the server without a working router: the candidate config is uploaded next to the live
one and checked with ``nginx -t`` in a throwaway container of the same image; only if it passes does it
replace the live file, after which the running nginx is told to reload (SIGHUP) or the container is created.
A config that fails the check is deleted and :class:`NginxConfigError` carries nginx's own error text; the
old config keeps serving and nothing else changes.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import json
import re
import secrets
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import jinja2

from mtpm_desktop import __version__
from mtpm_desktop.core.errors import InvalidDomain, InvalidSetting, MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.core.state import DEFAULT_NGINX_IMAGE as DEFAULT_STATE_NGINX_IMAGE
from mtpm_desktop.core.validation import validate_domain

# The state's default (`nginx_image`) is the official image: its stream module is built in. Debian's nginx
# works too (the config loads the module through /etc/nginx/modules-enabled when it is there).
DEFAULT_NGINX_IMAGE = DEFAULT_STATE_NGINX_IMAGE
DEFAULT_CONTAINER_NAME = "mtpm-nginx"
DEFAULT_LISTEN_PORT = 443

# Inside the nginx container: the server's <root>/nginx folder is mounted here read-only. The folder (not the
# file) is mounted because a bind-mounted file keeps pointing at the old inode after an atomic rename.
CONTAINER_CONF_DIR = "/etc/mtpm-nginx"
LIVE_CONF_NAME = "nginx.conf"
# A tmpfs in the container, fresh at every start, for the fallback socket and the pid file.
CONTAINER_RUN_DIR = "/run/mtpm"
FALLBACK_SOCKET = f"{CONTAINER_RUN_DIR}/fallback.sock"
PID_PATH = f"{CONTAINER_RUN_DIR}/nginx.pid"
# The admin's website (remote/site/): the server's <root>/site folder, mounted read-only (html, the ACME
# webroot, certbot's certificates). Its TLS server listens on the unix socket (from the SNI router, with the
# PROXY header when that is on) and on SITE_FRONTING_PORT on the Docker network, where the proxies' domain
# fronting reaches it directly: not through the router, so a fronted probe never loops back to a proxy.
CONTAINER_SITE_DIR = "/srv/mtpm-site"
SITE_SOCKET = f"{CONTAINER_RUN_DIR}/site.sock"
SITE_FRONTING_PORT = 8443
# The agent's device-limit rules (remote_agent/router_devlimit.py writes <root>/nginx/devlimit/limits.conf):
# included by the config, absent until a user is at their limit (an include glob may match nothing).
DEVLIMIT_DIR = f"{CONTAINER_CONF_DIR}/devlimit"

ROLE_NGINX = "nginx"
# Throwaway `nginx -t` containers: a distinct role, so a leftover one is never mistaken for the router.
ROLE_NGINX_CHECK = "nginx-check"

CHECK_TIMEOUT_S = 60.0
START_TIMEOUT_S = 30.0

# What may reach the template: lower-case host names, IP literals and digits, nothing else. Checked again
# right before rendering, whatever validated the value earlier (defence in depth against directive injection).
_SAFE_HOST_RE = re.compile(r"^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$")
_SAFE_IPV6_RE = re.compile(r"^[0-9a-f:.]+$")


class NginxError(MtpmError):
    """Base of the port-443 router's errors."""


class NginxConfigError(NginxError):
    """nginx refused the rendered config; ``nginx_output`` is what ``nginx -t`` printed."""

    def __init__(self, message: str, nginx_output: str = "") -> None:
        super().__init__(message)
        self.nginx_output = nginx_output


class NginxStartError(NginxError):
    """The nginx container could not be created, started or reloaded."""


class DuplicateSniDomain(NginxError, InvalidSetting):
    """Two routes have the same SNI domain: nginx could not tell their clients apart."""


@dataclass(frozen=True)
class SniRoute:
    """Clients whose ClientHello names ``domain`` go to ``backend_host:backend_port``."""

    domain: str
    backend_host: str
    backend_port: int


@dataclass(frozen=True)
class Decoy:
    """Where unknown SNI goes: a real website (host name or IP literal) and its TLS port."""

    host: str
    port: int

    @property
    def host_port(self) -> str:
        if ":" in self.host:
            return f"[{self.host}]:{self.port}"
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class SiteCertificate:
    """One certificate of the site: certbot's name for it and the host names it covers."""

    name: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class SiteServer:
    """The website's part of the config (remote/site/ builds it from the state)."""

    domain: str
    http_port: int = 80  # ACME HTTP-01 and the redirect to https
    # Standard mode: nginx itself listens here for the site; None in port-443 mode (the router's port).
    https_port: int | None = 443
    public_https_port: int = 443  # where browsers are redirected
    # Only certificates present on the server; none yet = only port 80 (the first issuance is under way).
    certificates: tuple[SiteCertificate, ...] = ()
    reject_unknown: bool = True  # unknown SNI: refused in the handshake (ssl_reject_handshake), else site


@dataclass(frozen=True)
class NginxSpec:
    """Everything the router config depends on."""

    listen_port: int = DEFAULT_LISTEN_PORT
    routes: tuple[SniRoute, ...] = ()
    decoy: Decoy | None = None
    proxy_protocol: bool = False
    router: bool = True  # the stream SNI router (port-443 mode); False: only the site's http servers
    site: SiteServer | None = None


@dataclass(frozen=True)
class NginxTarget:
    """Where and how the router runs on one server (names and labels come from the server's state)."""

    root: str  # the install root, e.g. /opt/mtpm
    instance_id: str
    image: str = DEFAULT_NGINX_IMAGE
    container_name: str = DEFAULT_CONTAINER_NAME
    network: str = "mtpm"
    # None publishes the listen port on every address (IPv4 and IPv6); tests publish on 127.0.0.1 only.
    publish_host: str | None = None
    extra_labels: Mapping[str, str] = field(default_factory=dict)
    extra_ports: tuple[int, ...] = ()  # published besides the listen port (the site's port 80)
    site: bool = False  # mount <root>/site for the website

    @property
    def site_dir(self) -> str:
        return f"{self.root.rstrip('/')}/site"

    @property
    def conf_dir(self) -> str:
        return f"{self.root.rstrip('/')}/nginx"

    @property
    def live_conf_path(self) -> str:
        return f"{self.conf_dir}/{LIVE_CONF_NAME}"


@dataclass(frozen=True)
class NginxApplyResult:
    config_changed: bool
    container_action: str  # "none" | "reloaded" | "created" | "recreated" | "started"


# ---------------------------------------------------------------------------------------------------- values


def _port(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        raise InvalidSetting(
            msg("The {what} must be a port number from 1 to 65535, not {value!r}.", what=what, value=value)
        )
    return value


def _safe_domain(domain: str) -> str:
    """The SNI domain, validated and reduced to characters that cannot break out of a quoted nginx string."""
    normal = validate_domain(domain)
    if not _SAFE_HOST_RE.match(normal):  # pragma: no cover - validate_domain already guarantees this
        raise InvalidDomain(msg("'{domain}' cannot be used as an SNI domain.", domain=domain))
    return normal


def _safe_backend_host(host: str) -> str:
    # Container names on the Docker network (mtg-proxy-PORT), or a host name/IP in tests and adoptions.
    if not _SAFE_HOST_RE.match(host):
        raise InvalidSetting(msg("{host!r} is not a valid backend host name for the SNI router.", host=host))
    return host


_LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def _decoy_host_name(text: str, hint: str) -> str:
    # Unlike an SNI domain, a decoy may be a one-label name: a container on the router's Docker network.
    try:
        name = text.strip().rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise InvalidSetting(
            msg("The decoy host {text!r} is not a valid host name. {hint}", text=text, hint=hint)
        ) from None
    if not name or len(name) > 253 or not all(_LABEL_RE.match(label) for label in name.split(".")):
        raise InvalidSetting(
            msg("The decoy host {text!r} is not a valid host name. {hint}", text=text, hint=hint)
        )
    return name


def parse_decoy(text: str | None) -> Decoy | None:
    """Parse the ``sni_decoy`` setting: ``host:port`` or ``[ipv6]:port``; empty means close the connection."""
    if text is None or not text.strip():
        return None
    raw = text.strip()
    hint = msg(
        "Set sni_decoy to host:port of a real HTTPS website (e.g. www.example.com:443), or empty to close."
    )
    match = re.fullmatch(r"\[([^\]]+)\]:(\d{1,5})|([^:\[\]]+):(\d{1,5})", raw)
    if not match:
        raise InvalidSetting(msg("The decoy {text!r} is not host:port. {hint}", text=text, hint=hint))
    host_text = match.group(1) or match.group(3) or ""
    port = int(match.group(2) or match.group(4) or "0")
    if not 1 <= port <= 65535:
        raise InvalidSetting(
            msg("The decoy port {port} is out of range (1-65535). {hint}", port=port, hint=hint)
        )
    host: str
    try:
        addr = ipaddress.ip_address(host_text)
    except ValueError:
        if match.group(1):
            raise InvalidSetting(
                msg("Only an IPv6 address goes in brackets, not {host!r}. {hint}", host=host_text, hint=hint)
            ) from None
        host = _decoy_host_name(host_text, hint)
    else:
        if match.group(3) and addr.version == 6:  # pragma: no cover - the regex keeps ':' out of group 3
            raise InvalidSetting(
                msg("Write an IPv6 decoy in brackets, e.g. [{address}]:443. {hint}", address=addr, hint=hint)
            )
        host = str(addr)
        if not (_SAFE_HOST_RE.match(host) or _SAFE_IPV6_RE.match(host)):  # pragma: no cover
            raise InvalidSetting(msg("The decoy {text!r} cannot be used. {hint}", text=text, hint=hint))
    return Decoy(host=host, port=port)


def proxy_backend_name(port: int) -> str:
    """The proxy container's name on the Docker network (the old panel's names)."""
    return f"mtg-proxy-{_port(port, msg('proxy port'))}"


def routes_for_users(users: Iterable[tuple[str, int]]) -> tuple[SniRoute, ...]:
    """Routes for enabled users given as (domain, port): SNI domain -> ``mtg-proxy-PORT:PORT``.

    The domain must be the one inside the user's secret: it is what the client sends as SNI.
    """
    routes = tuple(SniRoute(domain, proxy_backend_name(port), port) for domain, port in users)
    return tuple(sorted(routes, key=lambda r: (r.domain, r.backend_port)))


# ---------------------------------------------------------------------------------------------------- render


@functools.cache
def _template() -> jinja2.Template:
    text = resources.files("mtpm_desktop.nginx_templates").joinpath("nginx.conf.j2").read_text("utf-8")
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True, trim_blocks=False
    )
    return env.from_string(text)


def render_nginx_config(spec: NginxSpec) -> str:
    """The complete nginx.conf text for ``spec`` (raises on any value that is not safe to render)."""
    listen_port = _port(spec.listen_port, msg("SNI listen port"))
    seen: dict[str, SniRoute] = {}
    routes: list[SniRoute] = []
    for route in spec.routes:
        domain = _safe_domain(route.domain)
        if domain in seen:
            other = seen[domain]
            raise DuplicateSniDomain(
                msg(
                    "Two users share the SNI domain {domain} (ports {first_port} and {second_port}); in "
                    "port-443 mode every enabled user needs a different domain. Give one of them another "
                    "domain.",
                    domain=domain,
                    first_port=other.backend_port,
                    second_port=route.backend_port,
                )
            )
        backend = _safe_backend_host(route.backend_host)
        safe = SniRoute(domain, backend, _port(route.backend_port, msg("proxy port")))
        seen[domain] = safe
        routes.append(safe)
    decoy = spec.decoy
    if decoy is not None:
        # Re-parse: a Decoy built by hand must pass the same checks as the setting.
        decoy = parse_decoy(decoy.host_port)
    return _template().render(
        version=__version__,
        router=bool(spec.router),
        routes=routes,
        listen_port=listen_port,
        decoy=decoy,
        proxy_protocol=bool(spec.proxy_protocol),
        fallback_socket=FALLBACK_SOCKET,
        pid_path=PID_PATH,
        site=_safe_site(spec.site),
        site_dir=CONTAINER_SITE_DIR,
        site_socket=SITE_SOCKET,
        site_fronting_port=SITE_FRONTING_PORT,
        devlimit_dir=DEVLIMIT_DIR,
    )


def _safe_site(site: SiteServer | None) -> SiteServer | None:
    """The site's values re-checked for the template (names, ports, certbot's certificate names)."""
    if site is None:
        return None
    certs = []
    for cert in site.certificates:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,62}", cert.name):  # certbot name, used in a path
            raise InvalidSetting(msg("{name!r} is not a certificate name mtpm makes.", name=cert.name))
        certs.append(SiteCertificate(cert.name, tuple(_safe_domain(n) for n in cert.names)))
    return SiteServer(
        domain=_safe_domain(site.domain),
        http_port=_port(site.http_port, msg("site HTTP port")),
        https_port=None if site.https_port is None else _port(site.https_port, msg("site HTTPS port")),
        public_https_port=_port(site.public_https_port, msg("site HTTPS port")),
        certificates=tuple(certs),
        reject_unknown=bool(site.reject_unknown),
    )


# ---------------------------------------------------------------------------------------------------- apply


def _labels(target: NginxTarget, role: str, **more: str) -> dict[str, str]:
    labels = {
        "mtpm.managed": "1",
        "mtpm.instance": target.instance_id,
        "mtpm.role": role,
        "mtpm.version": __version__,
    }
    labels.update(more)
    labels.update(target.extra_labels)
    return labels


def _container_command(conf_name: str, *, test: bool) -> list[str]:
    conf = f"{CONTAINER_CONF_DIR}/{conf_name}"
    if test:
        return ["nginx", "-t", "-c", conf]
    return ["nginx", "-c", conf, "-g", "daemon off;"]


def _mounts(target: NginxTarget) -> dict[str, Any]:
    volumes = {target.conf_dir: {"bind": CONTAINER_CONF_DIR, "mode": "ro"}}
    if target.site:
        volumes[target.site_dir] = {"bind": CONTAINER_SITE_DIR, "mode": "ro"}
    return {"volumes": volumes, "tmpfs": {CONTAINER_RUN_DIR: "size=1m,mode=0755"}}


def container_spec_hash(target: NginxTarget, listen_port: int) -> str:
    """Hash of everything that needs a new container (not the config: a config change is a reload)."""
    data: dict[str, Any] = {
        "image": target.image,
        "name": target.container_name,
        "network": target.network,
        "port": listen_port,
        "publish_host": target.publish_host,
        "conf_dir": target.conf_dir,
        "command": _container_command(LIVE_CONF_NAME, test=False),
        "layout": 1,  # bump when the container's shape changes in code
    }
    # Only when used, so a router without the site keeps its hash (and is not recreated on upgrade).
    if target.extra_ports:
        data["extra_ports"] = sorted(target.extra_ports)
    if target.site:
        data["site_dir"] = target.site_dir
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def _clean_nginx_output(text: str, conf_name: str) -> str:
    """nginx's complaint without the noise: its [emerg]/[alert]/[crit] lines, or every line if none."""
    lines = [line.strip() for line in text.splitlines() if line.strip() and "syntax is ok" not in line]
    serious = [line for line in lines if re.search(r"\[(emerg|alert|crit)\]", line)]
    return "\n".join(serious or lines).replace(f"{CONTAINER_CONF_DIR}/{conf_name}", "the new config")


def find_nginx_container(session: Any, target: NginxTarget) -> Any | None:
    """The router container of this install, found by its labels (never by name alone)."""
    labels = ["mtpm.managed=1", f"mtpm.instance={target.instance_id}", f"mtpm.role={ROLE_NGINX}"]
    found = session.docker.containers.list(all=True, filters={"label": labels})
    return found[0] if found else None


def ensure_image(session: Any, image: str) -> None:
    """Pull the router's image on the server when it is not there yet (a fresh server has none)."""
    import docker.errors

    try:
        session.docker.images.get(image)
        return
    except docker.errors.ImageNotFound:
        pass
    repo, sep, tag = image.rpartition(":")
    if not sep or "/" in tag:  # "host:5000/nginx" has no tag
        repo, tag = image, "latest"
    try:
        session.docker.images.pull(repo, tag=tag)
    except docker.errors.DockerException as exc:
        raise NginxStartError(
            msg(
                "The server cannot get the nginx image {image} ({error}); check its internet "
                "access, load the image with `docker load`, or choose another with the setting nginx_image.",
                image=image,
                error=_docker_text(exc),
            )
        ) from None


def check_config(session: Any, target: NginxTarget, conf_name: str) -> None:
    """Run ``nginx -t`` on ``<conf_dir>/<conf_name>`` in a throwaway container of the router's image.

    A throwaway container (rather than ``docker exec`` in the running router) works before the router exists,
    tests with exactly the image that will serve it, and uses only plain Docker API calls.
    """
    ensure_image(session, target.image)
    docker = session.docker
    container = docker.containers.create(
        target.image,
        command=_container_command(conf_name, test=True),
        labels=_labels(target, ROLE_NGINX_CHECK),
        network_mode="none",
        **_mounts(target),
    )
    try:
        container.start()
        status = container.wait(timeout=CHECK_TIMEOUT_S)
        output = container.logs(stdout=True, stderr=True).decode("utf-8", "replace")
    finally:
        container.remove(force=True)
    code = int(status.get("StatusCode", 1))
    if code != 0:
        detail = _clean_nginx_output(output, conf_name) or msg("nginx -t exited with code {code}", code=code)
        raise NginxConfigError(
            msg(
                "nginx refused the new port-443 config, so the old one keeps serving and nothing was "
                "changed. nginx said: {detail}",
                detail=detail,
            ),
            nginx_output=output,
        )


def _wait_running(container: Any) -> None:
    """Wait until nginx serves: the container runs and has workers (they start once the ports are bound)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        container.reload()
        state = container.attrs.get("State", {})
        if state.get("Running") and _workers(container) != {}:
            return
        if state.get("Status") in ("exited", "dead") or time.monotonic() > deadline:
            logs = container.logs(tail=20).decode("utf-8", "replace").strip()
            if logs:
                raise NginxStartError(
                    msg(
                        "The nginx container {name} did not start ({status}). Its last output: {output}",
                        name=container.name,
                        status=state.get("Status"),
                        output=logs,
                    )
                )
            raise NginxStartError(
                msg(
                    "The nginx container {name} did not start ({status}). Its last output: none",
                    name=container.name,
                    status=state.get("Status"),
                )
            )
        time.sleep(0.1)


def _create_container(session: Any, target: NginxTarget, listen_port: int, spec_hash: str) -> Any:
    import docker.types  # local: docker-py is heavy and only needed here

    from mtpm_desktop.remote.docker_names import NameBusy, NameTaken, create_named

    ports: dict[str, Any] = {
        f"{port}/tcp": (target.publish_host, port) if target.publish_host else port
        for port in (listen_port, *target.extra_ports)
    }
    ensure_image(session, target.image)

    def create() -> Any:
        return session.docker.containers.create(
            target.image,
            command=_container_command(LIVE_CONF_NAME, test=False),
            name=target.container_name,
            labels=_labels(target, ROLE_NGINX, **{"mtpm.config-hash": spec_hash}),
            network=target.network,
            ports=ports,
            restart_policy={"Name": "unless-stopped"},
            log_config=docker.types.LogConfig(type="json-file", config={"max-size": "10m", "max-file": "3"}),
            **_mounts(target),
        )

    own = {"mtpm.managed": "1", "mtpm.instance": target.instance_id, "mtpm.role": ROLE_NGINX}
    try:
        container = create_named(create, session.docker.api, target.container_name, own)
    except NameTaken:
        raise NginxStartError(
            msg(
                "A container named {name} already exists and is not this install's "
                "port-443 router: remove or rename it, or choose another name with the setting "
                "nginx_container_name.",
                name=target.container_name,
            )
        ) from None
    except NameBusy:
        raise NginxStartError(
            msg(
                "The server kept a container named {name} busy while mtpm replaced it; "
                "run the change again in a moment.",
                name=target.container_name,
            )
        ) from None
    return container


def _workers(container: Any) -> dict[str, str] | None:
    """PID -> command line of the container's nginx worker processes (Docker's `top`, run on the host).

    None when Docker cannot list them (no `ps` on the host, odd output): callers then do not wait on them.
    """
    import docker.errors

    try:
        top = container.top()
        titles = [str(t).upper() for t in top.get("Titles") or []]
        pid_col = titles.index("PID")
        cmd_col = next(i for i, t in enumerate(titles) if t in ("CMD", "COMMAND"))
    except (docker.errors.APIError, ValueError, StopIteration):
        return None
    return {
        str(row[pid_col]): str(row[cmd_col])
        for row in top.get("Processes") or []
        if "worker process" in str(row[cmd_col])
    }


def _reload(container: Any) -> None:
    """SIGHUP the nginx master (PID 1) and wait until workers with the new config run.

    The master re-reads the config, starts new workers and tells the old ones to stop accepting; old
    workers finish their established connections (users stay connected). The signal is asynchronous, so
    without this wait a caller could still reach the old config right after apply returns. A reload that
    fails leaves the old workers alone: that shows up as no new worker, and the log says why.
    """
    before = _workers(container)
    since = int(time.time()) - 1
    container.kill(signal="SIGHUP")
    if before is None:
        return  # cannot see the workers: the reload happens, but unconfirmed
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        now = _workers(container) or {}
        fresh = [pid for pid in now if pid not in before]
        old_accepting = [pid for pid, cmd in now.items() if pid in before and "shutting down" not in cmd]
        if fresh and not old_accepting:
            return
        time.sleep(0.05)
    logs = _clean_nginx_output(container.logs(since=since).decode("utf-8", "replace").strip(), LIVE_CONF_NAME)
    if logs:
        raise NginxStartError(
            msg(
                "nginx in {name} did not switch to the new config within {timeout:.0f}s; "
                "the old config keeps serving. Its log: {log}",
                name=container.name,
                timeout=START_TIMEOUT_S,
                log=logs,
            )
        )
    raise NginxStartError(
        msg(
            "nginx in {name} did not switch to the new config within {timeout:.0f}s; "
            "the old config keeps serving. Its log: empty",
            name=container.name,
            timeout=START_TIMEOUT_S,
        )
    )


def _read_optional(session: Any, path: str) -> bytes | None:
    if not session.exists(path):
        return None
    data: bytes = session.read_file(path)
    return data


def apply_nginx(
    session: Any,
    spec: NginxSpec,
    target: NginxTarget,
    *,
    progress: Callable[[str], None] | None = None,
) -> NginxApplyResult:
    """Make the server's router serve ``spec``; idempotent. See the module docstring for the safety rules."""
    return apply_config_text(session, render_nginx_config(spec), spec.listen_port, target, progress=progress)


def apply_config_text(
    session: Any,
    config_text: str,
    listen_port: int,
    target: NginxTarget,
    *,
    progress: Callable[[str], None] | None = None,
) -> NginxApplyResult:
    """Check ``config_text`` with ``nginx -t``, swap it in and reload (or create) the router.

    ``listen_port`` must be the port the text listens on (it is published). Raises NginxConfigError (old
    config still serving, nothing changed) or NginxStartError.
    """
    say = progress or (lambda _msg: None)
    text = config_text.encode("utf-8")
    listen_port = _port(listen_port, msg("SNI listen port"))
    session.makedirs(target.conf_dir, mode=0o700)
    previous = _read_optional(session, target.live_conf_path)
    config_changed = previous != text
    if config_changed:
        candidate = f"candidate-{secrets.token_hex(6)}.conf"
        candidate_path = f"{target.conf_dir}/{candidate}"
        say(msg("Checking the new nginx config"))
        session.write_file_atomic(candidate_path, text, mode=0o600)
        try:
            check_config(session, target, candidate)
        except MtpmError:
            raise  # nginx's verdict, or a typed remote error (connection lost...) that says it already
        except Exception as exc:
            raise NginxStartError(
                msg(
                    "The new nginx config could not be checked ({error}); nothing was changed.",
                    error=_docker_text(exc),
                )
            ) from exc
        finally:
            session.remove_file(candidate_path)
        session.write_file_atomic(target.live_conf_path, text, mode=0o600)

    spec_hash = container_spec_hash(target, listen_port)
    container = find_nginx_container(session, target)
    try:
        if container is not None and container.labels.get("mtpm.config-hash") != spec_hash:
            say(msg("Recreating the nginx container"))
            _replace_container(session, target, container, listen_port, spec_hash, previous, config_changed)
            return NginxApplyResult(config_changed, "recreated")
        if container is None:
            say(msg("Creating the nginx container"))
            _start_new_container(session, target, listen_port, spec_hash)
            return NginxApplyResult(config_changed, "created")
        container.reload()
        if not container.attrs.get("State", {}).get("Running"):
            say(msg("Starting the nginx container"))
            _start_existing(container, listen_port)
            return NginxApplyResult(config_changed, "started")
        if config_changed:
            say(msg("Reloading nginx"))
            _reload(container)
            return NginxApplyResult(config_changed, "reloaded")
        return NginxApplyResult(config_changed, "none")
    except MtpmError:
        _restore(session, target, previous, config_changed)
        raise
    except Exception as exc:
        _restore(session, target, previous, config_changed)
        raise NginxStartError(
            msg("The nginx container could not be set up: {error}", error=_docker_text(exc))
        ) from exc


def _docker_text(exc: Exception) -> str:
    return str(getattr(exc, "explanation", None) or exc).strip()


def _start_failed(listen_port: int, exc: Exception) -> NginxStartError:
    text = _docker_text(exc)
    if "address already in use" in text or "port is already allocated" in text:
        return NginxStartError(
            msg(
                "The nginx container could not start: {error}. Another program (a web server?) already "
                "uses port {port} on the server: stop it, or choose another port with the setting "
                "sni_listen_port.",
                error=text,
                port=listen_port,
            )
        )
    return NginxStartError(msg("The nginx container could not start: {error}.", error=text))


def _start_existing(container: Any, listen_port: int) -> None:
    try:
        container.start()
    except MtpmError:
        raise
    except Exception as exc:
        raise _start_failed(listen_port, exc) from exc
    _wait_running(container)


def _start_new_container(session: Any, target: NginxTarget, listen_port: int, spec_hash: str) -> Any:
    """Create and start the router; on failure remove what was created, so nothing half-made stays."""
    container = _create_container(session, target, listen_port, spec_hash)
    try:
        _start_existing(container, listen_port)
    except Exception:
        container.remove(force=True)
        raise
    return container


def _replace_container(
    session: Any,
    target: NginxTarget,
    old: Any,
    listen_port: int,
    spec_hash: str,
    previous: bytes | None,
    config_changed: bool,
) -> None:
    """Swap the router container (new port, image or network) and put the old one back if the new fails.

    The old container is stopped (it may hold the same host port) and renamed aside, not removed, until
    the new one serves; a failure (typically the new port taken on the host) restores the previous config
    and restarts the old container, so users keep the router they had.
    """
    old.reload()
    was_running = bool(old.attrs.get("State", {}).get("Running"))
    old_name = old.name
    old.stop(timeout=5)
    old.rename(f"{old_name}-old-{secrets.token_hex(3)}")
    try:
        _start_new_container(session, target, listen_port, spec_hash)
    except Exception as exc:
        old.rename(old_name)
        _restore(session, target, previous, config_changed)
        if was_running:
            old.start()
            _wait_running(old)
        if isinstance(exc, NginxError):
            raise NginxStartError(
                msg("{error} The previous router is serving again.", error=exc.message)
            ) from exc
        raise
    old.remove(force=True)


def _restore(session: Any, target: NginxTarget, previous: bytes | None, config_changed: bool) -> None:
    if config_changed and previous is not None:
        session.write_file_atomic(target.live_conf_path, previous, mode=0o600)


def remove_nginx(session: Any, target: NginxTarget) -> bool:
    """Stop and remove the router container (port-443 mode off). Returns whether one existed."""
    container = find_nginx_container(session, target)
    if container is None:
        return False
    container.remove(force=True)
    return True
