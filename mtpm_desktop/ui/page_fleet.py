"""The All servers page: every server in one table with totals on top, and actions across servers (add one
person to several servers, disable or enable one person everywhere).

It shows the snapshots the controller keeps, whatever server is selected, and follows every server's
refresh. Actions run through each server's own job queue, so an unreachable server only fails its row.
"""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.ui.backend import Progress, ServerBackend
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.dlg_fleet_add import FleetAddDialog
from mtpm_desktop.ui.fleet_actions import FleetRun, ServerWork
from mtpm_desktop.ui.fleet_model import SORT_ROLE, FleetCol, FleetModel, FleetRow, FleetTotals
from mtpm_desktop.ui.fmt import human_bytes
from mtpm_desktop.ui.page_base import Page


class FleetPage(Page):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.model = FleetModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The status takes what is left and elides a long reason (the tooltip has it whole): with every
        # column sized to content, an unreachable server's reason pushed the last columns off at 1366 px.
        header.setSectionResizeMode(FleetCol.STATUS, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.totals = QLabel()
        self.totals.setObjectName("fleetTotals")
        self.totals.setWordWrap(True)
        self.refresh_btn = QPushButton(self.tr("Refresh all"))
        self.add_btn = QPushButton(self.tr("Add to several servers…"))
        self.disable_btn = QPushButton(self.tr("Disable everywhere…"))
        self.enable_btn = QPushButton(self.tr("Enable everywhere…"))
        self.refresh_btn.clicked.connect(self.refresh_all)
        self.add_btn.clicked.connect(self.open_add_dialog)
        self.disable_btn.clicked.connect(lambda: self.ask_switch(False))
        self.enable_btn.clicked.connect(lambda: self.ask_switch(True))
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumHeight(120)
        self.log.setPlaceholderText(self.tr("What the actions across servers did, server by server."))
        # Two rows of two: one row of four would make the page (so the window) wider than small screens.
        buttons = QGridLayout()
        for i, b in enumerate((self.refresh_btn, self.add_btn, self.disable_btn, self.enable_btn)):
            buttons.addWidget(b, i // 2, i % 2)
        buttons.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.log)
        self.runs: list[FleetRun] = []
        # Each server's certificate expiry from its site status (None: no certificate), read on demand.
        self.cert_not_after: dict[str, str | None] = {}
        self._certs_read = False
        controller.snapshot_changed.connect(lambda _name: self.refresh_view())
        controller.servers_changed.connect(self.refresh_view)
        self.refresh_view()

    # The page is about every server: the selected one changes nothing here.
    def editable(self) -> bool:
        return bool(self.controller.servers())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._certs_read:  # certificates change slowly: once when first shown, then on Refresh all
            self.read_certificates()

    def refresh_all(self) -> None:
        self.controller.refresh_all()
        self.read_certificates()

    def read_certificates(self) -> None:
        """Ask every server for its site status, in its own queue; a server that fails keeps its "—"."""
        self._certs_read = True
        for server in self.controller.servers():
            self.controller.run(
                server,
                self.tr("Reading the certificate"),
                lambda backend, _progress: backend.site_status(),
                on_done=functools.partial(self._certificate_read, server),
                refresh_after=False,
                on_error=lambda _message: None,  # the row's status already says why a server is down
            )

    def _certificate_read(self, server: str, status: dict[str, Any]) -> None:
        self.cert_not_after[server] = status.get("not_after")
        self.refresh_view()

    def refresh_view(self) -> None:
        rows = [
            FleetRow.of(name, self.controller.snapshot(name), self.cert_not_after.get(name))
            for name in self.controller.servers()
        ]
        self.model.set_rows(rows)
        t = FleetTotals.of(rows)
        self.totals.setText(
            self.tr(
                "{servers} servers, {reachable} reachable · Running {running}/{should} · "
                "users {enabled} enabled of {users} · {traffic} this period"
            ).format(
                servers=t.servers,
                reachable=t.reachable,
                running=t.running,
                should=t.should_run,
                enabled=t.enabled,
                users=t.users,
                traffic=human_bytes(t.used_bytes),
            )
        )
        for b in (self.add_btn, self.disable_btn, self.enable_btn):
            b.setEnabled(self.editable())

    # -- actions across servers ---------------------------------------------------------------------
    def open_add_dialog(self) -> FleetAddDialog:
        dialog = FleetAddDialog(self.controller, self)
        dialog.setModal(False)
        dialog.show()
        return dialog

    def known_names(self) -> list[str]:
        names: set[str] = set()
        for server in self.controller.servers():
            snap = self.controller.snapshot(server)
            names.update(u.name for u in (snap.users if snap else []))
        return sorted(names, key=str.lower)

    def ask_switch(self, enabled: bool) -> None:
        title = self.tr("Enable everywhere") if enabled else self.tr("Disable everywhere")
        name, ok = QInputDialog.getItem(
            self, title, self.tr("The person's name:"), self.known_names(), 0, True
        )
        if ok and name.strip():
            self.switch_everywhere(name.strip(), enabled)

    def switch_everywhere(self, person: str, enabled: bool) -> FleetRun:
        """Disable or enable the user called `person` on every server whose last snapshot has one."""
        work: dict[str, ServerWork] = {}
        missing: list[str] = []
        for server in self.controller.servers():
            snap = self.controller.snapshot(server)
            user = next((u for u in (snap.users if snap else []) if u.name == person), None)
            if user is None:
                missing.append(server)
                continue

            def switch(backend: ServerBackend, progress: Progress, uid: str = user.id) -> None:
                backend.set_enabled(uid, enabled, progress)

            work[server] = switch
        title = (self.tr("Enabled {name}") if enabled else self.tr("Disabled {name}")).format(name=person)
        run = FleetRun(self.controller, title, work, self)
        self.runs.append(run)
        if missing:
            self.log.appendPlainText(
                self.tr("{name} is not on: {servers}").format(name=person, servers=", ".join(missing))
            )

        def report(server: str) -> None:
            error = run.errors.get(server)
            if error is None:
                self.log.appendPlainText(self.tr("{server}: {title}").format(server=server, title=title))
            else:
                self.log.appendPlainText(
                    self.tr("{server}: failed: {error}").format(server=server, error=error)
                )

        run.server_done.connect(report)
        return run.start()
