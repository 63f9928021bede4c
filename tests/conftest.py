"""Suite-wide rules.

Under CI=true a skipped test is a failure: a missing sshd, dockerd or test image must never pass
silently. Fixture plugins live in tests/fixtures/ and are registered in `pytest_plugins` below.
"""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest

pytest_plugins: list[str] = [
    "tests.fixtures.ports",
    "tests.fixtures.sshd",
    "tests.fixtures.remote",
    "tests.fixtures.docker_engine",
    "tests.fixtures.images",
    "tests.fixtures.keyring_backend",
    "tests.fixtures.fake_bot_api",
    "tests.fixtures.engines",
    "tests.fixtures.fresh_vps",
    "tests.fixtures.pebble",
    "tests.fixtures.site_image",
]

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, None, None]:
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.longrepr = f"skipped under CI=true, which counts as a failure: {reason}"
