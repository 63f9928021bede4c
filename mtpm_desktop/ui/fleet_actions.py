"""One action on several servers at once, each in its own server's job queue (so off the GUI thread, and
a server that does not answer holds up nobody else). Collects every server's result or error."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from mtpm_desktop.ui.backend import Progress, ServerBackend
from mtpm_desktop.ui.controller import Controller

ServerWork = Callable[[ServerBackend, Progress], Any]


class FleetRun(QObject):
    """Runs `work` on every server given; `server_done` per server, `finished` once all have answered."""

    server_done = Signal(str)  # server
    finished = Signal()

    def __init__(
        self,
        controller: Controller,
        title: str,
        work: dict[str, ServerWork],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.title = title
        self.order: list[str] = list(work)
        self.results: dict[str, Any] = {}
        self.errors: dict[str, str] = {}
        self._work = work

    @classmethod
    def same_everywhere(
        cls,
        controller: Controller,
        title: str,
        servers: Sequence[str],
        fn: ServerWork,
        parent: QObject | None = None,
    ) -> FleetRun:
        return cls(controller, title, dict.fromkeys(servers, fn), parent)

    def start(self) -> FleetRun:
        if not self._work:
            self.finished.emit()
        for server, fn in self._work.items():
            self.controller.run(
                server,
                self.title,
                fn,
                on_done=functools.partial(self._answered, server),
                on_error=functools.partial(self._failed, server),
            )
        return self

    def _answered(self, server: str, result: Any) -> None:
        self._done(server, result, None)

    def _failed(self, server: str, message: str) -> None:
        self._done(server, None, message)

    @property
    def pending(self) -> list[str]:
        return [s for s in self.order if s not in self.results and s not in self.errors]

    def _done(self, server: str, result: Any, error: str | None) -> None:
        if error is None:
            self.results[server] = result
        else:
            self.errors[server] = error
        self.server_done.emit(server)
        if not self.pending:
            self.finished.emit()
