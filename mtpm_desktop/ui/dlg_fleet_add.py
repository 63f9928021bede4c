"""Add one person to several servers at once: one link per server, shared as one text with every link."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.core.fleet import ServerLink, share_header, share_text
from mtpm_desktop.ui.backend import Progress, ServerBackend
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.fleet_actions import FleetRun
from mtpm_desktop.ui.i18n import localize


class FleetAddDialog(QDialog):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.run: FleetRun | None = None
        self.person = ""
        self.setWindowTitle(self.tr("Add a person to several servers"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. anna"))
        self.boxes: dict[str, QCheckBox] = {}
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name_edit)
        servers = QVBoxLayout()
        for name in controller.servers():
            box = QCheckBox(name)
            snap = controller.snapshot(name)
            box.setChecked(snap is None or snap.reachable)
            self.boxes[name] = box
            servers.addWidget(box)
        form.addRow(self.tr("Servers:"), servers)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlaceholderText(self.tr("The links to send appear here."))
        self.copy_btn = QPushButton(self.tr("Copy all links"))
        self.copy_btn.setEnabled(False)
        self.copy_btn.clicked.connect(self.copy)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.add_btn = self.buttons.addButton(self.tr("Add"), QDialogButtonBox.ButtonRole.ActionRole)
        self.add_btn.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.copy_btn)
        layout.addWidget(self.buttons)
        self.resize(560, 420)

    def chosen(self) -> list[str]:
        return [name for name, box in self.boxes.items() if box.isChecked()]

    def start(self) -> None:
        person = self.name_edit.text().strip()
        servers = self.chosen()
        if not person or not servers:
            self.status.setText(self.tr("Give a name and choose at least one server."))
            return

        def add(backend: ServerBackend, progress: Progress) -> str:
            return backend.user_link(backend.add_user(person, None, None, progress))

        self.add_btn.setEnabled(False)
        self.person = person
        self.run = FleetRun.same_everywhere(
            self.controller, self.tr("Add {name}").format(name=person), servers, add, self
        )
        self.run.server_done.connect(self._show)
        self.run.finished.connect(self._show)
        self._show()
        self.run.start()

    def links(self) -> list[ServerLink]:
        run = self.run
        if run is None:
            return []
        return [ServerLink(s, run.results[s] or None) for s in run.order if s in run.results]

    def share(self) -> str:
        return share_text(localize(share_header(self.person)), self.links())

    def _show(self) -> None:
        run = self.run
        if run is None:
            return
        lines = [
            self.tr("{server}: could not add: {error}").format(server=s, error=e)
            for s, e in run.errors.items()
        ]
        if run.pending:
            lines.insert(0, self.tr("Waiting for: {servers}").format(servers=", ".join(run.pending)))
        self.status.setText("\n".join(lines))
        if self.links():
            self.text.setPlainText(self.share())
            self.copy_btn.setEnabled(True)
        if not run.pending:
            self.add_btn.setEnabled(True)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
