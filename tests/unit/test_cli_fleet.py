"""The CLI's fan-out over several servers (-s a,b,c / --all), with stand-in handlers instead of SSH."""

from __future__ import annotations

import argparse
import threading
from pathlib import Path

import pytest

from mtpm_desktop.cli.main import (
    EXIT_ERROR,
    Output,
    UsageError,
    build_parser,
    fleet_output,
    fleet_targets,
    run_fleet,
)
from mtpm_desktop.cli.users import _share_links
from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.remote.errors import Unreachable
from mtpm_desktop.remote.service_models import ChangeResult, ReconcileReport, UserView
from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile


def parse(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))


def test_one_server_keeps_the_single_shape() -> None:
    assert fleet_targets(parse("-s", "prod", "status")) is None
    assert fleet_targets(parse("status", "-s", "prod")) is None


def test_a_list_of_servers_in_order_once_each() -> None:
    assert fleet_targets(parse("-s", "a, b,a,c", "user", "list")) == ["a", "b", "c"]
    assert fleet_targets(parse("user", "disable", "bob", "-s", "x,y")) == ["x", "y"]


def test_all_lists_every_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTPM_DATA_DIR", str(tmp_path))
    with pytest.raises(UsageError, match="no servers yet"):
        fleet_targets(parse("--all", "status"))
    store = ProfileStore(tmp_path)
    for name in ("one", "two", "three"):
        store.save(ServerProfile(name=name, host="203.0.113.1", auth="agent"))
    assert fleet_targets(parse("traffic", "--all")) == ["one", "two", "three"]


def test_commands_of_one_server_refuse_several() -> None:
    with pytest.raises(UsageError, match="user show"):
        fleet_targets(parse("-s", "a,b", "user", "show", "bob"))
    with pytest.raises(UsageError, match="logs"):
        fleet_targets(parse("--all", "logs"))
    with pytest.raises(UsageError, match="not both"):
        fleet_targets(parse("-s", "a", "--all", "status"))
    with pytest.raises(UsageError, match="empty server name"):
        fleet_targets(parse("-s", "a,,b", "status"))


def test_every_server_runs_at_once_and_a_failure_stays_its_own() -> None:
    """Three servers wait for each other: run one after another, the first would time out."""
    others_done = threading.Barrier(3)

    def handler(args: argparse.Namespace) -> Output:
        if args.server == "down":
            raise Unreachable("Cannot reach down (203.0.113.9:22): connection refused.")
        if args.server == "slow":
            others_done.wait(timeout=30)  # raises BrokenBarrierError if the others never ran meanwhile
            return Output(data={"summary": "Running 1/1"}, text="Running 1/1")
        others_done.wait(timeout=30)
        return Output(data={"summary": "Running 2/2"}, text="Running 2/2")

    # The barrier holds slow, fast and fast2; down fails at once, as a refused connection does.
    names = ["slow", "fast", "fast2", "down"]
    outcomes = run_fleet(handler, parse("status", "--all"), names)
    out = fleet_output(parse("status", "--all"), outcomes)
    assert list(out.data["servers"]) == names
    assert out.data["servers"]["slow"] == {"summary": "Running 1/1"}
    assert out.data["servers"]["fast2"] == {"summary": "Running 2/2"}
    assert out.data["servers"]["down"] == {"error": "Cannot reach down (203.0.113.9:22): connection refused."}
    assert out.exit_code == EXIT_ERROR
    assert out.error is not None and out.error.startswith("down: Cannot reach down")
    assert "== down ==\nerror: Cannot reach down" in (out.text or "")
    assert "== slow ==\nRunning 1/1" in (out.text or "")


def test_a_command_that_answers_but_not_all_good_fails_the_run() -> None:
    def handler(args: argparse.Namespace) -> Output:
        bad = args.server == "b"
        return Output(data={"n": 1}, text="ok", exit_code=1 if bad else 0, error="2 link(s)" if bad else None)

    out = fleet_output(parse("check", "--all"), run_fleet(handler, parse("check", "--all"), ["a", "b"]))
    assert out.data == {"servers": {"a": {"n": 1}, "b": {"n": 1}}}
    assert out.exit_code == 1 and out.error == "b: 2 link(s)"


def test_an_unexpected_exception_is_one_servers_error() -> None:
    def handler(args: argparse.Namespace) -> Output:
        if args.server == "b":
            raise ValueError("boom")
        return Output(data=[])

    out = fleet_output(parse("user", "list", "--all"), run_fleet(handler, parse("status"), ["a", "b"]))
    assert out.data["servers"]["a"] == []
    assert "ValueError: boom" in out.data["servers"]["b"]["error"]
    assert out.exit_code == 3


def _added(server: str) -> Output:
    view = UserView(
        id="u1",
        name="anna",
        port=4433,
        secret="ee00",
        domain="www.apple.com",
        enabled=True,
        state="running",
        tg_link=f"tg://proxy?server={server}",
        tme_link=f"https://t.me/proxy?server={server}&port=4433&secret=ee00",
    )
    return Output(data=ChangeResult(revision=1, user=view, reconcile=ReconcileReport()))


def test_user_add_on_several_servers_prints_one_text_with_every_link() -> None:
    args = parse("-s", "a.example,b.example,c.example", "user", "add", "anna")
    assert args.fleet_summary is _share_links

    def handler(ns: argparse.Namespace) -> Output:
        if ns.server == "c.example":
            raise MtpmError("Cannot reach c.example.")
        return _added(ns.server)

    out = fleet_output(args, run_fleet(handler, args, ["a.example", "b.example", "c.example"]))
    text = out.text or ""
    share = text.split("-- to send --\n", 1)[1]
    assert share.startswith("Proxy links for anna:")
    assert share.splitlines()[2:] == [
        "a.example: https://t.me/proxy?server=a.example&port=4433&secret=ee00",
        "b.example: https://t.me/proxy?server=b.example&port=4433&secret=ee00",
    ]
    assert set(out.data["servers"]) == {"a.example", "b.example", "c.example"}
    assert out.exit_code == 1
