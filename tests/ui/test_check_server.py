"""Server > Check server: the doctor's findings in one dialog, problems first to the eye."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.demo_backend import DemoBackend
from mtpm_desktop.ui.window import MainWindow
from tests.ui.helpers import demo_controller, ensure_app_names

pytestmark = pytest.mark.ui


@pytest.fixture
def controller(tmp_path: Path) -> Iterator[Controller]:
    ensure_app_names()
    backend = DemoBackend("alpha", users=2)
    backend.users[1].state = "stopped"  # a fault the findings must show, with its fix
    c = demo_controller(tmp_path, {"alpha": backend})
    yield c
    c.shutdown()


def test_check_server_lists_every_finding_with_the_fix(qtbot: QtBot, controller: Controller) -> None:
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    window.select_server("alpha")
    window.check_server()

    def box() -> QMessageBox | None:
        found = window.findChild(QMessageBox, "doctorFindings")
        return found if isinstance(found, QMessageBox) else None

    qtbot.waitUntil(lambda: box() is not None, timeout=10000)
    dialog = box()
    assert dialog is not None
    names = [u.name for u in DemoBackend("alpha", users=2).users]
    assert "1 problem" in dialog.text()
    text = dialog.informativeText()
    assert f"✓ link.{names[0]}" in text and f"✗ link.{names[1]}" in text
    assert "→ mtpm reconcile" in text
    dialog.close()
