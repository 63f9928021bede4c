"""Server → Restore from backup… lists the automatic backups by date; Server → Move users… offers the other
servers and the users, all checked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mtpm_desktop.remote.migrate.local_backups import all_backups, save_backup
from mtpm_desktop.ui.dlg_migrate import MoveDialog, RestoreDialog

pytestmark = pytest.mark.ui


def test_restore_dialog_lists_backups_newest_first(qtbot: QtBot, tmp_path: Path) -> None:
    start = datetime(2026, 12, 1, 10, tzinfo=UTC)
    for i, server in enumerate(["prod", "prod", "spare"]):
        save_backup(tmp_path, server, b"data", now=start + timedelta(hours=i))
    dlg = RestoreDialog("new-box", all_backups(tmp_path))
    qtbot.addWidget(dlg)
    texts = [dlg.list.item(i).text() for i in range(dlg.list.count())]
    assert len(texts) == 3 and "spare" in texts[0] and "prod" in texts[2]
    assert dlg.chosen_path() == str(all_backups(tmp_path)[0].path)


def test_restore_dialog_without_backups_cannot_be_accepted(qtbot: QtBot) -> None:
    dlg = RestoreDialog("new-box", [])
    qtbot.addWidget(dlg)
    assert dlg.chosen_path() is None


def test_move_dialog_offers_other_servers_and_every_user(qtbot: QtBot) -> None:
    dlg = MoveDialog("old", ["old", "new", "spare"], [("u1", "anna"), ("u2", "boris")])
    qtbot.addWidget(dlg)
    assert [dlg.target.itemText(i) for i in range(dlg.target.count())] == ["new", "spare"]
    assert dlg.chosen_ids() == ["u1", "u2"]
    from PySide6.QtCore import Qt

    dlg.users.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert dlg.chosen_ids() == ["u2"]
    assert not dlg.stop_old.isChecked()  # OLD is stopped only when the admin asks
