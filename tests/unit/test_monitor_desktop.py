"""The desktop side of health and alerts: settings checks, answers read, notification texts, the fired
keys kept on disk, and the CLI's argument rules (nothing here connects to a server)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from mtpm_desktop.remote_agent import alerts

from mtpm_desktop.cli.main import main
from mtpm_desktop.remote.agent_client import AgentError
from mtpm_desktop.remote.monitor import health, telegram_alerts
from mtpm_desktop.ui.alert_center import AlertCenter, event_text, snapshot_dict
from mtpm_desktop.ui.snapshot import ServerSnapshot, UserRow

pytestmark = pytest.mark.unit
NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)
TOKEN = "123456789:AAEtestTOKENforMTPMfakeBotApi_0123456"


def test_telegram_settings_are_checked_before_anything_is_sent() -> None:
    telegram_alerts.check_settings(TOKEN, "-1001234", "https://api.telegram.org", "ru")
    telegram_alerts.check_settings(TOKEN, "@my_channel", "http://127.0.0.1:8081", "en")
    for token, chat, base, lang, words in (
        ("not-a-token", "1", "https://api.telegram.org", "en", "not a bot token"),
        (TOKEN, "12ab", "https://api.telegram.org", "en", "chat id '12ab' is not valid"),
        (TOKEN, "1", "ftp://example.org", "en", r"not an http\(s\) URL"),
        (TOKEN, "1", "https://api.telegram.org", "de", "en or ru"),
    ):
        with pytest.raises(telegram_alerts.AlertSettingError, match=words) as err:
            telegram_alerts.check_settings(token, chat, base, lang)
        assert TOKEN not in str(err.value)


def test_default_language_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("MTPM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert telegram_alerts.default_language() == "en"
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert telegram_alerts.default_language() == "ru"
    monkeypatch.setenv("MTPM_LANG", "en")
    assert telegram_alerts.default_language() == "en"


def test_health_answers_are_read_or_refused_clearly() -> None:
    doc = {
        "cpu_percent": 3.5, "load1": 0.2, "mem_total_bytes": 100, "mem_used_bytes": 40,
        "disk_total_bytes": 10, "disk_used_bytes": 9.0, "net_rx_bps": 1.0, "net_tx_bps": 2.0,
        "uptime_s": 5.0, "docker_ok": True, "proxies_running": 2, "warnings": ["disk_over_90"],
    }  # fmt: skip
    h = health.parse_health(doc)
    assert (h.cpu_percent, h.disk_used_bytes, h.proxies_running, h.warnings) == (3.5, 9, 2, ["disk_over_90"])
    with pytest.raises(AgentError, match="answered health in an unexpected form"):
        health.parse_health({k: v for k, v in doc.items() if k != "uptime_s"})
    points = health.parse_history(
        {"points": [{"t": "2025-06-01T10:00:00Z", "cpu_percent": None, "mem_used_bytes": 1,
                     "disk_used_bytes": 2, "net_rx_bytes": 3, "net_tx_bytes": 4}]}
    )  # fmt: skip
    assert points[0].t == dt.datetime(2025, 6, 1, 10, tzinfo=dt.UTC) and points[0].cpu_percent is None
    assert "90 %" in health.warning_text("disk_over_90")
    assert "10 %" in health.warning_text("memory_under_10_free")


def test_every_kind_has_a_notification_text() -> None:
    soon = (NOW + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    snap = {
        "reachable": False, "clock_offset_s": 2.5, "cert_not_after": soon, "cert_name": "a.example",
        "users": [{"id": "u1", "name": "anna", "period_bytes": 100, "limit_bytes": 100, "expires_at": soon,
                   "refused_connections": 4}],
    }  # fmt: skip
    events = {e.kind: e for e in alerts.fire(set(), snap, NOW)[0]}
    assert set(events) == set(alerts.KINDS) - {alerts.KIND_QUOTA_80}  # 100 % shadows 80 %
    events[alerts.KIND_QUOTA_80] = alerts.Event(alerts.KIND_QUOTA_80, "k", "anna", {"percent": 85})
    texts = {kind: event_text("vps1", e) for kind, e in events.items()}
    assert texts["unreachable"][0] == "vps1 is unreachable"
    assert texts["quota_80"] == (
        "vps1: anna at 85 % of the quota",
        "anna has used 85 % of this period's traffic quota.",
    )
    assert texts["clock"][1].startswith("The server's clock is off by +2.5 s")
    assert texts["device_refused"][1] == "The device limit of anna refused 4 connection(s)."
    assert texts["certificate"][1] == f"The certificate a.example expires {soon}."


def test_fired_alerts_survive_a_restart_of_the_app(tmp_path: Path) -> None:
    path = tmp_path / "alerts-fired.json"
    user = UserRow(id="u1", name="anna", port=1, used_bytes=90, limit_bytes=100)
    snap = ServerSnapshot(server="vps1", users=[user])
    assert [e.kind for e in AlertCenter(path).update(snap, NOW)] == ["quota_80"]
    assert AlertCenter(path).update(snap, NOW) == []  # restarted: not again
    # An unreachable server judges nothing but its reachability: the quota alert keeps its state.
    assert snapshot_dict(snap.stale("Timed out.")) == {"reachable": False}
    center = AlertCenter(path)
    assert [e.kind for e in center.update(snap.stale("Timed out."), NOW)] == ["unreachable"]
    assert center.update(snap, NOW) == []
    center.forget("vps1")
    assert [e.kind for e in AlertCenter(path).update(snap, NOW)] == ["quota_80"]


@pytest.mark.parametrize(
    "argv",
    [
        ["-s", "vps1", "health", "--since", "2025-06-01"],  # --since without --history
        ["-s", "vps1", "health", "--history"],  # --history without --since
        ["-s", "vps1", "alerts", "set", "telegram", "--chat-id", "1"],  # no --bot-token-stdin
        ["-s", "vps1", "alerts", "set", "telegram", "--bot-token-stdin"],  # no --chat-id
        ["-s", "vps1", "alerts", "set", "telegram", "--bot-token-stdin", "--chat-id", "1", "--token", TOKEN],
    ],
)
def test_cli_usage_errors_exit_2_before_connecting(argv: list[str]) -> None:
    assert main(argv) == 2
