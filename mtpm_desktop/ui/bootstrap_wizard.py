"""The "set up this server" wizard: options, then every bootstrap step with its state and a live log.

The steps are the same as `mtpm server bootstrap` (remote/bootstrap_steps.py). They run on a worker
thread; the runner's `progress`/`output` hooks are turned into Qt signals (queued to the GUI thread), so
the window never blocks and never touches the server itself. A failed run shows the failing step's error
and remedy, and "Run again" retries (steps already done are reported unchanged). When done, the first
user's link and QR code are shown.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.remote.proxies.engines import Engine
from mtpm_desktop.remote.setup.bootstrap import (
    BootstrapReport,
    OutputHook,
    ProgressHook,
    StepState,
    run_steps,
)
from mtpm_desktop.remote.setup.bootstrap_steps import bootstrap_steps
from mtpm_desktop.remote.setup.context import BootstrapContext, BootstrapOptions
from mtpm_desktop.ui.i18n import localize

log = logging.getLogger(__name__)

# Runs the bootstrap with these options and hooks, on the worker thread; returns the report and the first
# user's link (or None). The window owner binds it to a server session.
RunBootstrap = Callable[[BootstrapOptions, ProgressHook, OutputHook], tuple[BootstrapReport, str | None]]


def session_runner(
    session: object, root: str, *, engine: Engine | None = None, check_host: str | None = None
) -> RunBootstrap:
    """A RunBootstrap over an open ServerSession (the window owner's usual binding)."""

    def run(
        options: BootstrapOptions, progress: ProgressHook, output: OutputHook
    ) -> tuple[BootstrapReport, str | None]:
        ctx = BootstrapContext(session, options, root=root, engine=engine, check_host=check_host)
        report = run_steps(bootstrap_steps(), ctx, progress=progress, output=output)
        return report, ctx.first_link

    return run


def step_titles() -> list[tuple[str, str]]:
    return [(s.name, localize(s.title)) for s in bootstrap_steps()]


_MARKS = {
    StepState.PENDING: "○",
    StepState.CHECKING: "…",
    StepState.RUNNING: "▶",
    StepState.UNCHANGED: "✓",
    StepState.CHANGED: "✓",
    StepState.FAILED: "✗",
    StepState.NOT_RUN: "–",
}


class _Bridge(QObject):
    """Lives on the GUI thread; the worker emits, Qt delivers the signals on the GUI thread."""

    step_state = Signal(str, str)  # step name, StepState value
    step_output = Signal(str, str)  # step name, line
    finished = Signal(object, object)  # BootstrapReport | None, link | error text


class BootstrapWizard(QDialog):
    """Set up one server. `steps` are (name, title) pairs in order, for the list before anything runs."""

    run_finished = Signal(bool)  # ok

    def __init__(
        self,
        server_name: str,
        steps: Sequence[tuple[str, str]],
        run: RunBootstrap,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set up server {name}").format(name=server_name))
        self.resize(820, 560)
        self._run = run
        self._thread: threading.Thread | None = None
        self._titles = dict(steps)
        self._states: dict[str, StepState] = {}
        self.report: BootstrapReport | None = None
        self.link: str | None = None

        self._bridge = _Bridge(self)
        self._bridge.step_state.connect(self._on_state)
        self._bridge.step_output.connect(self._on_output)
        self._bridge.finished.connect(self._on_finished)

        # Options (the CLI's flags).
        self.mirror = QLineEdit(placeholderText="https://mirror.gcr.io")
        self.push_image = QCheckBox(self.tr("Send the proxy image from this computer (registry blocked)"))
        self.server_ip = QLineEdit(placeholderText=self.tr("detected"))
        self.server_domain = QLineEdit(placeholderText=self.tr("optional"))
        self.first_user = QLineEdit("user1")
        self.first_port = QLineEdit(placeholderText=self.tr("next free from the base port"))
        # What most admins set first comes first; the registry options matter only where Docker Hub is
        # blocked, so they come last.
        form = QFormLayout()
        form.addRow(self.tr("First user"), self.first_user)
        form.addRow(self.tr("First user's port"), self.first_port)
        form.addRow(self.tr("Server IP"), self.server_ip)
        form.addRow(self.tr("Domain"), self.server_domain)
        form.addRow(self.tr("Registry mirror"), self.mirror)
        form.addRow("", self.push_image)

        self.step_list = QListWidget()
        for name, title in steps:
            item = QListWidgetItem(f"{_MARKS[StepState.PENDING]}  {title}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.step_list.addItem(item)
            self._states[name] = StepState.PENDING
        self.log_view = QPlainTextEdit(readOnly=True)
        self.log_view.setMaximumBlockCount(5000)
        splitter = QSplitter()
        splitter.addWidget(self.step_list)
        splitter.addWidget(self.log_view)
        # Wide enough for the longest step with its "(already done)" suffix, tall enough that the link and
        # QR shown at the end grow the dialog instead of squeezing the steps to a few lines.
        done = self.tr(" (already done)")
        longest = max((f"{_MARKS[StepState.UNCHANGED]}  {t}{done}" for _n, t in steps), key=len)
        step_width = self.step_list.fontMetrics().horizontalAdvance(longest) + 40
        self.step_list.setMinimumWidth(step_width)
        rows = self.step_list.sizeHintForRow(0) * self.step_list.count() + 2 * self.step_list.frameWidth()
        splitter.setMinimumHeight(min(rows + 4, 320))  # every step in view, none scrolled away
        splitter.setSizes([step_width, 820 - step_width])

        self.status = QLabel(self.tr("Ready. Steps already done on the server are skipped."))
        self.status.setWordWrap(True)
        self.detail = QPlainTextEdit(readOnly=True)  # the failed step's error, remedy and output
        self.detail.setObjectName("failedStepDetail")
        self.detail.setMaximumHeight(140)
        self.detail.hide()
        self.step_list.currentItemChanged.connect(lambda item, _prev: self._show_detail(item))
        self._output: dict[str, list[str]] = {}
        self.link_view = QLineEdit(readOnly=True)
        self.link_view.hide()
        self.qr = QLabel()
        self.qr.hide()

        self.start_button = QPushButton(self.tr("Set up"))
        self.start_button.clicked.connect(self.start)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.detail)
        result = QHBoxLayout()
        result.addWidget(self.qr)
        result.addWidget(self.link_view, 1)
        layout.addLayout(result)
        layout.addLayout(buttons)
        # Enter starts the setup; the cursor waits in the first field an admin may want to change.
        self.start_button.setDefault(True)
        self.first_user.setFocus()

    # --- state for tests and the window owner ---
    def step_state(self, name: str) -> StepState:
        return self._states[name]

    def step_text(self, name: str) -> str:
        for row in range(self.step_list.count()):
            item = self.step_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                return item.text()
        raise KeyError(name)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def options(self) -> BootstrapOptions:
        return BootstrapOptions(
            registry_mirror=self.mirror.text().strip() or None,
            push_image=self.push_image.isChecked(),
            server_ip=self.server_ip.text().strip() or None,
            server_domain=self.server_domain.text().strip() or None,
            first_user=self.first_user.text().strip() or "user1",
            first_user_port=int(port) if (port := self.first_port.text().strip()).isdigit() else None,
        )

    # --- running ---
    def start(self) -> None:
        if self.running:
            return
        for name in self._states:
            self._on_state(name, StepState.PENDING.value)
        self.log_view.clear()
        self._output.clear()
        self.detail.hide()
        self.start_button.setEnabled(False)
        self.status.setText(self.tr("Setting up…"))
        options = self.options()
        bridge = self._bridge

        def work() -> None:
            try:
                report, link = self._run(
                    options,
                    lambda name, state: bridge.step_state.emit(name, state.value),
                    lambda name, line: bridge.step_output.emit(name, line),
                )
                bridge.finished.emit(report, link)
            except MtpmError as exc:  # before any step ran (connecting...)
                bridge.finished.emit(None, localize(exc))
            except Exception:
                log.exception("bootstrap failed unexpectedly")
                bridge.finished.emit(None, "An unexpected error stopped the setup; see the log file.")

        self._thread = threading.Thread(target=work, name="mtpm-bootstrap", daemon=True)
        self._thread.start()

    def _on_state(self, name: str, value: str) -> None:
        state = StepState(value)
        self._states[name] = state
        for row in range(self.step_list.count()):
            item = self.step_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                suffix = {
                    StepState.UNCHANGED: self.tr(" (already done)"),
                    StepState.FAILED: self.tr(" — failed"),
                }.get(state, "")
                item.setText(f"{_MARKS[state]}  {self._titles.get(name, name)}{suffix}")
                failed = state is StepState.FAILED
                item.setForeground(QColor("#c62828") if failed else self.step_list.palette().text().color())
                font = item.font()
                font.setBold(failed)
                item.setFont(font)
                if state in (StepState.RUNNING, StepState.FAILED):
                    self.step_list.setCurrentItem(item)
        if state is StepState.RUNNING:
            self.log_view.appendPlainText(f"== {self._titles.get(name, name)}")

    def _on_output(self, name: str, line: str) -> None:
        self._output.setdefault(name, []).append(line)
        self.log_view.appendPlainText(line)

    def failed_detail(self) -> str:
        """What the failed step said: its error, the remedy and its last output lines ("" when none)."""
        failed = self.report.failed if self.report is not None else None
        if failed is None:
            return ""
        lines = [
            self.tr("Step “{title}” failed.").format(title=localize(failed.title)),
            localize(failed.error or ""),
            localize(failed.remedy or ""),
        ]
        output = self._output.get(failed.name) or list(failed.output)
        if output:
            lines += ["", self.tr("Its last output:"), *output[-8:]]
        return "\n".join(line for line in lines if line is not None)

    def _show_detail(self, item: QListWidgetItem | None) -> None:
        """Selecting the failed step (it is selected when the run stops) shows its detail."""
        failed = self.report.failed if self.report is not None else None
        show = item is not None and failed is not None and item.data(Qt.ItemDataRole.UserRole) == failed.name
        self.detail.setVisible(show)
        if show:
            self.detail.setPlainText(self.failed_detail())

    def _on_finished(self, report: BootstrapReport | None, link_or_error: str | None) -> None:
        self._thread = None
        self.report = report
        self.start_button.setEnabled(True)
        self.start_button.setText(self.tr("Run again"))
        if report is None:
            self.status.setText(link_or_error or self.tr("The setup could not start."))
            self.run_finished.emit(False)
            return
        failed = report.failed
        if failed is not None:
            for row in range(self.step_list.count()):
                item = self.step_list.item(row)
                if item.data(Qt.ItemDataRole.UserRole) == failed.name:
                    self.step_list.setCurrentItem(item)
                    self._show_detail(item)
                    self.step_list.scrollToItem(item)
            self.status.setText(
                self.tr("Step “{title}” failed: {error}. {remedy}").format(
                    title=localize(failed.title),
                    error=localize(failed.error),
                    remedy=localize(failed.remedy or ""),
                )
            )
            self.run_finished.emit(False)
            return
        self.link = link_or_error
        self.status.setText(
            self.tr("The server is set up.") if report.changed else self.tr("The server was already set up.")
        )
        if self.link:
            from mtpm_desktop.ui.dlg_qr import qr_image

            self.link_view.setText(self.link)
            self.link_view.show()
            self.qr.setPixmap(QPixmap.fromImage(qr_image(self.link, scale=4)))
            self.qr.show()
        self.run_finished.emit(True)
