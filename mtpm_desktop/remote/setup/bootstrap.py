"""The bootstrap runner: named steps, each with a check, an action and a remedy, run in order.

A step whose check says "done" is reported unchanged and its action is not run, so a second run on a set-up
server changes nothing and says so, and a partly set-up server is completed. The first failing step stops the
run with its output and a remedy; running again starts over, and the steps already done pass their checks, so
in effect it resumes at the failed step.

Progress goes out through two plain callbacks (dangerzone-style hooks, no Qt): `progress(step_name, state)`
when a step changes state and `output(step_name, line)` for each line the step prints. The GUI turns them
into signals, the CLI prints them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Generic, TypeVar

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg, without_full_stop

C = TypeVar("C")

Emit = Callable[[str], None]
ProgressHook = Callable[[str, "StepState"], None]
OutputHook = Callable[[str, str], None]


class StepState(Enum):
    PENDING = "pending"
    CHECKING = "checking"
    RUNNING = "running"
    UNCHANGED = "unchanged"  # the check said it was already done
    CHANGED = "changed"  # the action ran and the check now passes
    FAILED = "failed"
    NOT_RUN = "not-run"  # an earlier step failed


class StepIncomplete(MtpmError):
    """A step's action finished but its check still says the step is not done."""


@dataclass(frozen=True)
class Step(Generic[C]):
    """One bootstrap task.

    `check(ctx)` answers "is this already done?" and must not change the server; it may fill in facts on
    the context (detected OS, addresses) that later steps read. `action(ctx, emit)` does the work, sending
    its output line by line through `emit`. `remedy` is what the admin can do when the step fails: a text,
    or a function of the context and the error for advice that depends on what was detected. `summary`,
    when given, says what the step found or made (the detected OS, the first user's link); it is added to
    the step's output whether the step changed anything or not.
    """

    name: str
    title: str
    check: Callable[[C], bool]
    action: Callable[[C, Emit], None]
    remedy: str | Callable[[C, BaseException], str] = ""
    summary: Callable[[C], str | None] | None = None
    # True for a step whose action only waits for a condition (a package manager lock to be released):
    # it changes nothing, so it reports unchanged, and it is not re-checked afterwards (the condition may
    # flip again at once, e.g. the next apt run of an automatic update).
    waits: bool = False

    def remedy_for(self, ctx: C, error: BaseException) -> str:
        if callable(self.remedy):
            return self.remedy(ctx, error)
        return self.remedy


@dataclass
class StepResult:
    name: str
    title: str
    state: StepState = StepState.PENDING
    output: list[str] = field(default_factory=list)
    error: str | None = None
    remedy: str | None = None
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return self.state is StepState.CHANGED

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "changed": self.changed,
            "outcome": self.state.value,
            "error": self.error,
            "remedy": self.remedy,
            "output": self.output,
        }


@dataclass
class BootstrapReport:
    results: list[StepResult]

    @property
    def ok(self) -> bool:
        return all(r.state in (StepState.UNCHANGED, StepState.CHANGED) for r in self.results)

    @property
    def changed(self) -> bool:
        return any(r.changed for r in self.results)

    @property
    def failed(self) -> StepResult | None:
        return next((r for r in self.results if r.state is StepState.FAILED), None)

    def to_json(self) -> dict[str, Any]:
        failed = self.failed
        return {
            "ok": self.ok,
            "changed": self.changed,
            "failed_step": failed.name if failed else None,
            "steps": [r.to_json() for r in self.results],
        }


class BootstrapFailed(MtpmError):
    """Raised by callers that prefer an exception: names the step, its error and the remedy."""

    def __init__(self, result: StepResult) -> None:
        if result.remedy:
            text = msg(
                "Step '{title}' failed: {error}. {remedy}",
                title=result.title,
                error=result.error,
                remedy=result.remedy,
            )
        else:
            text = msg("Step '{title}' failed: {error}.", title=result.title, error=result.error)
        super().__init__(text)
        self.result = result


def _describe(error: BaseException) -> str:
    if isinstance(error, MtpmError):
        return without_full_stop(error.message)
    # Anything else is a bug or an unexpected environment: keep its type so a report is useful.
    return f"{type(error).__name__}: {error}".rstrip(".")


def run_steps(
    steps: Sequence[Step[C]],
    ctx: C,
    *,
    progress: ProgressHook | None = None,
    output: OutputHook | None = None,
) -> BootstrapReport:
    """Run `steps` in order on `ctx`; never raises for a step's failure, the report carries it."""
    results = [StepResult(s.name, s.title) for s in steps]

    def set_state(result: StepResult, state: StepState) -> None:
        result.state = state
        if progress is not None:
            progress(result.name, state)

    for index, (step, result) in enumerate(zip(steps, results, strict=True)):
        started = time.monotonic()

        def emit(text: str, _result: StepResult = result) -> None:
            for line in text.splitlines() or [""]:
                _result.output.append(line)
                if output is not None:
                    output(_result.name, line)

        try:
            set_state(result, StepState.CHECKING)
            if step.check(ctx):
                set_state(result, StepState.UNCHANGED)
            else:
                set_state(result, StepState.RUNNING)
                step.action(ctx, emit)
                # Verify: an action that "succeeded" without reaching the checked state is a failure here,
                # not a surprise three steps later.
                if not step.waits and not step.check(ctx):
                    raise StepIncomplete(
                        msg(
                            "'{title}' ran without an error but the server still does not pass its check",
                            title=step.title,
                        )
                    )
                set_state(result, StepState.UNCHANGED if step.waits else StepState.CHANGED)
            if step.summary is not None:
                text = step.summary(ctx)
                if text:
                    emit(text)
        except Exception as error:  # the runner reports every failure as the step's outcome
            result.error = _describe(error)
            result.remedy = step.remedy_for(ctx, error) or None
            emit(f"ERROR: {result.error}")
            set_state(result, StepState.FAILED)
            for later in results[index + 1 :]:
                set_state(later, StepState.NOT_RUN)
            break
        finally:
            result.seconds = time.monotonic() - started
    return BootstrapReport(results)
