"""The agent's Telegram side against a fake Bot API on loopback: the clock from its `Date` header, a clock
alert sent once, errors that never hold the token."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from mtpm_desktop.remote_agent import telegram
from mtpm_desktop.remote_agent.poller import Agent

from tests.fixtures.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.unit


def _agent(tmp_path: Path, api: FakeBotApi, language: str = "en") -> Agent:
    (tmp_path / "config.json").write_text(json.dumps({"instance_id": "i1", "users": []}))
    agent = Agent(str(tmp_path), docker_socket=str(tmp_path / "no-docker.sock"))
    settings = {
        "bot_token": api.token,
        "chat_id": "7",
        "api_base": api.base,
        "language": language,
        "server": "vps1",
    }
    (tmp_path / "data" / "telegram.json").write_text(json.dumps(settings))
    return agent


@pytest.mark.parametrize("skew", [0.0, 30.0, -8.0])
def test_the_clock_offset_comes_from_the_date_header(fake_bot_api: FakeBotApi, skew: float) -> None:
    fake_bot_api.clock_skew_s = skew
    s = telegram.Settings(fake_bot_api.token, "7", fake_bot_api.base, "en", "vps1")
    offset = telegram.measure_clock(s)
    assert offset is not None
    # The header has whole seconds: within the slack nothing is reported, beyond it the excess is.
    assert offset == 0.0 if skew == 0 else abs(offset + skew) <= 1.5


def test_a_clock_off_on_the_server_is_sent_once_in_russian(tmp_path: Path, fake_bot_api: FakeBotApi) -> None:
    fake_bot_api.clock_skew_s = -20.0  # Telegram's clock is 20 s behind ours: ours is 20 s ahead
    agent = _agent(tmp_path, fake_bot_api, "ru")
    log = telegram.after_poll(agent, dt.datetime.now(dt.UTC))
    assert log == ["telegram: sent clock alert"]
    (text,) = fake_bot_api.texts()
    assert text.startswith("vps1: часы сервера расходятся на +") and "chrony" in text
    agent.close()
    agent = _agent(tmp_path, fake_bot_api, "ru")  # a restarted agent
    assert telegram.after_poll(agent, dt.datetime.now(dt.UTC)) == []
    assert len(fake_bot_api.messages) == 1
    assert telegram.status(agent)["fired"] == ["clock"]
    agent.close()


def test_errors_name_the_api_not_the_token(tmp_path: Path, fake_bot_api: FakeBotApi) -> None:
    agent = _agent(tmp_path, fake_bot_api)
    doc = json.loads((tmp_path / "data" / "telegram.json").read_text())
    doc["bot_token"] = "111:wrongwrongwrongwrongwrongwrong"
    (tmp_path / "data" / "telegram.json").write_text(json.dumps(doc))
    log = telegram.after_poll(agent)
    assert log == [f"telegram: {fake_bot_api.base} refused getMe: HTTP 401 Unauthorized"]
    assert telegram.after_poll(agent) == []  # waits before trying again, instead of every poll
    with pytest.raises(telegram.TelegramError) as err:
        telegram.test_message(agent)
    assert "wrongwrong" not in str(err.value)
    doc["api_base"] = "http://127.0.0.1:9"  # nothing listens there
    (tmp_path / "data" / "telegram.json").write_text(json.dumps(doc))
    with pytest.raises(telegram.TelegramError, match=r"^http://127\.0\.0\.1:9 not reachable") as err:
        telegram.test_message(agent)
    assert "wrongwrong" not in str(err.value)
    assert telegram.off(agent) == {"removed": True} and telegram.status(agent)["telegram"] is False
    agent.close()
