"""UI test setup: offscreen Qt, an isolated settings/cache folder per test, Qt warnings fail tests.

`qt_log_level_fail = "WARNING"` in pyproject makes pytest-qt fail any test during which Qt logs a
warning (a broken signal connection, a bad model index, a painter misuse ...).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_app_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """platformdirs and QSettings both follow XDG_*; point them at a temp folder."""
    home = tmp_path / "home"
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
    ):
        d = home / sub
        d.mkdir(parents=True)
        monkeypatch.setenv(var, str(d))
    monkeypatch.setenv("MTPM_UI_TEST", "1")
    yield home


@pytest.fixture(autouse=True)
def _discard_unapplied_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window closed at teardown with unapplied Settings edits would wait for an answer to "Discard?";
    tests that check the question replace this answer with their own."""
    from mtpm_desktop.ui import confirm

    monkeypatch.setattr(confirm, "confirm_discard", lambda parent: True)
