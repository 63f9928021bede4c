"""The server state file (``config.json``): the old web panel's schema plus our versioned additions.

Loading is forgiving and honest: anything that can be repaired is repaired and reported as a
:class:`Problem`; what cannot be read at all raises :class:`StateFileError`. A user is never dropped,
unknown keys (top level and per user) survive a round trip, and the old panel's plaintext
``_initial_password`` is dropped.

Public API: :func:`load_state` / :func:`state_from_dict` → :class:`LoadResult`; :func:`dump_state` /
:func:`state_to_dict`; :func:`new_state`; the dataclasses :class:`ServerState`, :class:`User`,
:class:`QuotaPeriod`, :class:`Problem`. The exact key names are documented in docs/design.md.
"""

from __future__ import annotations

import copy
import json
import secrets as _stdlib_secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from .errors import InvalidLimit, MtpmError, StateFileError
from .messages import msg
from .ports import lowest_free_port, port_problem, reserved_ports
from .secret import new_secret, parse_secret
from .validation import (
    MAX_NAME_LENGTH,
    format_instant,
    number_for_json,
    parse_instant,
    parse_number,
    validate_domain,
    validate_max_devices,
    validate_name,
    validate_port_number,
)

SCHEMA_VERSION = 1

DEFAULT_BASE_PORT = 2443
DEFAULT_FAKE_TLS_DOMAIN = "www.cloudflare.com"
DEFAULT_PROXY_IMAGE = "nineseconds/mtg:2.2.8"
DEFAULT_NGINX_IMAGE = "nginx:1.27-alpine"
DEFAULT_DOCKER_NETWORK = "mtpm"
DEFAULT_NGINX_CONTAINER = "mtpm-nginx"
DEFAULT_SNI_LISTEN_PORT = 443
DEFAULT_ENGINE = "mtg"
DEFAULT_THROTTLE_MBPS = 1.0
PREFER_IP_VALUES = ("v4", "v6", "prefer-v4", "prefer-v6")
DEFAULT_PREFER_IP = "prefer-v4"

# Old-panel keys we read into typed fields, in the order the panel wrote them (dump keeps this order).
_OLD_TOP_KEYS = (
    "admin_username",
    "admin_password_hash",
    "secret_key",
    "server_domain",
    "server_ip",
    "proxy_port",
    "proxy_tag",
    "proxy_container_name",
    "proxy_image",
    "users",
    "fake_tls_domain",
    "proxy_buffer_size",
    "proxy_prefer_ip",
    "stats_enabled",
    "traffic_limit_gb",
    "throttle_speed_mbps",
    "port_443_mode",
)
_NEW_TOP_KEYS = (
    "schema_version",
    "revision",
    "instance_id",
    "quota_period",
    "docker_network",
    "nginx_container_name",
    "sni_listen_port",
    "sni_decoy",
    "proxy_protocol",
    "nginx_image",
    "custom_domains",
    "engine",
    "domain_fronting_ip",
    "domain_fronting_port",
    "max_devices",
)
_DROPPED_TOP_KEYS = ("_initial_password",)
_USER_KEYS = (
    "name",
    "secret",
    "enabled",
    "port",
    "created_at",
    "fake_tls_domain",
    "traffic_limit_gb",
    "throttle_speed_mbps",
    "id",
    "unlimited",
    "expires_at",
    "quota_period",
    "max_devices",
)
# Panel-only strings: kept verbatim, written back only when the file had them.
_PANEL_ONLY_STR_KEYS = (
    "admin_username",
    "admin_password_hash",
    "secret_key",
    "proxy_tag",
    "proxy_container_name",
)

JsonObject = dict[str, Any]
_TRUE_WORDS = ("true", "yes", "1", "on")
_FALSE_WORDS = ("false", "no", "0", "off")


def new_user_id() -> str:
    """A fresh user id: 12 random hex characters (ids are never reused; 48 random bits make a clash moot)."""
    return _stdlib_secrets.token_hex(6)


def new_instance_id() -> str:
    """A fresh instance id, written into Docker labels so two installs on one engine never mix objects."""
    return _stdlib_secrets.token_hex(8)


