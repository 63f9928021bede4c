"""The frozen bundle: built with the real spec, then smoke-tested as a user would start it.

A data file missing from the spec (templates, resources, translations, the agent's sources) makes one of
these fail, since the smoke test loads every page and the CLI renders a template and packs the agent.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import mtpm_desktop

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the bundle once per run, into a temp dir: a stale bundle must never pass for new sources."""
    out = tmp_path_factory.mktemp("bundle")
    env = dict(os.environ, MTPM_DIST=str(out / "dist"), MTPM_BUILD=str(out / "build"))
    subprocess.run(
        ["bash", str(ROOT / "packaging" / "build_bundle.sh"), sys.executable], cwd=ROOT, env=env, check=True
    )
    dist = out / "dist" / "mtpm"
    assert (dist / "mtpm").is_file() and (dist / "mtpm-desktop").is_file()
    return dist


def test_cli_version(bundle: Path) -> None:
    out = subprocess.run([str(bundle / "mtpm"), "--version"], capture_output=True, text=True, check=True)
    assert mtpm_desktop.__version__ in out.stdout


def test_cli_offline_commands_work_frozen(bundle: Path) -> None:
    secret = subprocess.run(
        [str(bundle / "mtpm"), "secret", "new", "--domain", "www.example.com"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert secret.startswith("ee") and secret.endswith(b"www.example.com".hex())


def test_desktop_smoke_start(bundle: Path, tmp_path: Path) -> None:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "cfg"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    proc = subprocess.run(
        [str(bundle / "mtpm-desktop"), "--smoke-test"], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert "smoke test passed" in proc.stdout
