"""Logs: every proxy container's log merged by time, with a user filter, search and follow.

Lines read `2026-12-02 12:30:01 [anna] ...`: tagged with the user's name, so a search for a name finds
that user's lines. An empty result says so instead of showing a blank pane. Save and Copy take the lines
shown (after the search).

Follow polls the tail every few seconds in the server's job queue (a poll that is still pending is not
queued twice), so it never blocks the GUI and never starves other jobs of the same server.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication, QHideEvent, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.ui.backend import Progress, ServerBackend
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.page_base import Page
from mtpm_desktop.ui.snapshot import ServerSnapshot

FOLLOW_INTERVAL_MS = 3000


class LogsPage(Page):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("logsPage")
        self.lines: list[str] = []
        self._loading = False
        self.user_combo = QComboBox()
        self.user_combo.setObjectName("logsUser")
        self.tail_spin = QSpinBox()
        self.tail_spin.setRange(10, 100_000)
        self.tail_spin.setValue(500)
        self.search = QLineEdit()
        self.search.setObjectName("logsSearch")
        self.search.setPlaceholderText(self.tr("Search (e.g. a user's name)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._render())
        self.follow = QCheckBox(self.tr("Follow"))
        self.follow.toggled.connect(self._follow_toggled)
        self.load_btn = QPushButton(self.tr("Load"))
        self.load_btn.clicked.connect(self.load)
        self.copy_btn = QPushButton(self.tr("Copy"))
        self.copy_btn.setObjectName("logsCopy")
        self.copy_btn.setToolTip(self.tr("Copy the lines shown"))
        self.copy_btn.clicked.connect(self.copy_shown)
        self.save_btn = QPushButton(self.tr("Save…"))
        self.save_btn.setObjectName("logsSave")
        self.save_btn.setToolTip(self.tr("Save the lines shown to a text file"))
        self.save_btn.clicked.connect(self._save)
        self.user_combo.activated.connect(lambda _i: self.load())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("User:")))
        top.addWidget(self.user_combo, 1)
        top.addWidget(QLabel(self.tr("Lines:")))
        top.addWidget(self.tail_spin)
        top.addWidget(self.search, 1)
        top.addWidget(self.follow)
        top.addWidget(self.load_btn)
        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("logsCount")
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.copy_btn)
        bottom.addWidget(self.save_btn)
        self.text = QPlainTextEdit()
        self.text.setObjectName("logsText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setMaximumBlockCount(200_000)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.empty_label = QLabel()
        self.empty_label.setObjectName("logsEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.text)
        self.stack.addWidget(self.empty_label)
        self.shown: list[str] = []
        self._loaded = False
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack)
        layout.addLayout(bottom)
        self.timer = QTimer(self)
        self.timer.setInterval(FOLLOW_INTERVAL_MS)
        self.timer.timeout.connect(self.load)

    def refresh_view(self) -> None:
        current = self.user_combo.currentData()
        self.user_combo.blockSignals(True)
        self.user_combo.clear()
        self.user_combo.addItem(self.tr("All users"), None)
        for u in sorted(self.snap.users if self.snap else [], key=lambda u: u.name.casefold()):
            self.user_combo.addItem(f"{u.name} ({u.port})", u.id)
        self.user_combo.setCurrentIndex(max(0, self.user_combo.findData(current)))
        self.user_combo.blockSignals(False)
        self.load_btn.setEnabled(self.editable())
        self._render()

    def show_user(self, user_id: str | None) -> None:
        """Pick a user (None = all) in the user box, e.g. from the Users page's Show logs."""
        self.user_combo.setCurrentIndex(max(0, self.user_combo.findData(user_id)))

    def show_server(self, server: str | None, snap: ServerSnapshot | None) -> None:
        if server != self.server:
            self.lines = []
            self._loaded = False
            self._render()
        super().show_server(server, snap)

    def _follow_toggled(self, on: bool) -> None:
        if on:
            self.load()
            self.timer.start()
        else:
            self.timer.stop()

    def load(self) -> None:
        if self.server is None or self._loading:
            return
        self._loading = True
        uid = self.user_combo.currentData()
        tail = self.tail_spin.value()
        server = self.server

        def done(lines: list[str]) -> None:
            self._loading = False
            if server == self.server:
                self.lines = list(lines)
                self._loaded = True
                self._render()

        def work(b: ServerBackend, p: Progress) -> list[str]:
            try:
                return b.logs(uid, tail)
            finally:
                self._loading = False  # also after an error, so follow keeps polling

        self.controller.run(server, self.tr("Logs"), work, done, refresh_after=False)

    def _render(self) -> None:
        raw = self.search.text().strip()
        needle = raw.lower()
        shown = [ln for ln in self.lines if needle in ln.lower()] if needle else self.lines
        self.shown = shown
        at_end = self.text.verticalScrollBar().value() >= self.text.verticalScrollBar().maximum() - 2
        self.text.setPlainText("\n".join(shown))
        if at_end or self.follow.isChecked():
            self.text.moveCursor(QTextCursor.MoveOperation.End)
        for b in (self.copy_btn, self.save_btn):
            b.setEnabled(bool(shown))
        self.count_label.setText(
            self.tr("{shown} of {total} lines").format(shown=len(shown), total=len(self.lines))
            if self.lines
            else ""
        )
        if shown:
            self.stack.setCurrentWidget(self.text)
            return
        if self.lines:
            self.empty_label.setText(self.tr("No matching lines for “{text}”.").format(text=raw))
        elif self._loaded:
            self.empty_label.setText(self.tr("No log lines yet: the proxies have written nothing."))
        else:
            self.empty_label.setText(self.tr('Press "Load" to read the proxies\' logs.'))
        self.stack.setCurrentWidget(self.empty_label)

    def copy_shown(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.shown))
        if self.server:
            self.controller.notify(self.server, self.tr("{n} log lines copied").format(n=len(self.shown)))

    def save_to(self, path: str) -> None:
        Path(path).write_text("\n".join(self.shown) + "\n", encoding="utf-8")
        if self.server:
            self.controller.notify(self.server, self.tr("Log saved to {path}").format(path=path))

    def _save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save log"), f"mtpm-{self.server or 'log'}.log", self.tr("Text files (*.log *.txt)")
        )
        if path:
            self.save_to(path)

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()  # no polling for a page nobody looks at
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        if self.follow.isChecked():
            self.timer.start()
        super().showEvent(event)