@dataclass(frozen=True)
class QuotaPeriod:
    """How traffic is counted against a limit: over the user's lifetime, or per month from ``day`` (1..31)."""

    kind: Literal["lifetime", "monthly"] = "lifetime"
    day: int = 1

    @classmethod
    def lifetime(cls) -> QuotaPeriod:
        return cls("lifetime", 1)

    @classmethod
    def monthly(cls, day: int) -> QuotaPeriod:
        """Monthly reset on ``day``; a day past a month's end means that month's last day."""
        if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 31:
            raise InvalidLimit(
                msg("The monthly reset day must be a whole number from 1 to 31, not {day!r}.", day=day)
            )
        return cls("monthly", day)

    @classmethod
    def from_json(cls, value: object) -> QuotaPeriod:
        """Parse ``{"kind": "lifetime"}`` or ``{"kind": "monthly", "day": N}``; else raise InvalidLimit."""
        if isinstance(value, Mapping):
            kind = value.get("kind")
            if kind == "lifetime":
                return cls.lifetime()
            if kind == "monthly":
                return cls.monthly(value.get("day", 1))
        raise InvalidLimit(
            msg(
                "Quota period {value!r} is not understood: use lifetime, or monthly with a day from 1 to 31.",
                value=value,
            )
        )

    def to_json(self) -> JsonObject:
        if self.kind == "monthly":
            return {"kind": "monthly", "day": self.day}
        return {"kind": "lifetime"}

    def __str__(self) -> str:
        return f"monthly from day {self.day}" if self.kind == "monthly" else "lifetime"


@dataclass
class User:
    """One proxy user. Addressed by ``id`` (stable) or by its unique ``name``; never by list position.

    ``traffic_limit_gb`` / ``throttle_speed_mbps`` of 0 mean "inherit the global value"; ``unlimited`` means
    no traffic limit whatever the global one. ``quota_period`` None means inherit the server's.
    ``max_devices`` None means the server's device limit; 0 = unlimited for this user.
    """

    id: str
    name: str
    secret: str
    port: int
    enabled: bool = True
    created_at: str | None = None
    fake_tls_domain: str = ""
    traffic_limit_gb: float = 0.0
    throttle_speed_mbps: float = 0.0
    unlimited: bool = False
    expires_at: datetime | None = None
    quota_period: QuotaPeriod | None = None
    max_devices: int | None = None
    extra: JsonObject = field(default_factory=dict)

    @property
    def domain(self) -> str:
        """The SNI domain in the user's secret (``fake_tls_domain`` for a damaged secret)."""
        try:
            return parse_secret(self.secret).domain
        except MtpmError:
            return self.fake_tls_domain


@dataclass
class ServerState:
    """The desired state of one server. ``extra`` holds unknown top-level keys, written back unchanged."""

    instance_id: str = field(default_factory=new_instance_id)
    schema_version: int = SCHEMA_VERSION
    revision: int = 0
    server_domain: str = ""
    server_ip: str = ""
    proxy_port: int = DEFAULT_BASE_PORT
    proxy_image: str = DEFAULT_PROXY_IMAGE
    fake_tls_domain: str = DEFAULT_FAKE_TLS_DOMAIN
    # The old panel's engine buffer setting (bytes, or text such as "16kb"); not used by mtg v2, kept as is.
    proxy_buffer_size: int | str | None = None
    proxy_prefer_ip: str = DEFAULT_PREFER_IP
    stats_enabled: bool = True
    traffic_limit_gb: float = 0.0
    throttle_speed_mbps: float = DEFAULT_THROTTLE_MBPS
    port_443_mode: bool = False
    users: list[User] = field(default_factory=list)
    quota_period: QuotaPeriod = field(default_factory=QuotaPeriod.lifetime)
    docker_network: str = DEFAULT_DOCKER_NETWORK
    nginx_container_name: str = DEFAULT_NGINX_CONTAINER
    sni_listen_port: int = DEFAULT_SNI_LISTEN_PORT
    sni_decoy: str = ""
    proxy_protocol: bool = False
    nginx_image: str = DEFAULT_NGINX_IMAGE
    custom_domains: list[str] = field(default_factory=list)
    engine: str = DEFAULT_ENGINE
    domain_fronting_ip: str | None = None
    domain_fronting_port: int | None = None
    max_devices: int = 0  # distinct client IPs per user at a time, the default for users (0 = unlimited)
    # Old panel's own keys (web login, ad tag, its single container): kept verbatim when present.
    admin_username: str | None = None
    admin_password_hash: str | None = None
    secret_key: str | None = None
    proxy_tag: str | None = None
    proxy_container_name: str | None = None
    extra: JsonObject = field(default_factory=dict)

    def copy(self) -> ServerState:
        """A deep copy: edits to it never touch this state."""
        return copy.deepcopy(self)

    def user_by_id(self, user_id: str) -> User | None:
        """The user with this id, or None."""
        return next((u for u in self.users if u.id == user_id), None)


