"""The pieces of a move that need no server: DNS records, the share sheet, the CLI refusing a bad backup
before it connects anywhere."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from mtpm_desktop.core.backup_format import BackupPayload, encrypt
from mtpm_desktop.core.share_sheet import share_sheet_html
from mtpm_desktop.core.state import ServerState
from mtpm_desktop.remote.migrate.move import dns_records, resolves_to

pytestmark = pytest.mark.unit


def test_a_domain_gives_the_record_to_change() -> None:
    old = ServerState(server_domain="proxy.example.com", server_ip="198.51.100.1")
    new = ServerState(server_ip="203.0.113.7")
    assert [r.to_json() for r in dns_records(old, new, "ignored")] == [
        {"name": "proxy.example.com", "type": "A", "value": "203.0.113.7"}
    ]
    assert dns_records(old, ServerState(server_ip="2001:db8::7"), "")[0].type == "AAAA"
    from mtpm_desktop.core.state import User

    old.users.append(
        User(id="u1", name="anna", secret="", port=2443, fake_tls_domain="a1b2.proxy.example.com")
    )
    assert [r.name for r in dns_records(old, new, "")] == ["proxy.example.com", "*.proxy.example.com"]
    assert dns_records(ServerState(server_ip="198.51.100.1"), new, "") == []


def test_the_resolver_check_answers_for_a_local_name() -> None:
    assert resolves_to("localhost", "127.0.0.1")
    assert not resolves_to("localhost", "203.0.113.7")


def test_share_sheet_has_each_name_link_and_qr() -> None:
    links = [
        ("Анна <3", "https://t.me/proxy?server=203.0.113.7&port=2443&secret=ee00"),
        ("Boris", "https://t.me/x"),
    ]
    page = share_sheet_html("New links", links)
    assert "Анна &lt;3" in page and "<3" not in page.replace("&lt;3", "")
    assert "server=203.0.113.7&amp;port=2443" in page
    assert len(re.findall(r"<svg", page)) == 2


def test_restore_refuses_a_wrong_passphrase_before_connecting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    from mtpm_desktop.cli import migrate as cli_migrate
    from mtpm_desktop.cli.main import main

    def never(name: str) -> Any:
        raise AssertionError(f"connected to {name}")

    monkeypatch.setattr(cli_migrate, "service_for", never)
    backup = tmp_path / "b.mtpmbak"
    backup.write_bytes(encrypt(BackupPayload(config={"users": []}), "right"))
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    code = main(["server", "restore", str(backup), "--to", "vps2", "--passphrase-stdin", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and out["error_type"] == "WrongPassphrase"
    backup.write_bytes(backup.read_bytes()[:-5])
    monkeypatch.setattr("sys.stdin", io.StringIO("right\n"))
    code = main(["server", "restore", str(backup), "--to", "vps2", "--passphrase-stdin", "--json"])
    assert code == 1 and json.loads(capsys.readouterr().out)["error_type"] == "DamagedBackup"
