"""The GUI's state: server profiles, one backend and one snapshot per server, and the job queues.

Pages call `run()` with a function of the server's backend; it runs in that server's serial job queue,
and a refresh follows every change so the table shows what the server really did. A failed refresh keeps
the last snapshot (from memory or the disk cache) and marks it unreachable with the error's message.

A failure that a sudo password would fix (none stored, or the stored one rejected) is also announced with
`sudo_needed`, so the window can ask for the password; see `sudo_password_error`.
"""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.remote.errors import CredentialStoreError, SudoError, SudoPasswordWrong, SudoRequired
from mtpm_desktop.remote.ssh.credentials import CredentialStore
from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile
from mtpm_desktop.ui.backend import Progress, ServerBackend
from mtpm_desktop.ui.i18n import localize
from mtpm_desktop.ui.jobs import Job, JobContext, JobManager
from mtpm_desktop.ui.snapshot import ServerSnapshot, SnapshotCache
from mtpm_desktop.ui.undo import PendingActions

log = logging.getLogger(__name__)

BackendFactory = Callable[[ServerProfile], ServerBackend]
REFRESH_INTERVAL_MS = 60_000


def default_backend_factory(profile: ServerProfile) -> ServerBackend:
    from mtpm_desktop.ui.service_backend import ServiceBackend

    return ServiceBackend(profile)


