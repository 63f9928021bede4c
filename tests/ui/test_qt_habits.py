"""Habits of a good Qt app: icons on every action in both themes, Theme and Language as remembered radio
choices, Help with the guides, the first window inside the screen, a wizard that starts where it matters
and points at the step that failed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from mtpm_desktop.remote.setup.bootstrap import BootstrapReport, StepResult, StepState
from mtpm_desktop.ui import icons
from mtpm_desktop.ui.bootstrap_wizard import BootstrapWizard, step_titles
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.demo_backend import DemoBackend
from mtpm_desktop.ui.window import MainWindow
from tests.ui.helpers import demo_controller, ensure_app_names

pytestmark = pytest.mark.ui


@pytest.fixture
def window(tmp_path: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    ensure_app_names()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # The theme tests restyle the whole application: later tests get it back as it was.
    saved = (app.style().name(), QPalette(app.palette()), app.styleSheet())
    controller: Controller = demo_controller(tmp_path, {"alpha": DemoBackend("alpha", users=3)})
    w = MainWindow(controller)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    controller.shutdown()
    app.setStyle(saved[0])
    app.setPalette(saved[1])
    app.setStyleSheet(saved[2])
    icons.recolor()


def menu_actions(window: MainWindow) -> list[QAction]:
    out = []
    for menu in window.menuBar().findChildren(QMenu):
        out += [a for a in menu.actions() if not a.isSeparator() and a.menu() is None]
    return out


def test_every_menu_and_toolbar_action_has_an_icon(window: MainWindow) -> None:
    actions = menu_actions(window) + window.users.toolbar.actions()
    assert len(actions) > 25
    assert [a.text() for a in actions if a.icon().isNull()] == []
    submenus = {m.title(): m for m in window.menuBar().findChildren(QMenu)}
    assert not submenus["&Theme"].icon().isNull() and not submenus["&Language"].icon().isNull()


def _ink(action: QAction) -> QColor:
    """The darkest or lightest opaque pixel of the action's icon, whichever differs from transparent."""
    img = action.icon().pixmap(24, 24).toImage()
    colors = [img.pixelColor(x, y) for x in range(24) for y in range(24)]
    opaque = [c for c in colors if c.alpha() > 200]
    assert opaque
    return opaque[len(opaque) // 2]


def test_icons_follow_the_theme(window: MainWindow) -> None:
    refresh = window.users.act_add
    window.set_theme("light")
    light = _ink(refresh)
    window.set_theme("dark")
    dark = _ink(refresh)
    text = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    assert dark.lightness() > 150 > light.lightness()  # light strokes on dark, dark strokes on light
    assert abs(dark.lightness() - text.lightness()) < 40


def test_theme_and_language_are_remembered_radio_choices(window: MainWindow, qtbot: QtBot) -> None:
    for group in (window.theme_actions, window.language_actions):
        acts = list(group.values())
        assert all(a.isCheckable() for a in acts)
        assert acts[0].actionGroup() is not None and acts[0].actionGroup().isExclusive()
        assert sum(a.isChecked() for a in acts) == 1
    window.theme_actions["dark"].trigger()
    assert QSettings().value("ui/theme") == "dark"
    assert QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    assert [k for k, a in window.theme_actions.items() if a.isChecked()] == ["dark"]
    window.language_actions["ru"].trigger()
    assert QSettings().value("ui/language") == "ru"
    assert [k for k, a in window.language_actions.items() if a.isChecked()] == ["ru"]
    again = MainWindow(window.controller)
    qtbot.addWidget(again)
    assert again.theme_actions["dark"].isChecked() and again.language_actions["ru"].isChecked()


def test_help_shows_the_guides(window: MainWindow) -> None:
    guide = window.show_guide("user-guide")
    assert "mtpm" in guide.browser.toPlainText() and len(guide.browser.toPlainText()) > 2000
    guide.close()
    trouble = window.show_guide("troubleshooting")
    assert len(trouble.browser.toPlainText()) > 1000
    trouble.close()


def test_first_window_fits_the_available_screen(tmp_path: Path, qtbot: QtBot) -> None:
    ensure_app_names()
    QSettings().clear()  # no saved geometry: the 1200x760 default on the 800x600 offscreen screen
    controller = demo_controller(tmp_path, {"alpha": DemoBackend("alpha", users=1)})
    w = MainWindow(controller)
    qtbot.addWidget(w)
    free = w.screen().availableGeometry()
    assert w.frameGeometry().width() <= free.width() and w.frameGeometry().height() <= free.height()
    assert free.contains(w.frameGeometry().topLeft())
    controller.shutdown()


def test_wizard_starts_at_the_first_user_and_marks_the_failed_step(qtbot: QtBot) -> None:
    steps = step_titles()
    bad = steps[2][0]

    def run(options, progress, output):  # type: ignore[no-untyped-def]
        results = []
        for name, title in steps:
            state = StepState.UNCHANGED if name != bad else StepState.FAILED
            if name == bad:
                output(name, "E: Unable to locate package docker.io")
            progress(name, state)
            results.append(
                StepResult(
                    name,
                    title,
                    state,
                    error="apt-get failed" if name == bad else None,
                    remedy="Run apt-get update on the server." if name == bad else None,
                )
            )
            if name == bad:
                break
        return BootstrapReport(results), None

    wizard = BootstrapWizard("demo", steps, run)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    assert wizard.focusWidget() is wizard.first_user  # not "Registry mirror"
    assert wizard.start_button.isDefault()
    with qtbot.waitSignal(wizard.run_finished, timeout=5000) as done:
        wizard.start()
    assert done.args == [False]
    item = wizard.step_list.currentItem()
    assert item is not None and item.data(0x0100) == bad  # the failed step is selected ...
    assert item.font().bold() and item.foreground().color() == QColor("#c62828")  # ... and marked
    assert wizard.detail.isVisible()
    detail = wizard.detail.toPlainText()
    assert "apt-get failed" in detail and "Run apt-get update" in detail and "Unable to locate" in detail
    assert icons.icon("plus").isNull() is False
