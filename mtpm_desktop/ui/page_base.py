"""What every page of the main window shares: the selected server and its snapshot."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.snapshot import ServerSnapshot


class Page(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.server: str | None = None
        self.snap: ServerSnapshot | None = None

    def show_server(self, server: str | None, snap: ServerSnapshot | None) -> None:
        """Called when the selected server changes or its snapshot is replaced."""
        self.server = server
        self.snap = snap
        self.refresh_view()

    def refresh_view(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def editable(self) -> bool:
        """Remote actions make sense only for a selected server."""
        return self.server is not None
