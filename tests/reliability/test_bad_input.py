"""Bad input, property-based: whatever a state file, a typed value, an ~/.ssh/config, the agent's output or
nginx's error text contains, the code under test answers with a specific MtpmError (or a correct result),
never another exception, and never leaves a half-changed object behind.

Budgets are small and derandomized (seeded) so CI runs the same examples every time.
"""

from __future__ import annotations

import contextlib
import copy
import json
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtpm_desktop.core import users as core_users
from mtpm_desktop.core.errors import MtpmError, StateFileError, ValidationError
from mtpm_desktop.core.secret import parse_secret
from mtpm_desktop.core.state import dump_state, load_state, new_state, state_to_dict
from mtpm_desktop.core.validation import (
    validate_domain,
    validate_limit_gb,
    validate_name,
    validate_port_number,
    validate_speed_mbps,
)
from mtpm_desktop.remote.agent_client import parse_history, parse_status
from mtpm_desktop.remote.port443.nginx import _clean_nginx_output
from mtpm_desktop.remote.server_settings import apply_setting
from mtpm_desktop.remote.ssh.ssh_config import list_aliases, profile_from_ssh_config

pytestmark = pytest.mark.unit

DATA = Path(__file__).resolve().parents[1] / "data"
BASES = {
    name: json.loads((DATA / name).read_text())
    for name in ("old_panel_config.json", "old_panel_messy.json", "mtpm_state_v1.json")
}
FAST = settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
hostile_text = st.text(
    alphabet=st.sampled_from(
        [*list(string.printable), "\x00", "\u202e", "�", "я", "例", "ß", "\u200b", "{", "}", ";", '"']
    ),
    max_size=300,
)


def _load(text: str | bytes) -> None:
    """load_state answers with a LoadResult or StateFileError; a result always dumps and reloads."""
    try:
        result = load_state(text)
    except StateFileError:
        return
    again = load_state(dump_state(result.state))
    assert [u.id for u in again.state.users] == [u.id for u in result.state.users]
    assert len({u.port for u in result.state.users}) == len(result.state.users), "duplicate ports kept"
    assert len({u.id for u in result.state.users}) == len(result.state.users), "duplicate ids kept"


# --- state files -------------------------------------------------------------------------------------


@FAST
@given(base=st.sampled_from(sorted(BASES)), cut=st.floats(min_value=0, max_value=1))
def test_truncated_state_files(base: str, cut: float) -> None:
    text = json.dumps(BASES[base])
    _load(text[: int(len(text) * cut)])


@FAST
@given(
    base=st.sampled_from(sorted(BASES)),
    top=st.dictionaries(
        st.sampled_from(sorted({k for b in BASES.values() for k in b})), json_values, max_size=4
    ),
    user_edits=st.lists(
        st.tuples(
            st.integers(0, 5),
            st.sampled_from(
                [
                    "name",
                    "secret",
                    "port",
                    "id",
                    "enabled",
                    "created_at",
                    "expires_at",
                    "traffic_limit_gb",
                    "throttle_speed_mbps",
                    "quota_period",
                    "unlimited",
                    "fake_tls_domain",
                ]
            ),
            json_values,
        ),
        max_size=6,
    ),
    duplicate=st.booleans(),
)
def test_state_files_with_wrong_types_and_duplicates(
    base: str, top: dict[str, Any], user_edits: list[tuple[int, str, Any]], duplicate: bool
) -> None:
    doc = copy.deepcopy(BASES[base])
    doc.update(top)
    users = doc.get("users")
    if isinstance(users, list) and users and all(isinstance(u, dict) for u in users):
        if duplicate:
            users.append(copy.deepcopy(users[0]))  # same id, same port, same name
        for index, key, value in user_edits:
            users[index % len(users)][key] = value
    _load(json.dumps(doc, allow_nan=True))


@FAST
@given(st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v, allow_nan=True)))
def test_arbitrary_bytes_and_json_documents(data: bytes | str) -> None:
    _load(data)


def test_huge_state_file() -> None:
    doc = copy.deepcopy(BASES["old_panel_config.json"])
    doc["users"] = [dict(doc["users"][0], name=f"u{i}", port=2443) for i in range(3000)]
    doc["blob"] = "x" * 5_000_000
    _load(json.dumps(doc))
    _load("[" * 100_000)  # deeper than the JSON parser's recursion limit
    _load('{"revision": 1' + "0" * 5000 + "}")  # an int past Python's digit limit


# --- typed values: names, domains, ports, limits, secrets, settings --------------------------------------


def _typed(fn: Any, *args: Any, **kw: Any) -> Any:
    try:
        return fn(*args, **kw)
    except ValidationError:
        return None


@FAST
@given(value=hostile_text | json_values)
def test_validators_answer_or_raise_validation_error(value: Any) -> None:
    for fn in (validate_name, validate_port_number, validate_limit_gb, validate_speed_mbps):
        _typed(fn, value)
    domain = _typed(validate_domain, value)
    if domain is not None:
        assert domain.isascii() and len(domain.encode()) <= 182 and " " not in domain


