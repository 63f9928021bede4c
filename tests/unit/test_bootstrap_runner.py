"""The step runner: unchanged on a second run, completes a partial setup, stops at a failure, resumes."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.remote.setup.bootstrap import BootstrapFailed, Emit, Step, StepState, run_steps

pytestmark = pytest.mark.unit


@dataclass
class Box:
    """A tiny 'server': a set of things that exist, and a switch that makes one action fail."""

    present: set[str] = field(default_factory=set)
    broken: str | None = None
    actions: list[str] = field(default_factory=list)


def make_step(name: str, *, remedy: str = "") -> Step[Box]:
    def check(box: Box) -> bool:
        return name in box.present

    def action(box: Box, emit: Emit) -> None:
        box.actions.append(name)
        emit(f"doing {name}\nstill {name}")
        if box.broken == name:
            raise MtpmError(f"{name} is broken")
        box.present.add(name)

    return Step(name, name.title(), check, action, remedy)


STEPS = [make_step("a"), make_step("b", remedy="fix b by hand"), make_step("c")]


def test_fresh_run_changes_every_step_and_streams_output() -> None:
    box = Box()
    events: list[tuple[str, StepState]] = []
    lines: list[tuple[str, str]] = []
    report = run_steps(
        STEPS, box, progress=lambda n, s: events.append((n, s)), output=lambda n, t: lines.append((n, t))
    )
    assert report.ok and report.changed
    assert [r.state for r in report.results] == [StepState.CHANGED] * 3
    assert ("a", StepState.RUNNING) in events and ("c", StepState.CHANGED) in events
    assert lines[:2] == [("a", "doing a"), ("a", "still a")]
    assert report.results[1].output == ["doing b", "still b"]


def test_second_run_reports_everything_unchanged() -> None:
    box = Box()
    run_steps(STEPS, box)
    box.actions.clear()
    report = run_steps(STEPS, box)
    assert report.ok and not report.changed
    assert [r.state for r in report.results] == [StepState.UNCHANGED] * 3
    assert box.actions == []
    assert all(not s["changed"] for s in report.to_json()["steps"])


def test_partial_setup_is_completed() -> None:
    box = Box(present={"a", "c"})
    report = run_steps(STEPS, box)
    assert [r.state for r in report.results] == [StepState.UNCHANGED, StepState.CHANGED, StepState.UNCHANGED]
    assert box.actions == ["b"]


def test_failure_stops_at_the_named_step_with_output_and_remedy_then_retry_resumes() -> None:
    box = Box(broken="b")
    report = run_steps(STEPS, box)
    assert not report.ok
    failed = report.failed
    assert failed is not None and failed.name == "b"
    assert failed.error == "b is broken" and failed.remedy == "fix b by hand"
    assert failed.output[:2] == ["doing b", "still b"] and failed.output[-1] == "ERROR: b is broken"
    assert report.results[2].state is StepState.NOT_RUN
    assert box.actions == ["a", "b"]
    as_json = report.to_json()
    assert as_json["failed_step"] == "b" and as_json["steps"][1]["outcome"] == "failed"
    assert "fix b by hand" in str(BootstrapFailed(failed))

    box.broken = None
    box.actions.clear()
    retry = run_steps(STEPS, box)
    assert retry.ok
    assert [r.state for r in retry.results] == [StepState.UNCHANGED, StepState.CHANGED, StepState.CHANGED]
    assert box.actions == ["b", "c"]


def test_action_that_does_not_reach_its_check_fails_the_step() -> None:
    lazy: Step[Box] = Step("lazy", "Lazy", lambda box: False, lambda box, emit: None, "look at it")
    report = run_steps([lazy], Box())
    failed = report.failed
    assert failed is not None and "still does not pass its check" in (failed.error or "")


def test_unexpected_exception_is_reported_not_raised() -> None:
    def boom(box: Box) -> bool:
        raise KeyError("x")

    def remedy(box: Box, error: BaseException) -> str:
        return f"remedy for {type(error).__name__}"

    report = run_steps([Step("boom", "Boom", boom, lambda b, e: None, remedy)], Box())
    failed = report.failed
    assert failed is not None
    assert failed.error == "KeyError: 'x'" and failed.remedy == "remedy for KeyError"


def test_waiting_step_reports_unchanged_and_is_not_rechecked() -> None:
    calls: list[str] = []

    def busy_then_busy_again(box: Box) -> bool:
        calls.append("check")
        return False  # busy before the wait, and busy again right after (another apt run started)

    def wait(box: Box, emit: Emit) -> None:
        emit("waited for the lock")

    step: Step[Box] = Step("lock", "Lock", busy_then_busy_again, wait, "", waits=True)
    report = run_steps([step, make_step("a")], Box())
    assert report.ok and [r.state for r in report.results] == [StepState.UNCHANGED, StepState.CHANGED]
    assert calls == ["check"] and report.results[0].output == ["waited for the lock"]


def test_summary_is_added_whether_or_not_the_step_changed() -> None:
    step: Step[Box] = Step("s", "S", lambda b: True, lambda b, e: None, "", summary=lambda b: "found: x")
    report = run_steps([step], Box())
    assert report.results[0].output == ["found: x"] and report.results[0].state is StepState.UNCHANGED
