"""Background jobs: one serial queue per server, all remote work off the GUI thread.

Why a queue per server: two operations on one server must never race (both would read the same state
revision and one would fail with a conflict), while a slow server must not hold up the others. Each
`ServerJobQueue` hands at most one job at a time to a shared thread pool; queues of different servers run
in parallel.

Jobs receive a `JobContext` whose `progress()` is the service layer's `progress` hook and whose
`cancelled` flag long operations poll. Results and errors come back on the GUI thread as signals. An
error the user can act on (`MtpmError`) arrives as its message; anything else is logged with its
traceback and shown as a short generic sentence — never a traceback in the UI.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.ui.i18n import localize

log = logging.getLogger(__name__)

_ids = itertools.count(1)


class JobCancelled(BaseException):
    """Raised inside a job once the user cancelled it: by `check_cancelled()`, and by the next
    `progress()` call, which is how a long service operation is stopped between two of its steps.

    A BaseException (like KeyboardInterrupt) on purpose: service code that handles `Exception` or
    `MtpmError` to carry on past a failed step must not swallow a cancel.
    """

    def __init__(self, message: str = "Cancelled.") -> None:
        super().__init__(message)
        self.message = message


class JobContext:
    """What a running job may use: a progress hook and a cancel flag. Thread-safe."""

    def __init__(self, job: Job, relay: _Relay) -> None:
        self._job = job
        self._relay = relay

    @property
    def cancelled(self) -> bool:
        return self._job.cancel_event.is_set()

    def check_cancelled(self) -> None:
        if self.cancelled:
            raise JobCancelled(QCoreApplication.translate("jobs", "Cancelled."))

    def progress(self, text: str) -> None:
        """The service layer's `progress` callback; safe to call from the worker thread. Raises
        JobCancelled once the job is cancelled, which stops the operation between two steps."""
        self.check_cancelled()
        self._relay.progress.emit(self._job.id, localize(text))


@dataclass(eq=False)
class Job:
    """One unit of remote work for one server."""

    server: str
    title: str
    fn: Callable[[JobContext], Any]
    on_done: Callable[[Any], None] | None = None
    on_error: Callable[[str], None] | None = None
    id: int = field(default_factory=lambda: next(_ids))
    cancel_event: threading.Event = field(default_factory=threading.Event)


class _Relay(QObject):
    """Lives on the GUI thread; worker threads emit its signals, Qt queues them to the GUI thread."""

    progress = Signal(int, str)
    done = Signal(int, object)
    failed = Signal(int, str, bool)  # job id, message, cancelled


class _Runner(QRunnable):
    def __init__(self, job: Job, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job = job
        self._relay = relay

    def run(self) -> None:  # worker thread
        job = self._job
        ctx = JobContext(job, self._relay)
        try:
            ctx.check_cancelled()
            result = job.fn(ctx)
        except JobCancelled as exc:
            self._relay.failed.emit(job.id, localize(exc), True)
        except MtpmError as exc:
            self._relay.failed.emit(job.id, localize(exc), job.cancel_event.is_set())
        except Exception as exc:  # the UI must show a sentence, never a traceback
            log.exception("job %r on %s failed", job.title, job.server)
            msg = QCoreApplication.translate("jobs", "Unexpected error ({kind}): {text}").format(
                kind=type(exc).__name__, text=str(exc) or "-"
            )
            self._relay.failed.emit(job.id, msg, False)
        else:
            self._relay.done.emit(job.id, result)


class ServerJobQueue(QObject):
    """Serial queue of one server's jobs. Signals are delivered on the GUI thread."""

    job_started = Signal(int, str)  # id, title
    job_progress = Signal(int, str)  # id, text
    job_finished = Signal(int, object)  # id, result
    job_failed = Signal(int, str)  # id, message the user can act on
    job_cancelled = Signal(int)
    busy_changed = Signal(bool)

    def __init__(self, server: str, pool: QThreadPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = server
        self._pool = pool
        self._pending: deque[Job] = deque()
        self._current: Job | None = None
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)

    # -- public API ---------------------------------------------------------------------------------
    @property
    def current(self) -> Job | None:
        return self._current

    @property
    def pending(self) -> list[Job]:
        return list(self._pending)

    def is_busy(self) -> bool:
        return self._current is not None or bool(self._pending)

    def submit(self, job: Job) -> Job:
        was_busy = self.is_busy()
        self._pending.append(job)
        if not was_busy:
            self.busy_changed.emit(True)
        self._start_next()
        return job

    def cancel(self, job_id: int) -> bool:
        """Cancel a pending job outright, or ask the running one to stop. True if the job was found."""
        for job in self._pending:
            if job.id == job_id:
                self._pending.remove(job)
                job.cancel_event.set()
                self.job_cancelled.emit(job.id)
                if job.on_error is not None:
                    job.on_error(QCoreApplication.translate("jobs", "Cancelled."))
                self._emit_idle_if_done()
                return True
        if self._current is not None and self._current.id == job_id:
            self._current.cancel_event.set()
            return True
        return False

    def cancel_all(self) -> None:
        for job in list(self._pending):
            self.cancel(job.id)
        if self._current is not None:
            self._current.cancel_event.set()

    # -- internals ----------------------------------------------------------------------------------
    def _start_next(self) -> None:
        if self._current is not None or not self._pending:
            return
        job = self._pending.popleft()
        self._current = job
        self.job_started.emit(job.id, job.title)
        self._pool.start(_Runner(job, self._relay))

    def _finish(self) -> None:
        # `_current` was cleared before the callbacks ran; a callback may already have started the
        # next job (a refresh after an edit), which must not be forgotten here.
        self._start_next()
        self._emit_idle_if_done()

    def _emit_idle_if_done(self) -> None:
        if not self.is_busy():
            self.busy_changed.emit(False)

    def _on_progress(self, job_id: int, text: str) -> None:
        self.job_progress.emit(job_id, text)

    def _on_done(self, job_id: int, result: object) -> None:
        job = self._current
        if job is None or job.id != job_id:
            return
        self._current = None
        if job.on_done is not None:
            try:
                job.on_done(result)
            except Exception:  # a failing UI callback must not wedge the queue
                log.exception("on_done of job %r failed", job.title)
        self.job_finished.emit(job_id, result)
        self._finish()

    def _on_failed(self, job_id: int, message: str, cancelled: bool) -> None:
        job = self._current
        if job is None or job.id != job_id:
            return
        self._current = None
        if job.on_error is not None:
            try:
                job.on_error(message)
            except Exception:
                log.exception("on_error of job %r failed", job.title)
        if cancelled:
            self.job_cancelled.emit(job_id)
        else:
            self.job_failed.emit(job_id, message)
        self._finish()


class JobManager(QObject):
    """All servers' queues over one thread pool. Create on the GUI thread."""

    queue_created = Signal(str)

    def __init__(self, parent: QObject | None = None, max_threads: int = 16) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        # Threads mostly wait on the network; more servers than cores is fine.
        self._pool.setMaxThreadCount(max_threads)
        self._queues: dict[str, ServerJobQueue] = {}

    def queue(self, server: str) -> ServerJobQueue:
        q = self._queues.get(server)
        if q is None:
            q = ServerJobQueue(server, self._pool, self)
            self._queues[server] = q
            self.queue_created.emit(server)
        return q

    def queues(self) -> list[ServerJobQueue]:
        return list(self._queues.values())

    def submit(
        self,
        server: str,
        title: str,
        fn: Callable[[JobContext], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> Job:
        return self.queue(server).submit(Job(server, title, fn, on_done, on_error))

    def forget(self, server: str) -> None:
        q = self._queues.pop(server, None)
        if q is not None:
            q.cancel_all()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel everything and wait for running jobs; True if all stopped in time."""
        for q in self._queues.values():
            q.cancel_all()
        return bool(self._pool.waitForDone(timeout_ms))