@dataclass(frozen=True)
class Problem:
    """Something wrong in a loaded file. ``fixed`` says whether loading already repaired it."""

    where: str
    message: str
    fixed: bool

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" + (" (fixed)" if self.fixed else "")

    def to_json(self) -> JsonObject:
        return {"where": self.where, "message": self.message, "fixed": self.fixed}


@dataclass
class LoadResult:
    """A loaded state, the problems found, and whether it came from the old panel's schema."""

    state: ServerState
    problems: list[Problem]
    migrated: bool


def new_state(
    *, server_ip: str = "", server_domain: str = "", proxy_port: int = DEFAULT_BASE_PORT
) -> ServerState:
    """A fresh state for a new server (random instance id, no users)."""
    return ServerState(server_ip=server_ip, server_domain=server_domain, proxy_port=proxy_port)


# --------------------------------------------------------------------------------------------------- loading


class _Reader:
    """Reads typed values out of one JSON object, falling back to defaults and recording problems."""

    def __init__(self, obj: Mapping[str, Any], where: str, problems: list[Problem]) -> None:
        self.obj = obj
        self.where = where
        self.problems = problems

    def problem(self, key: str, message: str, fixed: bool = True) -> None:
        self.problems.append(Problem(f"{self.where}{key}", message, fixed))

    def string(self, key: str, default: str) -> str:
        value = self.obj.get(key, default)
        if value is None:
            return default
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.problem(
            key, msg("expected text, found {value!r}; using {default!r}", value=value, default=default)
        )
        return default

    def optional_string(self, key: str) -> str | None:
        if key not in self.obj or self.obj[key] is None:
            return None
        return self.string(key, "")

    def boolean(self, key: str, default: bool) -> bool:
        value = self.obj.get(key, default)
        if isinstance(value, bool):
            return value
        if value is None:
            return default
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in (*_TRUE_WORDS, *_FALSE_WORDS):
            return value.strip().lower() in _TRUE_WORDS
        self.problem(
            key, msg("expected true or false, found {value!r}; using {default}", value=value, default=default)
        )
        return default

    def number(self, key: str, default: float, what: str) -> float:
        value = self.obj.get(key, default)
        if value is None:
            return default
        try:
            return parse_number(value, what)
        except MtpmError as exc:
            self.problem(
                key, msg("{error} Using {default}.", error=exc.message, default=number_for_json(default))
            )
            return default

    def max_devices(self, key: str) -> int | None:
        """A device limit; None when absent or unusable (a problem says so: the default applies)."""
        value = self.obj.get(key)
        if value is None:
            return None
        try:
            return validate_max_devices(value)
        except MtpmError as exc:
            self.problem(key, msg("{error} Using the server's default.", error=exc.message))
            return None

    def port(self, key: str, default: int) -> int:
        value = self.obj.get(key, default)
        try:
            return validate_port_number(value)
        except MtpmError as exc:
            self.problem(key, msg("{error} Using {default}.", error=exc.message, default=default))
            return default


