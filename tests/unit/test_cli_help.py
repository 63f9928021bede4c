"""`mtpm` help: every option of every command says what it does and its default; offline commands hide
the options that mean nothing there; the top help starts with the first steps."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import Any

import pytest

from mtpm_desktop.cli.main import build_parser

pytestmark = pytest.mark.unit


def walk(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield " ".join(("mtpm", *path)), parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from walk(sub, (*path, name))


def _documented(action: argparse.Action) -> bool:
    return bool(action.help) and action.help != argparse.SUPPRESS


def test_every_option_of_every_command_has_help_with_its_default() -> None:
    problems = []
    commands = list(walk(build_parser()))
    assert len(commands) > 30
    for command, parser in commands:
        for action in parser._actions:
            if isinstance(
                action, (argparse._HelpAction, argparse._VersionAction, argparse._SubParsersAction)
            ):
                continue
            if action.help == argparse.SUPPRESS:
                continue  # hidden where it means nothing (still accepted: documented shapes keep working)
            name = "/".join(action.option_strings) or action.dest
            if not _documented(action):
                problems.append(f"{command} {name}: no help")
                continue
            default = action.default
            takes_value = action.nargs != 0 and not isinstance(action, argparse._StoreConstAction)
            if takes_value and default not in (None, argparse.SUPPRESS) and not action.required:
                text = parser._get_formatter()._expand_help(action)
                if "default" not in text or str(default) not in text:
                    problems.append(f"{command} {name}: help does not say its default {default!r}")
    assert problems == []


def _shown(parser: argparse.ArgumentParser) -> set[str]:
    return {o for a in parser._actions if _documented(a) for o in a.option_strings}


def test_offline_commands_hide_what_means_nothing_there() -> None:
    parsers = dict(walk(build_parser()))
    for command in ("mtpm secret new", "mtpm secret show", "mtpm state check"):
        assert "--server" not in _shown(parsers[command]), command
        assert "--json" in _shown(parsers[command])  # their output has a JSON form
    assert "--host" in _shown(parsers["mtpm link"])
    for command in ("mtpm server add", "mtpm server list", "mtpm server bootstrap"):
        assert "--server" not in _shown(parsers[command]), command


def test_top_help_starts_with_the_first_steps_and_two_examples() -> None:
    text = build_parser().format_help()
    first = text.index("server add")
    assert first < text.index("secret")
    assert text.index("server bootstrap") < text.index("secret")
    assert text.count("Example") >= 1 and text.count("  $ mtpm ") >= 2


def test_offline_link_takes_host_and_a_profile_for_server(
    capsys: pytest.CaptureFixture[str], tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mtpm_desktop.cli.main import main
    from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile

    secret = "ee" + "11" * 16 + b"www.apple.com".hex()
    assert main(["link", "--host", "proxy.example.net", "--port", "443", "--secret", secret]) == 0
    assert "server=proxy.example.net&port=443" in capsys.readouterr().out
    # -s is a profile: its host goes into the link.
    monkeypatch.setenv("MTPM_DATA_DIR", str(tmp_path))
    ProfileStore().save(ServerProfile(name="vps1", host="198.51.100.4", auth="agent"))
    assert main(["-s", "vps1", "link", "--port", "443", "--secret", secret]) == 0
    assert "server=198.51.100.4&port=443" in capsys.readouterr().out


def test_with_one_profile_s_may_be_left_out(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtpm_desktop.cli.common import require_server
    from mtpm_desktop.cli.main import UsageError
    from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile

    monkeypatch.setenv("MTPM_DATA_DIR", str(tmp_path))
    with pytest.raises(UsageError, match="no server yet"):
        require_server(argparse.Namespace(server=None))
    ProfileStore().save(ServerProfile(name="only", host="198.51.100.4", auth="agent"))
    assert require_server(argparse.Namespace(server=None)) == "only"
    ProfileStore().save(ServerProfile(name="second", host="198.51.100.5", auth="agent"))
    with pytest.raises(UsageError, match="Say which server"):
        require_server(argparse.Namespace(server=None))
    assert require_server(argparse.Namespace(server="second")) == "second"


def test_qr_without_out_prints_a_scannable_code(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    from mtpm_desktop.cli import users
    from mtpm_desktop.cli.main import main

    link = "https://t.me/proxy?server=198.51.100.4&port=443&secret=ee00"
    user = SimpleNamespace(id="u1", name="anna", tme_link=link)
    monkeypatch.setattr(users, "open_service", lambda _args: SimpleNamespace(get_user=lambda _ref: user))
    assert main(["-s", "vps1", "qr", "anna"]) == 0
    out = capsys.readouterr().out
    rows = [r for r in out.splitlines() if r.strip()]
    assert rows[-1] == link
    assert len(rows) > 10 and any(ch in out for ch in "█▀▄")
    widths = {len(r) for r in rows[:-1]}
    assert len(widths) == 1  # a square block of half-block characters
