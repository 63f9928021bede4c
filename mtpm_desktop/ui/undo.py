"""Destructive actions that wait: Delete user and Reset counters run only after an undo window.

Until the window closes nothing is sent to the server, so Undo needs no reversal on the server side:
the action is simply dropped. When the window closes (or the app quits, or `flush()` is called) the action
runs through the server's normal job queue, as if the admin had just pressed the button.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

# How long Undo is offered. A module constant so tests can shorten it (monkeypatch).
UNDO_SECONDS = 10.0

_ids = itertools.count(1)


@dataclass(eq=False)
class PendingAction:
    server: str
    text: str  # what the bar says, e.g. "anna deleted"
    run: Callable[[], None]  # submits the real work to the server's queue
    hidden_users: frozenset[str] = frozenset()  # user ids the Users page hides while this waits
    id: int = field(default_factory=lambda: next(_ids))
    deadline: float = 0.0  # time.monotonic() when it runs

    def seconds_left(self) -> int:
        return max(0, round(self.deadline - time.monotonic()))


class PendingActions(QObject):
    """The actions waiting for their undo window to close, oldest first."""

    changed = Signal()
    done = Signal(object, bool)  # the action, whether it ran (False = undone)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timers: dict[int, QTimer] = {}
        self.actions: list[PendingAction] = []

    def schedule(self, action: PendingAction) -> PendingAction:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(int(UNDO_SECONDS * 1000))
        timer.timeout.connect(lambda a=action: self._finish(a, run=True))
        self._timers[action.id] = timer
        action.deadline = time.monotonic() + UNDO_SECONDS
        self.actions.append(action)
        timer.start()
        self.changed.emit()
        return action

    def undo(self, action: PendingAction | None = None) -> PendingAction | None:
        """Drop `action` (default: the newest); nothing reaches the server."""
        if action is None:
            action = self.actions[-1] if self.actions else None
        if action is not None and action in self.actions:
            self._finish(action, run=False)
            return action
        return None

    def flush(self) -> None:
        """Run every waiting action now (the window is closing)."""
        for action in list(self.actions):
            self._finish(action, run=True)

    def hidden_users(self, server: str | None) -> set[str]:
        return {uid for a in self.actions if a.server == server for uid in a.hidden_users}

    def _finish(self, action: PendingAction, run: bool) -> None:
        if action not in self.actions:
            return
        self.actions.remove(action)
        timer = self._timers.pop(action.id, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        if run:
            action.run()
        self.changed.emit()
        self.done.emit(action, run)


class UndoBar(QWidget):
    """The newest waiting action, with an Undo button, in the status bar."""

    def __init__(self, pending: PendingActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.pending = pending
        self.label = QLabel()
        self.label.setObjectName("undoText")
        self.undo_btn = QPushButton(self.tr("Undo"))
        self.undo_btn.setObjectName("undoButton")
        self.undo_btn.setToolTip(self.tr("Nothing has been sent to the server yet"))
        self.undo_btn.clicked.connect(lambda: self.pending.undo())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.undo_btn)
        pending.changed.connect(self._update)
        self._tick = QTimer(self)  # the countdown in the label
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update)
        self._update()

    def _update(self) -> None:
        actions = self.pending.actions
        if not actions:
            self._tick.stop()
            self.setVisible(False)
            return
        if not self._tick.isActive():
            self._tick.start()
        text = actions[-1].text
        if len(actions) > 1:
            text = self.tr("{text} (+{n} more waiting)").format(text=text, n=len(actions) - 1)
        self.label.setText(
            self.tr("{text} · undo within {s} s").format(text=text, s=actions[-1].seconds_left())
        )
        self.setVisible(True)
