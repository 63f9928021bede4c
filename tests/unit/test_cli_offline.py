"""The offline ``mtpm`` commands: state check, secret new/show, link; global option placement; exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mtpm_desktop.cli.main import main
from mtpm_desktop.core.secret import parse_secret
from mtpm_desktop.core.state import load_state

pytestmark = pytest.mark.unit
DATA = Path(__file__).resolve().parent.parent / "data"
PHONE = "ee1f2e3d4c5b6a798807162534435261707777772e6170706c652e636f6d"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_secret_new_prints_a_valid_secret(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "secret", "new", "--domain", "www.apple.com")
    assert code == 0 and err == ""
    assert parse_secret(out.strip()).domain == "www.apple.com"
    code, out, _ = run(capsys, "secret", "new", "--domain", "ya.ru", "--base64")
    assert code == 0 and parse_secret(out.strip()).domain == "ya.ru" and not out.startswith("ee")
    code, out, _ = run(capsys, "--json", "secret", "new", "--domain", "vk.com")
    data = json.loads(out)
    assert data["domain"] == "vk.com" and parse_secret(data["base64"]).hex() == data["secret"]


def test_secret_new_bad_domain_is_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "secret", "new", "--domain", "not_a_domain")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("mtpm: ") and "not_a_domain" in err


def test_secret_show(capsys: pytest.CaptureFixture[str]) -> None:
    b64 = parse_secret(PHONE).base64()
    code, out, _ = run(capsys, "secret", "show", b64, "--json")
    assert code == 0 and json.loads(out) == {"domain": "www.apple.com", "hex": PHONE, "base64": b64}
    code, _, err = run(capsys, "secret", "show", "dd" + "01" * 16)
    assert code == 1 and "'dd'" in err


def test_link_offline_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "link", "--server", "proxy.example.net", "--port", "443", "--secret", PHONE)
    assert code == 0
    assert out.splitlines() == [
        f"tg://proxy?server=proxy.example.net&port=443&secret={PHONE}",
        f"https://t.me/proxy?server=proxy.example.net&port=443&secret={PHONE}",
    ]
    for argv in (
        ["link", "--server", "203.0.113.10", "--port", "2444", "--secret", PHONE, "--json"],
        ["--json", "link", "-s", "203.0.113.10", "--port", "2444", "--secret", PHONE],
        ["-s", "203.0.113.10", "--json", "link", "--port", "2444", "--secret", PHONE],
    ):
        code, out, _ = run(capsys, *argv)
        assert code == 0, argv
        assert json.loads(out) == {
            "server": "203.0.113.10",
            "port": 2444,
            "secret": PHONE,
            "tg_link": f"tg://proxy?server=203.0.113.10&port=2444&secret={PHONE}",
            "tme_link": f"https://t.me/proxy?server=203.0.113.10&port=2444&secret={PHONE}",
        }


@pytest.mark.parametrize(
    ("argv", "code", "fragment"),
    [
        (["link"], 2, "Say which link"),
        (["link", "--secret", PHONE, "--port", "2443"], 2, "--host HOST"),
        (["link", "--server", "h.example.com", "--secret", PHONE], 2, "--port"),
        (["link", "bob", "--server", "h.example.com", "--port", "1", "--secret", PHONE], 2, "not both"),
        (["link", "--server", "h.example.com", "--port", "99999", "--secret", PHONE], 1, "out of range"),
        (["link", "--server", "h.example.com", "--port", "2443", "--secret", "abc+/="], 1, "base64"),
    ],
)
def test_link_errors(capsys: pytest.CaptureFixture[str], argv: list[str], code: int, fragment: str) -> None:
    got, _, err = run(capsys, *argv)
    assert got == code
    assert fragment in err and err.count("\n") == 1


def test_json_error_is_also_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--json", "secret", "show", "nonsense!")
    assert code == 1 and err.startswith("mtpm: ")
    data = json.loads(out)
    assert data["ok"] is False and data["error_type"] == "InvalidSecret" and data["error"] in err


def test_state_check_old_panel_example(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "old_panel_config.json")
    code, out, err = run(capsys, "state", "check", path)
    assert code == 0 and err == ""
    assert "0 problem(s)" in out and "migrated to schema 1" in out
    migrated = out.split("Migrated state:\n", 1)[1]
    assert load_state(migrated).problems == []
    code, out, _ = run(capsys, "state", "check", path, "--json")
    data = json.loads(out)
    assert data["ok"] is True and data["migrated"] is True and data["problems"] == []
    assert [(u["name"], u["port"]) for u in data["state"]["users"]] == [("Phone", 2443), ("Friend", 2444)]
    assert data["state"]["port_443_mode"] is True


def test_state_check_reports_every_problem_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "old_panel_messy.json")
    code, out, err = run(capsys, "state", "check", "--json", path)
    data = json.loads(out)
    assert code == 1
    assert data["ok"] is False and len(data["problems"]) == len(load_state(Path(path).read_text()).problems)
    assert len(data["state"]["users"]) == 5
    assert "hunter2" not in out
    assert err.count("\n") == 1 and "problem(s)" in err


def test_state_check_unreadable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "state", "check", str(tmp_path / "missing.json"))
    assert code == 1 and "No file" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"users": [')
    code, _, err = run(capsys, "state", "check", str(broken))
    assert code == 1 and "not valid JSON" in err and "line 1" in err
    code, _, err = run(capsys, "state", "check", str(tmp_path))
    assert code == 1 and "folder" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "no-such-command")[0] == 2
    assert run(capsys)[0] == 2
    assert run(capsys, "secret")[0] == 2
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("mtpm ")


def test_console_script_end_to_end(tmp_path: Path) -> None:
    """The installed ``mtpm`` entry point (not just main()) reads stdin and sets the exit code."""
    script = Path(sys.executable).with_name("mtpm")
    assert script.exists(), "the mtpm console script is missing: pip install -e . did not run"
    text = (DATA / "old_panel_config.json").read_text()
    proc = subprocess.run(
        [str(script), "state", "check", "-", "--json"],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["ok"] is True
    argv = [
        sys.executable,
        "-m",
        "mtpm_desktop.cli",
        "link",
        "--server",
        "1.2.3.4",
        "--port",
        "2443",
        "--secret",
        "bad",
    ]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 1 and proc.stdout == "" and proc.stderr.startswith("mtpm: ")


def test_groups_can_be_extended_by_several_modules(capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from mtpm_desktop.cli.main import add_command, add_group

    parser = argparse.ArgumentParser(prog="t")
    sub = parser.add_subparsers(dest="command")
    first = add_group(sub, "grp", "a group")
    add_command(first, "one", lambda a: "1", "first")
    again = add_group(sub, "grp", "a group")
    assert again is first
    add_command(again, "two", lambda a: {"x": 2}, "second")
    args = parser.parse_args(["grp", "two", "--json", "-s", "prod"])
    assert (args.json, args.server, args.handler(args)) == (True, "prod", {"x": 2})
