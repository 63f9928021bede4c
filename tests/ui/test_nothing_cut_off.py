"""What the screenshot review found cut off: the wizard's steps after a run, the help's long command lines,
warning red on the dark theme."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mtpm_desktop.remote.setup.bootstrap import BootstrapReport, StepResult, StepState
from mtpm_desktop.ui import dlg_server
from mtpm_desktop.ui.bootstrap_wizard import BootstrapWizard, step_titles
from mtpm_desktop.ui.dlg_help import HelpDialog

pytestmark = pytest.mark.ui

LINK = "tg://proxy?server=203.0.113.10&port=2444&secret=ee" + "ab" * 16 + "7777772e636f6d"


def test_wizard_keeps_every_step_in_view_when_the_link_and_qr_appear(qtbot: QtBot) -> None:
    steps = step_titles()

    def run(options: Any, progress: Any, output: Any) -> tuple[BootstrapReport, str]:
        results = []
        for name, title in steps:
            progress(name, StepState.UNCHANGED)
            results.append(StepResult(name, title, StepState.UNCHANGED))
        return BootstrapReport(results), LINK

    wizard = BootstrapWizard("demo", steps, run)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    with qtbot.waitSignal(wizard.run_finished, timeout=5000):
        wizard.start()
    qtbot.waitUntil(lambda: wizard.qr.isVisible())
    QApplication.processEvents()
    listed = wizard.step_list
    rows = sum(listed.sizeHintForRow(i) for i in range(listed.count()))
    assert listed.viewport().height() >= rows  # no step scrolled away below the link and QR
    assert listed.horizontalScrollBar().maximum() == 0  # "(already done)" not cut at the right
    assert all("(already done)" in wizard.step_text(name) for name, _ in steps)


def test_help_wraps_a_long_command_line_instead_of_scrolling_sideways(qtbot: QtBot) -> None:
    command = "mtpm server set-secret vps1 sudo-password --stdin " * 6
    dlg = HelpDialog("Guide", f"# Guide\n\nSome text.\n\n```bash\n{command}\n```\n\nMore text.\n")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.browser.horizontalScrollBar().maximum() == 0


def test_warning_red_is_lighter_on_the_dark_theme(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved = app.palette()
    try:
        dark = QPalette(saved)
        dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
        app.setPalette(dark)
        on_dark = dlg_server.red()
        light = QPalette(saved)
        light.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
        app.setPalette(light)
        on_light = dlg_server.red()
    finally:
        app.setPalette(saved)
    assert "#c62828" in on_light and "#c62828" not in on_dark
