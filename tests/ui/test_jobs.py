"""The per-server job queue: serial per server, parallel across servers, never on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.ui.jobs import JobContext, JobManager

pytestmark = pytest.mark.ui


@pytest.fixture
def jobs(qtbot: QtBot) -> JobManager:
    mgr = JobManager()
    yield mgr
    assert mgr.shutdown(5000)


def test_job_runs_off_gui_thread_and_result_arrives_on_it(qtbot: QtBot, jobs: JobManager) -> None:
    gui = QThread.currentThread()
    seen: dict[str, object] = {}

    def work(ctx: JobContext) -> int:
        seen["worker"] = QThread.currentThread()
        return 42

    def done(result: object) -> None:
        seen["result"] = result
        seen["callback"] = QThread.currentThread()

    q = jobs.queue("a")
    with qtbot.waitSignal(q.job_finished, timeout=5000) as sig:
        jobs.submit("a", "answer", work, on_done=done)
    assert sig.args[1] == 42
    assert seen["worker"] is not gui
    assert seen["callback"] is gui
    assert seen["result"] == 42


def test_one_server_is_serial(qtbot: QtBot, jobs: JobManager) -> None:
    lock = threading.Lock()
    active = 0
    max_active = 0
    order: list[int] = []
    gate = threading.Event()

    def make(i: int):
        def work(ctx: JobContext) -> None:
            nonlocal active, max_active
            with lock:
                active += 1
                max_active = max(max_active, active)
            gate.wait(5)  # the first job holds the queue until every job is submitted
            with lock:
                order.append(i)
                active -= 1

        return work

    q = jobs.queue("srv")
    for i in range(5):
        jobs.submit("srv", f"job {i}", make(i))
    assert len(q.pending) == 4
    with qtbot.waitSignal(q.busy_changed, timeout=10000, check_params_cb=lambda busy: not busy):
        gate.set()
    assert order == [0, 1, 2, 3, 4]
    assert max_active == 1


def test_different_servers_run_in_parallel(qtbot: QtBot, jobs: JobManager) -> None:
    a_started = threading.Event()
    b_started = threading.Event()

    def job_a(ctx: JobContext) -> bool:
        a_started.set()
        return b_started.wait(5)  # only true if b ran while a was still running

    def job_b(ctx: JobContext) -> bool:
        b_started.set()
        return a_started.wait(5)

    results: list[object] = []
    with qtbot.waitSignals([jobs.queue("a").job_finished, jobs.queue("b").job_finished], timeout=10000):
        jobs.submit("a", "a", job_a, on_done=results.append)
        jobs.submit("b", "b", job_b, on_done=results.append)
    assert results == [True, True]


def test_mtpm_error_arrives_as_its_message(qtbot: QtBot, jobs: JobManager) -> None:
    def fail(ctx: JobContext) -> None:
        raise MtpmError("The server refused the SSH key. Check the key file in the server settings.")

    errors: list[str] = []
    q = jobs.queue("x")
    with qtbot.waitSignal(q.job_failed, timeout=5000) as sig:
        jobs.submit("x", "fail", fail, on_error=errors.append)
    assert sig.args[1] == "The server refused the SSH key. Check the key file in the server settings."
    assert errors == [sig.args[1]]


def test_unexpected_error_is_a_sentence_not_a_traceback(qtbot: QtBot, jobs: JobManager) -> None:
    def boom(ctx: JobContext) -> None:
        raise KeyError("users")

    q = jobs.queue("x")
    with qtbot.waitSignal(q.job_failed, timeout=5000) as sig:
        jobs.submit("x", "boom", boom)
    msg = sig.args[1]
    assert "KeyError" in msg and "users" in msg
    assert "Traceback" not in msg and "File " not in msg
    # the queue keeps working after a failure
    with qtbot.waitSignal(q.job_finished, timeout=5000):
        jobs.submit("x", "ok", lambda ctx: None)


def test_progress_is_relayed_in_order(qtbot: QtBot, jobs: JobManager) -> None:
    texts: list[str] = []
    q = jobs.queue("p")
    q.job_progress.connect(lambda _id, t: texts.append(t))

    def work(ctx: JobContext) -> None:
        for i in range(20):
            ctx.progress(f"step {i}")

    with qtbot.waitSignal(q.job_finished, timeout=5000):
        jobs.submit("p", "steps", work)
    assert texts == [f"step {i}" for i in range(20)]


def test_cancel_pending_and_running(qtbot: QtBot, jobs: JobManager) -> None:
    started = threading.Event()
    ran_second = threading.Event()

    def long(ctx: JobContext) -> None:
        started.set()
        while True:  # a long operation polling the flag, as the service layer's loops do
            ctx.check_cancelled()
            threading.Event().wait(0.005)

    q = jobs.queue("c")
    first = jobs.submit("c", "long", long)
    second = jobs.submit("c", "second", lambda ctx: ran_second.set())
    qtbot.waitUntil(started.is_set, timeout=5000)
    with qtbot.waitSignal(q.job_cancelled, timeout=2000) as sig:
        assert q.cancel(second.id)
    assert sig.args == [second.id]
    with qtbot.waitSignal(q.job_cancelled, timeout=5000) as sig:
        assert q.cancel(first.id)
    assert sig.args == [first.id]
    qtbot.waitUntil(lambda: not q.is_busy(), timeout=5000)
    assert not ran_second.is_set()
    assert not q.cancel(12345)


def test_job_submitted_from_a_done_callback_runs(qtbot: QtBot, jobs: JobManager) -> None:
    """An edit's callback queues a refresh; the refresh must run and report (regression)."""
    results: list[object] = []
    q = jobs.queue("r")

    def after_first(_result: object) -> None:
        jobs.submit("r", "refresh", lambda ctx: "refreshed", on_done=results.append)

    jobs.submit("r", "edit", lambda ctx: "edited", on_done=after_first)
    qtbot.waitUntil(lambda: results == ["refreshed"], timeout=5000)
    qtbot.waitUntil(lambda: not q.is_busy(), timeout=5000)


def test_cancel_stops_a_service_operation_at_its_next_progress_step(qtbot: QtBot, jobs: JobManager) -> None:
    """Service code reports steps through `progress`; a cancel takes effect there, even through a
    handler that catches Exception to carry on past a failed step."""
    started = threading.Event()
    steps_done: list[int] = []

    def operation(progress: Callable[[str], None]) -> None:
        for i in range(1000):
            try:
                progress(f"step {i}")
            except Exception:  # a service's "log and carry on" must not swallow the cancel
                continue
            steps_done.append(i)
            started.set()
            threading.Event().wait(0.005)

    q = jobs.queue("s")
    job = jobs.submit("s", "long", lambda ctx: operation(ctx.progress))
    qtbot.waitUntil(started.is_set, timeout=5000)
    with qtbot.waitSignal(q.job_cancelled, timeout=5000):
        q.cancel(job.id)
    assert 0 < len(steps_done) < 1000
