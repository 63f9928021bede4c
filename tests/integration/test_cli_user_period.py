"""`mtpm -s NAME user set USER --period ...` reaches config.json on the server (the agent reads it there)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.engines import ENGINE_NAME
from tests.fixtures.ports import free_port
from tests.integration.test_orchestration_cli import Mtpm

pytestmark = pytest.mark.integration


def _stored_period(install_root: str, name: str) -> Any:
    state = json.loads((Path(install_root) / "config.json").read_text())
    return next(u for u in state["users"] if u["name"] == name).get("quota_period")


def test_user_period_set_and_inherit(
    server_profile: Any, remote_data_dir: Path, test_images: Any, docker_cleanup: Any
) -> None:
    cli = Mtpm(remote_data_dir, test_images.proxy)
    s = ("-s", server_profile.name)
    cli.run(*s, "settings", "set", "engine", ENGINE_NAME)
    docker_cleanup.register_instance(cli.json(*s, "settings", "show")["instance_id"])
    cli.run(*s, "settings", "set", "docker_network", f"mtpm-t-{uuid.uuid4().hex[:10]}")
    cli.run(*s, "user", "add", "bob", "--port", str(free_port()), "--domain", "www.apple.com")

    changed = cli.json(*s, "user", "set", "bob", "--period", "monthly:15")
    assert changed["user"]["quota_period"] == {"kind": "monthly", "day": 15}
    assert _stored_period(server_profile.install_root, "bob") == {"kind": "monthly", "day": 15}
    cli.run(*s, "user", "set", "bob", "--period", "lifetime")
    assert _stored_period(server_profile.install_root, "bob") == {"kind": "lifetime"}
    cli.run(*s, "user", "set", "bob", "--period", "inherit")
    assert _stored_period(server_profile.install_root, "bob") is None

    bad = cli.run(*s, "user", "set", "bob", "--period", "monthly:40", ok=False)
    assert bad.returncode == 1 and "1 to 31" in bad.stderr
