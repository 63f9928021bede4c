"""The server's own domain and per-user subdomains through the service, over the fixture sshd, with
pebble-challtestsrv as the DNS that both this computer and the server ask (--resolver)."""

from __future__ import annotations

from typing import Any

import pytest

from mtpm_desktop.remote.checks.dns import DnsNotReady
from mtpm_desktop.remote.checks.faketls_probe import LinkStatus
from mtpm_desktop.remote.service import ServerService
from tests.fixtures.challtestsrv import PROBE, ChallTestSrv
from tests.fixtures.engines import ENGINE_NAME
from tests.fixtures.ports import free_port
from tests.integration.orchestration_helpers import new_service, wait_probe
from tests.integration.test_orchestration_cli import Mtpm

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("fixed_wildcard_probe")]

HOST = "127.0.0.1"
DOMAIN = "proxy.example.test"


@pytest.fixture
def service(server_session: Any, server_profile: Any, test_engine: Any, docker_cleanup: Any) -> ServerService:
    return new_service(server_session, server_profile, test_engine, docker_cleanup)


def test_domain_is_applied_only_once_its_records_point_at_the_server(
    service: ServerService, challtestsrv: ChallTestSrv
) -> None:
    with pytest.raises(DnsNotReady, match=f"Add an A record {DOMAIN} -> {HOST}"):
        service.set_setting("server_domain", DOMAIN, resolver=challtestsrv.resolver)
    assert service.settings()["server_domain"] == ""
    challtestsrv.add_a(DOMAIN, "198.51.100.9")
    with pytest.raises(DnsNotReady, match=f"Change the A record {DOMAIN} to {HOST}"):
        service.set_setting("server_domain", DOMAIN, resolver=challtestsrv.resolver)
    challtestsrv.clear(DOMAIN)
    challtestsrv.add_a(DOMAIN, HOST)
    service.set_setting("server_domain", DOMAIN, resolver=challtestsrv.resolver)
    assert service.settings()["server_domain"] == DOMAIN
    # The wildcard is needed for per-user names: refused without it, forced through when the admin says so.
    with pytest.raises(DnsNotReady, match=rf"Add an A record \*\.{DOMAIN} -> {HOST}"):
        service.set_setting("user_subdomains", "true", resolver=challtestsrv.resolver)
    assert service.settings()["user_subdomains"] is False
    service.set_setting("user_subdomains", "true", force=True)
    assert service.settings()["user_subdomains"] is True


def test_server_side_lookup_sees_what_the_server_resolves(
    service: ServerService, challtestsrv: ChallTestSrv
) -> None:
    challtestsrv.add_a(DOMAIN, HOST)
    challtestsrv.add_a(f"{PROBE}.{DOMAIN}", HOST)
    check = service.check_domain(DOMAIN, wildcard=True, resolver=challtestsrv.resolver)
    assert check.ok, check.problems()
    assert [r.on_server for r in check.records] == [(HOST,), (HOST,)]


def test_switch_to_subdomains_previewed_applied_and_reversed(
    service: ServerService, challtestsrv: ChallTestSrv
) -> None:
    challtestsrv.add_a(DOMAIN, HOST)
    challtestsrv.add_a(f"{PROBE}.{DOMAIN}", HOST)
    service.set_setting("server_domain", DOMAIN, resolver=challtestsrv.resolver)
    for name in ("anna", "boris", "vera"):
        service.add_user(name, port=free_port())
    before = {u.name: u for u in service.list_users()}
    preview = service.preview_setting("user_subdomains", "true")
    assert sorted(line.split(":")[0] for line in preview) == ["anna", "boris", "vera"]
    assert service.settings()["user_subdomains"] is False  # a preview writes nothing

    service.set_setting("user_subdomains", "true", resolver=challtestsrv.resolver)
    state = service.load_state()
    on = {u.name: u for u in service.list_users()}
    for user in state.users:
        assert on[user.name].to_json()["sni"] == f"{user.sni_label}.{DOMAIN}"
    for view in on.values():  # every user's FakeTLS handshake works with its new SNI
        assert wait_probe(view.port, view.secret, LinkStatus.ACCEPTED).status is LinkStatus.ACCEPTED

    service.rename_user("anna", "anya")
    assert service.get_user("anya").secret == on["anna"].secret  # a rename keeps the subdomain
    service.set_setting("user_subdomains", "false")
    off = {u.name: u for u in service.list_users()}
    assert off["anya"].secret == before["anna"].secret
    assert {n: off[n].secret for n in ("boris", "vera")} == {n: before[n].secret for n in ("boris", "vera")}


def test_cli_asks_before_switching_and_json_user_list_has_sni(
    service: ServerService, server_profile: Any, remote_data_dir: Any, test_images: Any
) -> None:
    cli = Mtpm(remote_data_dir, test_images.proxy)
    s = ("-s", server_profile.name)
    cli.run(*s, "settings", "set", "engine", ENGINE_NAME)
    cli.run(*s, "settings", "set", "server_domain", DOMAIN, "--force")
    cli.json(*s, "user", "add", "anna", "--port", str(free_port()))
    switch = (*s, "settings", "set", "user_subdomains", "true", "--force")
    refused = cli.run(*switch, ok=False)  # not a terminal: refused, with the preview
    assert refused.returncode == 2 and "anna" in refused.stderr and "--yes" in refused.stderr
    assert service.settings()["user_subdomains"] is False
    cli.run(*switch, "--yes")
    label = service.load_state().users[0].sni_label
    assert cli.json(*s, "user", "list")[0]["sni"] == f"{label}.{DOMAIN}"
