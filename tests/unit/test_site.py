"""The website's pure parts: which names are certified and in which chunks, the nginx config it renders, the
sni_unknown setting, and the certbot command the server's agent runs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from mtpm_desktop.remote_agent import site_renew

from mtpm_desktop.core import users as core_users
from mtpm_desktop.core.errors import InvalidSetting
from mtpm_desktop.core.state import ServerState, new_state
from mtpm_desktop.remote.port443.nginx import (
    NginxTarget,
    SiteCertificate,
    container_spec_hash,
    render_nginx_config,
)
from mtpm_desktop.remote.server_settings import apply_setting, settings_view
from mtpm_desktop.remote.site import plan
from mtpm_desktop.remote.site.acme import local_site_files, parse_certificate, timer_units
from mtpm_desktop.remote.site.config import (
    SiteConfig,
    certificate_groups,
    certificate_names,
    set_site_config,
    site_config,
    validate_acme_directory,
)

pytestmark = pytest.mark.unit

DOMAIN = "proxy.example.org"


def _state(*user_domains: str, enabled: bool = True, port_443: bool = True) -> ServerState:
    state = new_state(server_domain=DOMAIN)
    for i, domain in enumerate(user_domains):
        state, _ = core_users.add_user(state, f"user{i}", port=3000 + i, domain=domain)
    state.port_443_mode = port_443
    set_site_config(state, SiteConfig(enabled=enabled, http_port=8080))
    return state


def test_the_certificate_covers_the_domain_and_the_users_names_under_it_in_the_users_order() -> None:
    state = _state(f"bbb.{DOMAIN}", "www.google.com", f"aaa.{DOMAIN}", f"bbb.{DOMAIN}")
    # Another site's name (a pool domain) is not ours to certify; a shared name is listed once.
    assert certificate_names(state) == [DOMAIN, f"bbb.{DOMAIN}", f"aaa.{DOMAIN}"]


def test_names_are_split_in_chunks_of_100_and_a_new_name_only_touches_the_last() -> None:
    names = [DOMAIN] + [f"u{i}.{DOMAIN}" for i in range(230)]
    groups = certificate_groups(names)
    assert [len(n) for _, n in groups] == [100, 100, 31]
    assert [g for g, _ in groups] == ["mtpm-site-0", "mtpm-site-1", "mtpm-site-2"]
    assert groups[0][1][0] == DOMAIN
    more = certificate_groups([*names, f"new.{DOMAIN}"])
    assert more[:2] == groups[:2] and more[2][1] == [*groups[2][1], f"new.{DOMAIN}"]


def test_no_domain_no_site() -> None:
    state = _state()
    state.server_domain = ""
    with pytest.raises(InvalidSetting, match="server_domain"):
        certificate_names(state)


def test_port_443_config_routes_the_domain_and_unknown_names_to_the_site_which_rejects_unknown() -> None:
    user = f"abc.{DOMAIN}"
    state = _state(user)
    conf = render_nginx_config(plan.nginx_spec(state, present=["mtpm-site-0"]))
    stream = conf.split("stream {", 1)[1].split("\nhttp {", 1)[0]
    assert f'"{user}" "mtg-proxy-3000:3000";' in stream
    assert f'"{DOMAIN}" "unix:/run/mtpm/site.sock";' in stream
    assert 'default "unix:/run/mtpm/site.sock";' in stream
    http = conf.split("\nhttp {", 1)[1]
    # The fronting port (where the proxies send wrong-secret clients) is the site's own TLS listener, not
    # the router's: a fronted connection with a user's SNI can never be routed back to that proxy.
    assert "8443" not in stream and http.count("listen 8443 ssl") == 2
    assert "ssl_reject_handshake on;" in http
    assert f"server_name {DOMAIN} {user};" in http
    assert "listen 8080 default_server;" in http and "acme-challenge" in http
    # Port-443 mode: the router's port is the site's; nginx does not listen on 443 a second time.
    assert "listen 443 ssl" not in http
    assert f"return 301 https://$host:{state.sni_listen_port}$request_uri;" in http or (
        state.sni_listen_port == 443 and "return 301 https://$host$request_uri;" in http
    )


def test_sni_unknown_site_makes_the_site_the_default_and_standard_mode_listens_itself() -> None:
    state = _state(port_443=False)
    apply_setting(state, "sni_unknown", "site")
    assert settings_view(state)["sni_unknown"] == "site"
    conf = render_nginx_config(plan.nginx_spec(state, present=["mtpm-site-0"]))
    assert "stream {" not in conf and "ssl_reject_handshake" not in conf
    assert "listen 443 ssl default_server;" in conf
    with pytest.raises(InvalidSetting, match="reject"):
        apply_setting(state, "sni_unknown", "maybe")


def test_before_the_first_certificate_only_port_80_is_served() -> None:
    state = _state(f"abc.{DOMAIN}")
    conf = render_nginx_config(plan.nginx_spec(state, present=[]))
    assert "ssl_certificate" not in conf and "listen 8080 default_server;" in conf
    assert 'default "unix:/run/mtpm/fallback.sock";' in conf  # nothing reaches a missing site


def test_the_site_publishes_port_80_and_mounts_its_folder_and_a_router_without_it_keeps_its_hash() -> None:
    state = _state()
    target = plan.nginx_target(state, "/opt/mtpm")
    assert target.site and target.extra_ports == (8080,) and target.site_dir == "/opt/mtpm/site"
    plain = NginxTarget(root="/opt/mtpm", instance_id=state.instance_id)
    # The hash of a router without the site is what it was before the site existed.
    assert container_spec_hash(plain, 443) != container_spec_hash(target, 443)
    set_site_config(state, SiteConfig(enabled=False))
    assert not plan.nginx_target(state, "/opt/mtpm").site
    assert not plan.nginx_needed(_state(enabled=False, port_443=False))


def test_a_certificate_name_that_mtpm_does_not_make_is_refused() -> None:
    from dataclasses import replace

    spec = plan.nginx_spec(_state(), present=["mtpm-site-0"])
    assert spec.site is not None
    bad = replace(spec, site=replace(spec.site, certificates=(SiteCertificate("../x", (DOMAIN,)),)))
    with pytest.raises(InvalidSetting):
        render_nginx_config(bad)


def test_site_config_round_trips_through_the_state_and_the_directory_must_be_https() -> None:
    state = _state()
    assert site_config(state).http_port == 8080 and site_config(state).enabled
    with pytest.raises(InvalidSetting, match="https://"):
        validate_acme_directory("http://acme.example/dir")


def test_certbot_command_keeps_fresh_certificates_and_forces_on_request() -> None:
    cfg = {
        "directory": "https://ca.example/dir",
        "email": "",
        "webroot": "/opt/mtpm/site/acme",
        "certbot_dir": "/opt/mtpm/site/certbot",
    }
    group = {"name": "mtpm-site-0", "domains": [DOMAIN, f"a.{DOMAIN}"]}
    cmd = site_renew.certbot_command(cfg, group, force=False)
    assert cmd[:2] == ["certbot", "certonly"] and "--keep-until-expiring" in cmd
    assert cmd[cmd.index("--domains") + 1] == f"{DOMAIN},a.{DOMAIN}"
    assert "--register-unsafely-without-email" in cmd and "--config-dir" in cmd
    forced = site_renew.certbot_command({**cfg, "email": "a@b.org"}, group, force=True)
    assert "--force-renewal" in forced and forced[forced.index("--email") + 1] == "a@b.org"


def test_the_agent_loop_renews_only_when_due(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setattr(site_renew, "SYSTEMD_MARKER", str(tmp_path / "no-systemd"))
    assert not site_renew.due(str(tmp_path))  # not enabled
    (site / "acme.json").write_text("{}")
    assert site_renew.due(str(tmp_path))  # never ran
    (site / "status.json").write_text("{}")
    assert not site_renew.due(str(tmp_path))
    assert site_renew.due(str(tmp_path), now=time.time() + site_renew.RUN_EVERY_S + 1)
    # With systemd the timer does it, never the loop.
    monkeypatch.setattr(site_renew, "SYSTEMD_MARKER", str(tmp_path))
    assert not site_renew.due(str(tmp_path), now=time.time() + site_renew.RUN_EVERY_S + 1)


def test_the_timer_runs_the_agent_twice_a_day() -> None:
    units = timer_units("PYTHONPATH=/opt/mtpm/agent python3 -m mtpm_agent site-renew --root /opt/mtpm")
    assert "OnCalendar=*-*-* 00,12:00:00" in units["mtpm-site-renew.timer"]
    assert "site-renew --root /opt/mtpm" in units["mtpm-site-renew.service"]


def test_the_admins_folder_needs_an_index_and_hidden_files_stay_home(tmp_path: Path) -> None:
    with pytest.raises(InvalidSetting, match=r"index\.html"):
        local_site_files(tmp_path)
    (tmp_path / "index.html").write_text("hi")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("secret")
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.png").write_bytes(b"png")
    assert set(local_site_files(tmp_path)) == {"index.html", "img/a.png"}


def test_parse_certificate_reads_names_issuer_and_validity() -> None:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Issuer R1")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(issuer)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(DOMAIN)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    info = parse_certificate("mtpm-site-0", cert.public_bytes(serialization.Encoding.PEM))
    assert info.names == [DOMAIN] and info.issuer == "Test Issuer R1"
    assert (info.not_before, info.not_after) == ("2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z")