@FAST
@given(
    name=hostile_text,
    port=st.none() | st.integers(-5, 70000) | hostile_text,
    domain=st.none() | hostile_text | st.sampled_from(["пример.рф", "a" * 300 + ".com", "xn--", "例え.jp"]),
    secret=st.none() | hostile_text | st.text(alphabet="0123456789abcdefABCDEFe", max_size=80),
    limit=st.integers(-10, 10**20) | hostile_text,
    speed=st.integers(-10, 10**20) | hostile_text,
)
def test_add_user_is_all_or_nothing(
    name: str, port: Any, domain: Any, secret: Any, limit: Any, speed: Any
) -> None:
    state, _ = core_users.add_user(new_state(), "existing", port=2443)
    before = json.dumps(state_to_dict(state))
    try:
        new, _user = core_users.add_user(
            state,
            name,
            port=port,
            domain=domain,
            secret=secret,
            traffic_limit_gb=limit,
            throttle_speed_mbps=speed,
        )
    except MtpmError:
        new = None
    assert json.dumps(state_to_dict(state)) == before, "the input state was changed"
    if new is not None:
        assert load_state(dump_state(new)).problems == []


@FAST
@given(text=hostile_text)
def test_secrets(text: str) -> None:
    try:
        parsed = parse_secret(text)
    except MtpmError:
        return
    assert parse_secret(parsed.hex()) == parsed


SETTING_KEYS = [
    "server_ip",
    "server_domain",
    "proxy_port",
    "fake_tls_domain",
    "proxy_prefer_ip",
    "proxy_image",
    "engine",
    "traffic_limit_gb",
    "throttle_speed_mbps",
    "quota_period",
    "stats_enabled",
    "port_443_mode",
    "sni_listen_port",
    "sni_decoy",
    "proxy_protocol",
    "nginx_image",
    "docker_network",
    "custom_domains",
    "domain_fronting_ip",
    "domain_fronting_port",
    "sni_unknown",
    "no_such_key",
]


@FAST
@given(key=st.sampled_from(SETTING_KEYS), value=hostile_text)
def test_settings_all_or_nothing(key: str, value: str) -> None:
    state, _ = core_users.add_user(new_state(), "existing", port=2443)
    before = json.dumps(state_to_dict(state))
    try:
        apply_setting(state, key, value)
    except MtpmError:
        assert json.dumps(state_to_dict(state)) == before, f"{key} failed but changed the state"
        return
    assert load_state(dump_state(state)).problems == []


# --- ~/.ssh/config ------------------------------------------------------------------------------------

ssh_lines = st.lists(
    st.sampled_from(
        [
            "Host",
            "HostName",
            "Port",
            "User",
            "IdentityFile",
            "ProxyJump",
            "Match",
            "Include",
            "  ",
            "#",
            "Host *",
            "ProxyCommand",
        ]
    )
    .flatmap(
        lambda kw: st.tuples(st.just(kw), hostile_text.filter(lambda t: "\n" not in t and "\r" not in t))
    )
    .map(lambda kv: f"{kv[0]} {kv[1]}"),
    max_size=8,
)


@FAST
@given(lines=ssh_lines, alias=st.sampled_from(["box", "*", ""]))
def test_ssh_config_entries(tmp_path_factory: pytest.TempPathFactory, lines: list[str], alias: str) -> None:
    path = tmp_path_factory.mktemp("sshcfg") / "config"
    path.write_text("Host box\n" + "\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    try:
        aliases = list_aliases(path)
        for name in [alias, *aliases]:
            try:
                profile = profile_from_ssh_config(name, config_path=path)
            except MtpmError:
                continue
            assert 1 <= profile.port <= 65535
    except MtpmError:
        pass


# --- agent output, nginx error text --------------------------------------------------------------------

user_doc = st.fixed_dictionaries(
    {},
    optional={
        k: json_values
        for k in (
            "id",
            "name",
            "port",
            "up_bytes",
            "down_bytes",
            "lifetime_up_bytes",
            "lifetime_down_bytes",
            "limit_bytes",
            "throttle_mbps",
            "period",
            "expires_at",
        )
    },
)


@FAST
@given(
    doc=st.fixed_dictionaries(
        {},
        optional={
            "users": st.lists(user_doc, max_size=3) | json_values,
            "poll_seconds": json_values,
            "errors": json_values,
            "agent_version": json_values,
        },
    )
    | json_values
)
def test_agent_status_output(doc: Any) -> None:
    with contextlib.suppress(MtpmError):
        parse_status(doc)


@FAST
@given(
    doc=st.fixed_dictionaries(
        {},
        optional={
            "user": json_values,
            "step": json_values,
            "since": json_values,
            "until": json_values,
            "buckets": st.lists(
                st.dictionaries(st.sampled_from(["start", "up_bytes", "down_bytes"]), json_values), max_size=3
            )
            | json_values,
        },
    )
    | json_values
)
def test_agent_history_output(doc: Any) -> None:
    with contextlib.suppress(MtpmError):
        parse_history(doc)


@FAST
@given(text=hostile_text)
def test_nginx_error_text(text: str) -> None:
    cleaned = _clean_nginx_output(text, "nginx.conf.candidate")
    assert isinstance(cleaned, str)
    assert "/etc/mtpm-nginx/nginx.conf.candidate" not in cleaned
