"""Telegram alerts end to end: `mtpm alerts set telegram` over the fixture sshd, the agent on the local
dockerd counting a real container's traffic, and a fake Bot API on loopback receiving the messages.

A user crossing 80 % and then 100 % of the quota sends exactly two messages (in the admin's language); a
restart of the agent sends no repeat; the token is in no process's argv, no log, no file but its 0600 one.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docker
import pytest

from tests.fixtures.fake_bot_api import FakeBotApi
from tests.integration.agent_lab import AgentLab, lab_image, poll_until

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]
LIMIT_GB = 0.001  # 1,073,741 bytes: the quota is crossed with a few hundred KB
LIMIT = int(LIMIT_GB * 1024**3)


@pytest.fixture(scope="module")
def image(docker_engine: docker.DockerClient, test_run_id: str) -> Iterator[str]:
    yield from lab_image(docker_engine, {"mtpm.test-run": test_run_id})


@pytest.fixture
def lab(
    docker_engine: docker.DockerClient, image: str, server_profile: Any, test_run_id: str
) -> Iterator[AgentLab]:
    lab = AgentLab(docker_engine, image, Path(server_profile.install_root), {"mtpm.test-run": test_run_id})
    lab.state["agent_poll_seconds"] = 1
    lab.save()
    try:
        yield lab
    finally:
        lab.cleanup()


def _mtpm(profile: str, *args: str, stdin: str = "", lang: str = "ru") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mtpm_desktop.cli", "-s", profile, *args, "--json"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "MTPM_LANG": lang},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
    )


def _ok(proc: subprocess.CompletedProcess[str]) -> Any:
    assert proc.returncode == 0, (proc.args, proc.stdout, proc.stderr)
    return json.loads(proc.stdout)


def _pid(path: Path) -> int | None:
    """The pid in `path`; None while it is missing or being written."""
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def _argv_with(token: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if token.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _files_with(root: Path, token: str) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and token.encode() in p.read_bytes()]


def test_quota_alerts_reach_telegram_once_in_the_admins_language(
    lab: AgentLab, fake_bot_api: FakeBotApi, server_profile: Any
) -> None:
    name, root, token = server_profile.name, lab.root, fake_bot_api.token
    lab.add_user("u-anna", 2443, metrics=True, traffic_limit_gb=LIMIT_GB)
    lab.user_cfg("u-anna")["name"] = "anna"
    lab.save()

    proc = _mtpm(
        name, "alerts", "set", "telegram", "--bot-token-stdin", "--chat-id", "-100200300",
        "--api-base", fake_bot_api.base, stdin=token + "\n",
    )  # fmt: skip
    assert _ok(proc) == {
        "telegram": True,
        "chat_id": "-100200300",
        "api_base": fake_bot_api.base,
        "language": "ru",
    }
    assert token not in proc.stdout + proc.stderr
    settings = root / "data" / "telegram.json"
    assert settings.stat().st_mode & 0o777 == 0o600
    lab.poll()
    assert fake_bot_api.messages == []  # nothing used yet

    lab.push("u-anna", 900_000)  # 83 %
    lab.poll()
    poll_until(lambda: len(fake_bot_api.messages) >= 1, what="the 80 % alert")
    lab.push("u-anna", 200_000)  # 1,100,000 bytes: over the quota
    lab.poll()
    poll_until(lambda: len(fake_bot_api.messages) >= 2, what="the 100 % alert")
    assert fake_bot_api.texts() == [
        f"{name}: anna израсходовал(а) 83% квоты трафика (878.9 KiB из 1.0 MiB).",
        f"{name}: anna израсходовал(а) всю квоту трафика (1.0 MiB); скорость теперь ограничена.",
    ]
    assert {m["chat_id"] for m in fake_bot_api.messages} == {"-100200300"}

    # The service loop (started by the CLI) runs with the token loaded: it is in nobody's argv.
    data = root / "data"
    old_pid = int((data / "agent.pid").read_text())
    assert _argv_with(token) == []
    # Restart the agent: the respawn loop starts a new one, which polls and sends nothing again.
    os.kill(old_pid, signal.SIGTERM)
    poll_until(
        lambda: (
            (p := (data / "agent.pid").read_text().strip() if (data / "agent.pid").exists() else "")
            and int(p) != old_pid
        ),
        what="the agent to be restarted",
    )
    before = json.loads((data / "agent-state.json").read_text())["last_poll"]["at"]
    poll_until(
        lambda: json.loads((data / "agent-state.json").read_text())["last_poll"]["at"] != before,
        what="a poll of the restarted agent",
    )
    lab.poll()
    assert len(fake_bot_api.messages) == 2

    assert _ok(_mtpm(name, "alerts", "test"))["sent"] is True
    assert len(fake_bot_api.messages) == 3 and "проверочное сообщение" in fake_bot_api.texts()[-1]
    status = _mtpm(name, "alerts", "status")
    st = _ok(status)
    assert st["telegram"] is True and st["chat_id"] == "-100200300" and token not in status.stdout
    assert {"quota_80:u-anna", "quota_100:u-anna"} <= set(st["fired"])

    # The token is only in its 0600 file: not in the agent's log, its database, config.json or the state.
    assert (data / "agent.log").is_file()
    assert _files_with(root, token) == [settings]
    assert _argv_with(token) == []

    assert _ok(_mtpm(name, "alerts", "off")) == {"removed": True}
    assert not settings.exists() and _files_with(root, token) == []
    assert _ok(_mtpm(name, "alerts", "status"))["telegram"] is False


def test_a_wrong_token_is_reported_without_the_token(
    lab: AgentLab, fake_bot_api: FakeBotApi, server_profile: Any
) -> None:
    wrong = "987654321:AAEwrongTOKENwrongTOKENwrongTOKEN_99"
    proc = _mtpm(
        server_profile.name, "alerts", "set", "telegram", "--bot-token-stdin", "--chat-id", "42",
        "--api-base", fake_bot_api.base, stdin=wrong + "\n", lang="en",
    )  # fmt: skip
    _ok(proc)
    test = _mtpm(server_profile.name, "alerts", "test", lang="en")
    assert test.returncode == 1 and "HTTP 401 Unauthorized" in test.stderr
    assert wrong not in test.stdout + test.stderr
    assert fake_bot_api.messages == []
