"""The `mtpm-desktop` entry point as a user starts it (a separate process, offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.ui


def run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "c"),
        XDG_DATA_HOME=str(home / "d"),
        XDG_CACHE_HOME=str(home / "k"),
        MTPM_LANG="ru",
    )
    env.pop("MTPM_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "mtpm_desktop.ui.app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_smoke_start_visits_every_page_and_exits_zero(tmp_path: Path) -> None:
    proc = run(["--smoke-test"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "smoke test passed" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_version(tmp_path: Path) -> None:
    from mtpm_desktop import __version__

    proc = run(["--version"], tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip() == f"mtpm-desktop {__version__}"