def load_state(text: str | bytes) -> LoadResult:
    """Parse a state file's text (ours or the old panel's); StateFileError when it is not a JSON object."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StateFileError(
            msg(
                "The state file is not valid JSON (line {line}, column {column}: {error}); "
                "fix it by hand or restore a backup.",
                line=exc.lineno,
                column=exc.colno,
                error=exc.msg,
            )
        ) from None
    except UnicodeDecodeError:
        raise StateFileError(msg("The state file is not UTF-8 text; restore a backup.")) from None
    except (RecursionError, ValueError):
        # json.loads recurses per nesting level ("[[[[..."), and refuses integers over 4300 digits with a
        # plain ValueError: a damaged or hostile file must still be a StateFileError.
        raise StateFileError(
            msg(
                "The state file is not a state file (nested too deeply or a number too long); "
                "restore a backup."
            )
        ) from None
    return state_from_dict(data)


def state_from_dict(data: object) -> LoadResult:
    """Build a ServerState from a decoded JSON value, repairing what can be (see the module docstring)."""
    if not isinstance(data, Mapping):
        raise StateFileError(
            msg("The state file must hold a JSON object, not {kind}.", kind=type(data).__name__)
        )
    problems: list[Problem] = []
    version = data.get("schema_version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        problems.append(
            Problem(
                "schema_version",
                msg("{version!r} is not a version number; read as an old panel file", version=version),
                True,
            )
        )
        version = 0
    if version > SCHEMA_VERSION:
        raise StateFileError(
            msg(
                "This state file was written by a newer mtpm (schema {version}; this one knows {known}). "
                "Update mtpm before managing this server.",
                version=version,
                known=SCHEMA_VERSION,
            )
        )
    migrated = version < SCHEMA_VERSION
    raw_users = data.get("users", [])
    if raw_users is None:
        raw_users = []
    if not isinstance(raw_users, list):
        raise StateFileError(
            msg(
                "'users' in the state file must be a list, not {kind}; fix it by hand.",
                kind=type(raw_users).__name__,
            )
        )
    for index, raw in enumerate(raw_users):
        if not isinstance(raw, Mapping):
            raise StateFileError(
                msg(
                    "users[{index}] in the state file is {value!r}, not an object; fix it by hand "
                    "(mtpm does not drop users).",
                    index=index,
                    value=raw,
                )
            )
    state = _read_settings(data, problems)
    state.users = [_read_user(raw, i, state, problems, migrated) for i, raw in enumerate(raw_users)]
    _dedupe_ids(state, problems)
    _assign_ports(state, raw_users, problems)
    _dedupe_names(state, problems)
    _check_port_443_domains(state, problems)
    return LoadResult(state=state, problems=problems, migrated=migrated)


def _read_settings(data: Mapping[str, Any], problems: list[Problem]) -> ServerState:
    """Every top-level key but ``users``: typed fields, repaired values, unknown keys into ``extra``."""
    r = _Reader(data, "", problems)
    state = ServerState(
        instance_id=r.string("instance_id", "") or new_instance_id(),
        schema_version=SCHEMA_VERSION,
        server_domain=r.string("server_domain", "").strip(),
        server_ip=r.string("server_ip", "").strip(),
        proxy_port=r.port("proxy_port", DEFAULT_BASE_PORT),
        proxy_image=r.string("proxy_image", DEFAULT_PROXY_IMAGE) or DEFAULT_PROXY_IMAGE,
        fake_tls_domain=_read_domain(r, "fake_tls_domain", DEFAULT_FAKE_TLS_DOMAIN),
        proxy_buffer_size=_read_buffer_size(r),
        proxy_prefer_ip=r.string("proxy_prefer_ip", DEFAULT_PREFER_IP),
        stats_enabled=r.boolean("stats_enabled", True),
        traffic_limit_gb=r.number("traffic_limit_gb", 0.0, msg("traffic limit (GB)")),
        throttle_speed_mbps=r.number(
            "throttle_speed_mbps", DEFAULT_THROTTLE_MBPS, msg("throttle speed (Mbit/s)")
        ),
        port_443_mode=r.boolean("port_443_mode", False),
        docker_network=r.string("docker_network", DEFAULT_DOCKER_NETWORK) or DEFAULT_DOCKER_NETWORK,
        nginx_container_name=(
            r.string("nginx_container_name", DEFAULT_NGINX_CONTAINER) or DEFAULT_NGINX_CONTAINER
        ),
        sni_listen_port=r.port("sni_listen_port", DEFAULT_SNI_LISTEN_PORT),
        sni_decoy=r.string("sni_decoy", ""),
        proxy_protocol=r.boolean("proxy_protocol", False),
        nginx_image=r.string("nginx_image", DEFAULT_NGINX_IMAGE) or DEFAULT_NGINX_IMAGE,
        engine=r.string("engine", DEFAULT_ENGINE) or DEFAULT_ENGINE,
        domain_fronting_ip=r.optional_string("domain_fronting_ip"),
        domain_fronting_port=(
            r.port("domain_fronting_port", 443) if data.get("domain_fronting_port") is not None else None
        ),
        max_devices=r.max_devices("max_devices") or 0,
    )
    for key in _PANEL_ONLY_STR_KEYS:
        setattr(state, key, r.optional_string(key))
    revision = data.get("revision", 0)
    if isinstance(revision, float) and revision.is_integer():
        revision = int(revision)
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 0:
        problems.append(
            Problem(
                "revision", msg("{revision!r} is not a revision number; using 0", revision=revision), True
            )
        )
        revision = 0
    state.revision = revision
    if state.proxy_prefer_ip not in PREFER_IP_VALUES:
        problems.append(
            Problem(
                "proxy_prefer_ip",
                msg(
                    "{value!r} is not one of {choices}; using {default}",
                    value=state.proxy_prefer_ip,
                    choices=", ".join(PREFER_IP_VALUES),
                    default=DEFAULT_PREFER_IP,
                ),
                True,
            )
        )
        state.proxy_prefer_ip = DEFAULT_PREFER_IP
    state.quota_period = _read_period(r, "quota_period") or QuotaPeriod.lifetime()
    state.custom_domains = _read_custom_domains(r)
    if "_initial_password" in data:
        problems.append(
            Problem(
                "_initial_password",
                msg("a plaintext password from the old panel's install was dropped"),
                True,
            )
        )
    known = set(_OLD_TOP_KEYS) | set(_NEW_TOP_KEYS) | set(_DROPPED_TOP_KEYS)
    state.extra = {k: copy.deepcopy(v) for k, v in data.items() if k not in known}
    return state


def _read_domain(r: _Reader, key: str, default: str) -> str:
    value = r.obj.get(key)
    if value is None or value == "":
        return default
    try:
        return validate_domain(value)
    except MtpmError as exc:
        r.problem(key, msg("{error} Using {default}.", error=exc.message, default=default))
        return default


def _read_buffer_size(r: _Reader) -> int | str | None:
    value = r.obj.get("proxy_buffer_size")
    if value is None or isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    r.problem("proxy_buffer_size", msg("expected a size, found {value!r}; dropped", value=value))
    return None


def _read_period(r: _Reader, key: str) -> QuotaPeriod | None:
    value = r.obj.get(key)
    if value is None:
        return None
    try:
        return QuotaPeriod.from_json(value)
    except MtpmError as exc:
        r.problem(key, msg("{error} Using the server's period.", error=exc.message), True)
        return None


def _read_custom_domains(r: _Reader) -> list[str]:
    value = r.obj.get("custom_domains")
    if value is None:
        return []
    if not isinstance(value, list):
        r.problem(
            "custom_domains", msg("expected a list of domains, found {value!r}; ignored", value=value), False
        )
        return []
    out: list[str] = []
    for item in value:
        try:
            domain = validate_domain(item)
        except MtpmError as exc:
            r.problem("custom_domains", msg("{error} Ignored.", error=exc.message), False)
            continue
        if domain not in out:
            out.append(domain)
    return out


def _read_user(
    raw: Mapping[str, Any], index: int, state: ServerState, problems: list[Problem], migrated: bool
) -> User:
    label = _repair_name(raw.get("name"), index) if isinstance(raw.get("name"), str) else None
    where = f"users[{index}]" + (f" '{label}'" if raw.get("name") else "") + "."
    r = _Reader(raw, where, problems)

    raw_name = raw.get("name")
    try:
        name = validate_name(raw_name)
    except MtpmError as exc:
        name = _repair_name(raw_name, index)
        r.problem("name", msg("{error} Renamed to '{name}'.", error=exc.message, name=name))

    user_id = raw.get("id")
    if not isinstance(user_id, str) or not user_id.strip():
        if "id" in raw or not migrated:
            r.problem("id", msg("missing or invalid id {id!r}; a new one was given", id=user_id))
        user_id = new_user_id()

    fallback_domain = _read_domain(r, "fake_tls_domain", state.fake_tls_domain)
    raw_secret = raw.get("secret")
    secret: str
    if isinstance(raw_secret, str) and raw_secret.strip():
        try:
            parsed = parse_secret(raw_secret)
        except MtpmError as exc:
            # Kept verbatim: replacing it would silently break the link the user already has.
            secret = raw_secret
            r.problem("secret", msg("{error} The secret was kept as it is.", error=exc.message), False)
        else:
            secret = parsed.hex()
            if raw.get("fake_tls_domain") not in (None, "", parsed.domain):
                r.problem(
                    "fake_tls_domain",
                    msg("did not match the secret's domain; set to {domain}", domain=parsed.domain),
                )
            fallback_domain = parsed.domain
    else:
        secret = new_secret(fallback_domain)
        r.problem("secret", msg("the user had no secret; a new one was made (send them the new link)"))

    expires_at: datetime | None = None
    if raw.get("expires_at") not in (None, ""):
        try:
            expires_at = parse_instant(raw.get("expires_at"))
        except MtpmError as exc:
            r.problem(
                "expires_at", msg("{error} The user was left without an expiry.", error=exc.message), False
            )

    created = raw.get("created_at")
    extra = {k: copy.deepcopy(v) for k, v in raw.items() if k not in _USER_KEYS}
    return User(
        id=user_id.strip(),
        name=name,
        secret=secret,
        port=0,  # assigned by _assign_ports, which needs every user first
        enabled=r.boolean("enabled", True),
        created_at=created if isinstance(created, str) else (None if created is None else str(created)),
        fake_tls_domain=fallback_domain,
        traffic_limit_gb=r.number("traffic_limit_gb", 0.0, msg("traffic limit (GB)")),
        throttle_speed_mbps=r.number("throttle_speed_mbps", 0.0, msg("throttle speed (Mbit/s)")),
        unlimited=r.boolean("unlimited", False),
        expires_at=expires_at,
        quota_period=_read_period(r, "quota_period"),
        max_devices=r.max_devices("max_devices"),
        extra=extra,
    )


def _repair_name(raw: object, index: int) -> str:
    if isinstance(raw, str):
        cleaned = (
            "".join(ch for ch in raw if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF)
            .strip()[:MAX_NAME_LENGTH]
            .strip()
        )
        if cleaned:
            return cleaned
    return f"user-{index + 1}"


def _assign_ports(state: ServerState, raw_users: list[Any], problems: list[Problem]) -> None:
    """Give every user a distinct valid port, keeping every valid first-come port where it is.

    A user without a port gets ``base + index`` when free, because that is the port the old panel gave it (its
    link keeps working); otherwise, and for duplicate or reserved ports, the lowest free port >= base.
    """
    reserved = reserved_ports(state.sni_listen_port)
    used: set[int] = set()
    # (index, reason, the reason is a whole sentence) of users that still need a port
    pending: list[tuple[int, str | None, bool]] = []
    for index, (user, raw) in enumerate(zip(state.users, raw_users, strict=True)):
        value = raw.get("port")
        if value is None:
            pending.append((index, None, False))
            continue
        try:
            port = validate_port_number(value)
        except MtpmError as exc:
            pending.append((index, exc.message, True))
            continue
        unusable = port_problem(port, reserved)
        if unusable:
            pending.append((index, unusable, False))
        elif port in used:
            owner = next(u for u in state.users if u.port == port)
            pending.append(
                (index, msg("port {port} is also used by '{name}'", port=port, name=owner.name), False)
            )
        else:
            user.port = port
            used.add(port)
    # Users merely without a port first, so they get their old-panel port before repairs take free ports.
    for index, reason, sentence in sorted(pending, key=lambda p: p[1] is not None):
        user = state.users[index]
        guess = state.proxy_port + index
        if reason is None and guess not in used and port_problem(guess, reserved) is None:
            user.port = guess
        else:
            port = lowest_free_port(state.proxy_port, used, reserved)
            user.port = port
            if reason is None:
                why = msg(
                    "the old panel's port {guess} is taken; moved to port {port} (this user's link changes)",
                    guess=guess,
                    port=port,
                )
            elif sentence:  # an error message: a sentence of its own, ending with a full stop
                why = msg("{error} Moved to port {port} (this user's link changes).", error=reason, port=port)
            else:
                why = msg(
                    "{reason}; moved to port {port} (this user's link changes)", reason=reason, port=port
                )
            problems.append(Problem(f"users[{index}] '{user.name}'.port", why, True))
        used.add(user.port)


def _dedupe_ids(state: ServerState, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for index, user in enumerate(state.users):
        if user.id in seen:
            new_id = new_user_id()
            while new_id in seen or any(u.id == new_id for u in state.users):
                new_id = new_user_id()
            problems.append(
                Problem(
                    f"users[{index}] '{user.name}'.id",
                    msg(
                        "another user has the id {old!r}; this one got the new id {new!r}",
                        old=user.id,
                        new=new_id,
                    ),
                    True,
                )
            )
            user.id = new_id
        seen.add(user.id)


def _dedupe_names(state: ServerState, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for index, user in enumerate(state.users):
        key = user.name.casefold()
        if key in seen:
            n = 2
            while f"{user.name} ({n})".casefold() in seen or any(
                u.name.casefold() == f"{user.name} ({n})".casefold() for u in state.users
            ):
                n += 1
            new_name = f"{user.name} ({n})"
            problems.append(
                Problem(
                    f"users[{index}] '{user.name}'.name",
                    msg(
                        "another user has the same name; renamed to '{name}' so names stay unique",
                        name=new_name,
                    ),
                    True,
                )
            )
            user.name = new_name
            key = new_name.casefold()
        seen.add(key)


def _check_port_443_domains(state: ServerState, problems: list[Problem]) -> None:
    if not state.port_443_mode:
        return
    owners: dict[str, str] = {}
    for index, user in enumerate(state.users):
        if not user.enabled:
            continue
        domain = user.domain
        if domain in owners:
            problems.append(
                Problem(
                    f"users[{index}] '{user.name}'.secret",
                    msg(
                        "in port-443 mode users need distinct domains, but '{other}' also uses {domain}; "
                        "give one of them a new domain",
                        other=owners[domain],
                        domain=domain,
                    ),
                    False,
                )
            )
        else:
            owners[domain] = user.name


# --------------------------------------------------------------------------------------------------- dumping


def _user_to_dict(user: User) -> JsonObject:
    out: JsonObject = {
        "name": user.name,
        "secret": user.secret,
        "enabled": user.enabled,
        "port": user.port,
    }
    if user.created_at is not None:
        out["created_at"] = user.created_at
    out.update(
        {
            "fake_tls_domain": user.fake_tls_domain,
            "traffic_limit_gb": number_for_json(user.traffic_limit_gb),
            "throttle_speed_mbps": number_for_json(user.throttle_speed_mbps),
            "id": user.id,
            "unlimited": user.unlimited,
            "expires_at": format_instant(user.expires_at) if user.expires_at else None,
            "quota_period": user.quota_period.to_json() if user.quota_period else None,
        }
    )
    if user.max_devices is not None:
        out["max_devices"] = user.max_devices
    for key, value in user.extra.items():
        out.setdefault(key, copy.deepcopy(value))
    return out


def state_to_dict(state: ServerState) -> JsonObject:
    """The JSON object for ``state``: old-panel keys in the panel's order, then ours, then unknown keys."""
    out: JsonObject = {}
    for key in _OLD_TOP_KEYS:
        if key in _PANEL_ONLY_STR_KEYS:
            value = getattr(state, key)
            if value is not None:
                out[key] = value
        elif key == "users":
            out["users"] = [_user_to_dict(u) for u in state.users]
        elif key == "proxy_buffer_size":
            if state.proxy_buffer_size is not None:
                out[key] = state.proxy_buffer_size
        elif key in ("traffic_limit_gb", "throttle_speed_mbps"):
            out[key] = number_for_json(getattr(state, key))
        else:
            out[key] = getattr(state, key)
    out.update(
        {
            "schema_version": SCHEMA_VERSION,
            "revision": state.revision,
            "instance_id": state.instance_id,
            "quota_period": state.quota_period.to_json(),
            "docker_network": state.docker_network,
            "nginx_container_name": state.nginx_container_name,
            "sni_listen_port": state.sni_listen_port,
            "sni_decoy": state.sni_decoy,
            "proxy_protocol": state.proxy_protocol,
            "nginx_image": state.nginx_image,
            "custom_domains": list(state.custom_domains),
            "engine": state.engine,
        }
    )
    if state.max_devices:  # absent = 0 (unlimited): files from before device limits stay byte-identical
        out["max_devices"] = state.max_devices
    if state.domain_fronting_ip is not None:
        out["domain_fronting_ip"] = state.domain_fronting_ip
    if state.domain_fronting_port is not None:
        out["domain_fronting_port"] = state.domain_fronting_port
    for key, value in state.extra.items():
        out.setdefault(key, copy.deepcopy(value))
    return out


def dump_state(state: ServerState) -> str:
    """The state file's text: indented UTF-8 JSON with a final newline (non-ASCII names kept readable)."""
    return json.dumps(state_to_dict(state), indent=2, ensure_ascii=False) + "\n"
