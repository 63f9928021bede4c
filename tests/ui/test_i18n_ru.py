"""Russian UI: every visible string of every page, menu and dialog is translated.

The catalogue is compiled from resources/translations/mtpm_ru.ts with pyside6-lrelease (as the app does
in a checkout), then the window is walked widget by widget. A string counts as untranslated when it still
contains English words after removing data (user names, domains, ports) and technical terms that are the
same in Russian (SSH, SNI, QR, PNG ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from mtpm_desktop.ui import i18n
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.demo_backend import DemoBackend
from mtpm_desktop.ui.dlg_fleet_add import FleetAddDialog
from mtpm_desktop.ui.dlg_qr import QrDialog
from mtpm_desktop.ui.dlg_server import ServerDialog
from mtpm_desktop.ui.dlg_share import ShareDialog
from mtpm_desktop.ui.dlg_user import AddUserDialog, UserSettingsDialog
from mtpm_desktop.ui.models import Col
from mtpm_desktop.ui.window import MainWindow
from tests.ui.helpers import demo_controller, ensure_app_names

pytestmark = pytest.mark.ui

# Words that stay as they are in a Russian UI: names of protocols, formats, products and commands.
TECHNICAL = {
    "mtpm",
    "mtproto",
    "telegram",
    "ssh",
    "sni",
    "ip",
    "ipv4",
    "ipv6",
    "ntp",
    "png",
    "svg",
    "qr",
    "tls",
    "tcp",
    "mss",
    "dpi",
    "fake",
    "tg",
    "me",
    "sha256",
    "ed25519",
    "ssh-keygen",
    "lf",
    "etc",
    "pub",
    "proxy",
    "example",
    "com",
    "alice",
    "phone",
    "nginx",
    "docker",
    "english",  # the language menu names each language in itself
    "config",
    "ms",
    "ok",  # Qt's own Russian catalogue keeps "OK" for the standard button
    # Telegram's own names: @BotFather, its Bot API and getUpdates; "AA" opens every bot token; Russian
    # Telegram says "ID чата" too.
    "botfather",
    "id",
    "bot",
    "api",
    "getupdates",
    "aa",
}
URLISH = re.compile(r"(tg://\S+|https?://\S+|~/\.ssh/\S+|/etc/\S+|`[^`]*`|\(\*\.\w+\)|t\.me|\S+\.\S+)")


MARKUP = re.compile(r"<[^>]+>")  # a rich-text label's tags are not shown: only the text between them


def english_words(text: str, data: set[str]) -> list[str]:
    text = URLISH.sub(" ", MARKUP.sub(" ", text))
    words = [p for w in re.findall(r"[A-Za-z][A-Za-z0-9_-]+", text) for p in w.split("-") if len(p) > 1]
    return [w for w in words if w.lower() not in TECHNICAL and w not in data]


def visible_strings(root: QWidget) -> Iterator[tuple[str, str]]:
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if w.isHidden() and w is not root and not isinstance(w.parentWidget(), QWidget):
            continue
        where = f"{type(w).__name__}#{w.objectName()}"
        if w.isWindow() and w.windowTitle():
            yield where + ".windowTitle", w.windowTitle()
        if isinstance(w, QLabel) and not w.isHidden():
            yield where, w.text()
        elif isinstance(w, QAbstractButton) and not w.isHidden():
            yield where, w.text()
            if w.toolTip():
                yield where + ".toolTip", w.toolTip()
        elif isinstance(w, QGroupBox):
            yield where, w.title()
        elif isinstance(w, QLineEdit):
            yield where + ".placeholder", w.placeholderText()
        elif isinstance(w, QComboBox) and w.objectName() not in ("domainCombo",):
            for i in range(w.count()):
                yield f"{where}[{i}]", w.itemText(i)
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield f"{where}.tab{i}", w.tabText(i)
        elif isinstance(w, QTreeWidget):
            header = w.headerItem()
            for i in range(header.columnCount()):
                yield f"{where}.header{i}", header.text(i)
        elif isinstance(w, QTableView) and w.model() is not None:
            m = w.model()
            for c in range(m.columnCount()):
                yield f"{where}.header{c}", str(m.headerData(c, Qt.Orientation.Horizontal) or "")
        elif isinstance(w, QListWidget):
            for i in range(w.count()):
                yield f"{where}[{i}]", w.item(i).text()
        if isinstance(w, QAbstractSpinBox) and isinstance(w, QSpinBox | QDoubleSpinBox):
            yield where + ".suffix", w.suffix()
            yield where + ".prefix", w.prefix()
            yield where + ".special", w.specialValueText()
        if isinstance(w, QMenu):
            for a in w.actions():
                yield f"{where}.action", a.text()
        for a in w.actions():
            yield f"{where}.action", a.text()


@pytest.fixture
def russian(qtbot: QtBot) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.qm_path("ru") is not None, "pyside6-lrelease could not compile mtpm_ru.ts"
    lang = i18n.install(app, "ru")
    yield lang
    i18n.install(app, "en")


@pytest.fixture
def controller(tmp_path: Path, qtbot: QtBot) -> Iterator[Controller]:
    ensure_app_names()
    c = demo_controller(
        tmp_path, {"alpha": DemoBackend("alpha", users=8), "beta": DemoBackend("beta", users=2)}
    )
    yield c
    c.shutdown()


def check(root: QWidget, data: set[str], problems: list[str]) -> None:
    for where, text in visible_strings(root):
        if text and english_words(text, data):
            problems.append(f"{where}: {text!r}")


def test_russian_ui_has_no_untranslated_string(
    qtbot: QtBot, russian: str, controller: Controller, tmp_path: Path
) -> None:
    assert russian == "ru"
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.users.model.rowCount() == 8, timeout=10000)
    snap = controller.snapshot("alpha")
    assert snap is not None
    data = {"alpha", "beta"} | {u.name for u in snap.users}
    # Visit every page so each fills itself (charts, logs) before it is walked.
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
    window.traffic.load_history()
    qtbot.waitUntil(lambda: window.traffic.series.count() > 0, timeout=5000)
    window.logs.load()
    qtbot.waitUntil(lambda: bool(window.logs.lines), timeout=5000)

    problems: list[str] = []
    check(window, data, problems)
    for menu in window.menuBar().findChildren(QMenu):
        check(menu, data, problems)
    # States and badges as the table draws them.
    for r in range(window.users.model.rowCount()):
        state = window.users.model.data(window.users.model.index(r, Col.STATE))
        if english_words(str(state), data):
            problems.append(f"state column: {state!r}")

    fleet = window.fleet.model
    for r in range(fleet.rowCount()):
        for c in range(1, fleet.columnCount()):  # column 0 is the server's name
            text = str(fleet.data(fleet.index(r, c)))
            if english_words(text, data):
                problems.append(f"All servers, column {c}: {text!r}")
    for c in range(fleet.columnCount()):
        title = str(fleet.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
        if english_words(title, data):
            problems.append(f"All servers header: {title!r}")

    user = window.users.model.user_at(0)
    assert user is not None
    dialogs: list[QWidget] = [
        AddUserDialog(window),
        UserSettingsDialog(user, window),
        ServerDialog(controller.jobs, None, [], window),
        ServerDialog(controller.jobs, controller.profile("alpha"), ["alpha"], window),
        QrDialog(user.name, user.tme_link, window),
        FleetAddDialog(controller, window),
        ShareDialog(user.name, user.tme_link, user.tg_link, window),
    ]
    for dlg in dialogs:
        qtbot.addWidget(dlg)
        dlg.show()
        check(dlg, data, problems)
    # The Users page's menus, the expiry and link-check cells, and the undo bar of a waiting delete.
    window.users.select_user(user.id)
    check(window.users.context_menu(), data, problems)
    check(window.users.columns_menu(), data, problems)
    m = window.users.model
    for r in range(m.rowCount()):
        for col in (Col.EXPIRES, Col.CHECK):
            text = str(m.data(m.index(r, col)) or "")
            if english_words(text, data):
                problems.append(f"{col.name} column: {text!r}")
    pending = window.users.remove_selected(confirm_first=False)
    check(window.undo_bar, data, problems)
    window.controller.pending.undo(pending)
    assert not problems, "untranslated:\n" + "\n".join(problems)
    assert window.tabs.tabText(0) == "Обзор"


def test_pseudo_locale_translates_every_string_keeping_placeholders(qtbot: QtBot) -> None:
    from PySide6.QtCore import QCoreApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install(app, "pseudo") == "pseudo"
    try:
        text = QCoreApplication.translate("MainWindow", "Running {running}/{total} · {time}")
        assert text.startswith("[Ŕûññîñĝ {running}/{total} · {time}") and text.endswith("~]")
        assert text.format(running=1, total=2, time="t")  # placeholders intact
    finally:
        i18n.install(app, "en")


def test_service_layer_messages_reach_the_ui_in_russian(qtbot: QtBot, russian: str) -> None:
    """Errors and progress built with msg() in the Qt-free layers arrive translated through the job queue,
    every catalogued template is found by the installed translators, and setup steps have Russian titles."""
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QCoreApplication

    from mtpm_desktop.core.errors import MtpmError
    from mtpm_desktop.core.messages import msg
    from mtpm_desktop.ui.bootstrap_wizard import step_titles
    from mtpm_desktop.ui.jobs import JobContext, JobManager

    folder = files("mtpm_desktop.resources") / "translations"
    templates = {
        (m.findtext("source") or "", m.findtext("translation") or "")
        for ts in folder.iterdir()
        if ts.name.startswith("messages_") and ts.name.endswith("_ru.ts")
        for m in ET.fromstring(ts.read_text(encoding="utf-8")).iter("message")
    }
    assert templates, "no messages_*_ru.ts catalogue"
    missing = [src for src, tr in templates if QCoreApplication.translate("messages", src) != tr]
    assert not missing, "catalogued but not loaded:\n" + "\n".join(missing)

    titles = [title for _, title in step_titles()]
    untranslated = [t for t in titles if english_words(t, set())]
    assert not untranslated, f"setup steps with English titles: {untranslated}"

    jobs = JobManager()
    try:
        progress: list[str] = []
        jobs.queue("s").job_progress.connect(lambda _id, text: progress.append(text))

        def work(ctx: JobContext) -> None:
            ctx.progress(msg("{title} failed: {error} {remedy}", title="A", error="b", remedy="c"))
            raise MtpmError(msg("{title} failed: {error} {remedy}", title="X", error="y", remedy="z"))

        with qtbot.waitSignal(jobs.queue("s").job_failed, timeout=5000) as failed:
            jobs.submit("s", "work", work)
        assert failed.args[1] == "Шаг «X» не выполнен: y z"
        assert progress == ["Шаг «A» не выполнен: b c"]
    finally:
        assert jobs.shutdown(5000)


def test_results_from_the_service_layer_are_shown_in_russian(
    qtbot: QtBot, russian: str, controller: Controller
) -> None:
    """Result texts (not only errors) that the settings page shows come from the service layer as msg()."""
    from mtpm_desktop.core.messages import msg

    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.settings_page._applied([msg("Nothing of mtpm's was left on the server.")])
    assert window.settings_page.result_label.text() == "На сервере не осталось ничего от mtpm."


def test_russian_hints_fit_and_the_delete_button_is_a_verb(
    qtbot: QtBot, russian: str, controller: Controller, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found in the Russian screenshots: two placeholders cut off, and "Удаление katya" on the button."""
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.users.model.rowCount() == 8, timeout=10000)
    for edit in (window.users.filter_edit, window.settings_page.decoy):
        hint = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
        assert edit.placeholderText() and edit.maximumWidth() > hint and edit.minimumSizeHint().width() > 0
    assert window.users.filter_edit.minimumWidth() > window.users.filter_edit.fontMetrics().horizontalAdvance(
        window.users.filter_edit.placeholderText()
    )
    asked: list[str] = []

    def confirm(_parent: object, _title: str, _text: str, action: str) -> bool:
        asked.append(action)
        return False

    monkeypatch.setattr("mtpm_desktop.ui.confirm.confirm_destructive", confirm)
    window.users.table.selectRow(0)
    window.users.remove_selected()
    assert asked and asked[0].startswith("Удалить "), asked