def sudo_password_error(exc: BaseException) -> SudoError | None:
    """The sudo error behind `exc` when storing a (new) sudo password could fix it, else None.

    That is SudoRequired or SudoPasswordWrong itself, or an error that carries one as `sudo_error` (e.g.
    DockerPermissionDenied) or was raised from one. SudoNotAllowed is not: no password helps there.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        for candidate in (current, getattr(current, "sudo_error", None)):
            if isinstance(candidate, SudoRequired | SudoPasswordWrong):
                return candidate
        current = current.__cause__ or current.__context__
    return None


class Controller(QObject):
    servers_changed = Signal()
    snapshot_changed = Signal(str)  # server
    error = Signal(str, str, str)  # server, what was being done, message
    info = Signal(str, str, str)  # server, title, text
    activity = Signal(str, str)  # server, progress text ("" when idle)
    busy_changed = Signal(str, bool)
    # server, localized message: a job or refresh failed for want of a (right) sudo password. Emitted
    # before that failure's `error` / stale snapshot, and only while the failing connection is current.
    sudo_needed = Signal(str, str)
    # server, a short confirmation for the status bar ("t.me link for anna copied", "11/12 links accepted")
    status = Signal(str, str)

    def __init__(
        self,
        store: ProfileStore | None = None,
        cache: SnapshotCache | None = None,
        backend_factory: BackendFactory | None = None,
        parent: QObject | None = None,
        auto_refresh: bool = True,
    ) -> None:
        super().__init__(parent)
        self.store = store or ProfileStore()
        self.cache = cache or SnapshotCache()
        self.jobs = JobManager(self)
        self.pending = PendingActions(self)  # Delete user / Reset counters waiting out their undo window
        self._factory = backend_factory or default_backend_factory
        self._backends: dict[str, ServerBackend] = {}
        self._snapshots: dict[str, ServerSnapshot] = {}
        self._profiles: list[ServerProfile] = []
        # Which backend each queued refresh uses: a refresh queued before the backend was dropped (new
        # secrets, new address) must not stand in for one on the new backend.
        self._refresh_backends: weakref.WeakKeyDictionary[Job, ServerBackend] = weakref.WeakKeyDictionary()
        self.reload_profiles()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh_all)
        if auto_refresh:
            self._timer.start()
        # Demo mode only: stand-ins for the dialogs that connect on their own (ui/demo_backend.py).
        self.simulation: Any = None

    def start_auto_refresh(self, interval_ms: int) -> None:
        """Refresh every server every `interval_ms` (the demo moves faster than a real server's 60 s)."""
        self._timer.setInterval(interval_ms)
        self._timer.start()

    # -- profiles -------------------------------------------------------------------------------------
    def reload_profiles(self) -> None:
        try:
            self._profiles = self.store.list()
        except Exception as exc:  # a damaged servers.json must not keep the app from starting
            self._profiles = []
            self.error.emit("", self.tr("Loading the server list"), localize(exc))
        self.servers_changed.emit()

    def servers(self) -> list[str]:
        return [p.name for p in self._profiles]

    def profile(self, name: str) -> ServerProfile | None:
        return next((p for p in self._profiles if p.name == name), None)

    def save_profile(self, profile: ServerProfile, old_name: str | None = None) -> None:
        if old_name and old_name != profile.name:
            self.delete_profile(old_name)
        self.store.save(profile)
        self._drop_backend(profile.name)
        self.reload_profiles()
        self.refresh(profile.name)

    def delete_profile(self, name: str) -> None:
        """Forget a server: its profile, its secrets in the keyring, its queue, connection and snapshots."""
        profile = self.profile(name)
        self.store.delete(name)
        if profile is not None:
            try:
                CredentialStore().delete_all(profile)
            except CredentialStoreError as exc:  # the profile is gone either way; say what was left behind
                self.error.emit(name, self.tr("Removing the server's passwords"), localize(exc))
        self.jobs.forget(name)
        self._drop_backend(name)
        self._snapshots.pop(name, None)
        self.cache.remove(name)
        self.reload_profiles()

    def _drop_backend(self, name: str) -> None:
        backend = self._backends.pop(name, None)
        if backend is not None:
            # Close on the server's queue so a running job is not cut off mid-call.
            self.jobs.submit(name, "close", lambda ctx: backend.close())

    def backend(self, name: str) -> ServerBackend:
        backend = self._backends.get(name)
        if backend is None:
            profile = self.profile(name)
            if profile is None:
                raise KeyError(name)
            backend = self._factory(profile)
            self._backends[name] = backend
        return backend

    # -- snapshots ------------------------------------------------------------------------------------
    def snapshot(self, name: str) -> ServerSnapshot | None:
        snap = self._snapshots.get(name)
        if snap is None:
            snap = self.cache.load(name)
            if snap is not None:
                self._snapshots[name] = snap
        return snap

    def _set_snapshot(self, snap: ServerSnapshot) -> None:
        old = self._snapshots.get(snap.server)
        if old is not None:  # link check results are the GUI's own; a refresh must not wipe them
            for u in snap.users:
                prev = old.user(u.id)
                if prev is not None and not u.check_result:
                    u.check_result, u.check_rtt_ms, u.check_at = (
                        prev.check_result,
                        prev.check_rtt_ms,
                        prev.check_at,
                    )
        self._snapshots[snap.server] = snap
        self.snapshot_changed.emit(snap.server)

    def refresh(self, name: str) -> None:
        if self.profile(name) is None:
            return
        q = self.jobs.queue(name)
        backend = self.backend(name)
        # Coalesce: one pending refresh per server is enough (if it uses the current backend).
        if any(self._refresh_backends.get(j) is backend for j in q.pending):
            return

        def work(ctx: JobContext) -> ServerSnapshot:
            snap = backend.snapshot(ctx.progress)
            # Written here, on the worker: serialising 1,000 users takes longer than a frame.
            try:
                self.cache.save(snap)
            except OSError as exc:  # the cache is a convenience; a full disk must not break refreshes
                log.warning("cannot write the snapshot cache: %s", exc)
            return snap

        def failed(message: str) -> None:
            old = self.snapshot(name) or ServerSnapshot(server=name, taken_at=0.0, users=[])
            stale = old.stale(message)
            self._snapshots[name] = stale
            self.snapshot_changed.emit(name)

        job = self._submit(name, "refresh", work, self._set_snapshot, failed, backend)
        self._refresh_backends[job] = backend

    def refresh_all(self) -> None:
        for name in self.servers():
            self.refresh(name)

    def finish_pending(self, timeout_s: float = 30.0) -> None:
        """At exit: carry out the actions nobody undid and let their queues finish (not cancel them)."""
        if not self.pending.actions:
            return
        self.pending.flush()
        deadline = time.monotonic() + timeout_s
        while any(q.is_busy() for q in self.jobs.queues()) and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def notify(self, server: str, text: str) -> None:
        """Confirm an action in the status bar (copy, add, delete, check)."""
        self.status.emit(server, text)

    # -- running work ---------------------------------------------------------------------------------
    def run(
        self,
        name: str,
        title: str,
        fn: Callable[[ServerBackend, Progress], Any],
        on_done: Callable[[Any], None] | None = None,
        refresh_after: bool = True,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """Run `fn(backend, progress)` in the server's queue; errors go to `on_error`, else to the `error`
        signal (a caller that shows each server's outcome itself, like the All servers page, passes one)."""
        backend = self.backend(name)

        def work(ctx: JobContext) -> Any:
            return fn(backend, ctx.progress)

        def done(result: Any) -> None:
            if on_done is not None:
                on_done(result)
            if refresh_after:
                self.refresh(name)

        def failed(message: str) -> None:
            if on_error is not None:
                on_error(message)
            else:
                self.error.emit(name, title, message)
            if refresh_after:
                self.refresh(name)

        self._submit(name, title, work, done, failed, backend)

    def _submit(
        self,
        name: str,
        title: str,
        work: Callable[[JobContext], Any],
        done: Callable[[Any], None],
        failed: Callable[[str], None],
        backend: ServerBackend,
    ) -> Job:
        q = self.jobs.queue(name)
        if not q.property("mtpm_wired"):
            q.setProperty("mtpm_wired", True)
            q.job_progress.connect(lambda _id, text, n=name: self.activity.emit(n, text))
            q.job_started.connect(lambda _id, t, n=name: self.activity.emit(n, t))
            q.busy_changed.connect(lambda busy, n=name: self._on_busy(n, busy))
        # The job queue passes only the message on; whether a sudo password would help is noted here.
        sudo_failure: list[BaseException] = []

        def guarded(ctx: JobContext) -> Any:
            try:
                return work(ctx)
            except MtpmError as exc:
                if sudo_password_error(exc) is not None:
                    sudo_failure.append(exc)
                raise

        def on_failed(message: str) -> None:
            # Not for a backend dropped meanwhile: the new one may well have the password now.
            if sudo_failure and self._backends.get(name) is backend:
                self.sudo_needed.emit(name, message)
            failed(message)

        return self.jobs.submit(name, title, guarded, done, on_failed)

    def _on_busy(self, name: str, busy: bool) -> None:
        if not busy:
            self.activity.emit(name, "")
        self.busy_changed.emit(name, busy)

    def cancel_current(self, name: str) -> None:
        q = self.jobs.queue(name)
        if q.current is not None:
            q.cancel(q.current.id)

    def shutdown(self) -> None:
        self._timer.stop()
        self.finish_pending()
        self.jobs.shutdown(3000)
        for backend in self._backends.values():
            try:
                backend.close()
            except Exception:
                log.debug("closing %s failed", backend.name, exc_info=True)
        self._backends.clear()
