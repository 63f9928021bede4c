"""Users table model, filter/sort proxy and the snapshot cache."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from mtpm_desktop.ui.models import (
    BADGES_ROLE,
    Col,
    StateDelegate,
    TrafficDelegate,
    UsersFilterProxy,
    UsersModel,
)
from mtpm_desktop.ui.snapshot import ServerSnapshot, SnapshotCache, UserRow

pytestmark = pytest.mark.ui

GB = 1024**3


def rows() -> list[UserRow]:
    return [
        UserRow(
            id="u1",
            name="alice",
            port=2444,
            domain="www.google.com",
            state="running",
            used_bytes=GB,
            limit_bytes=2 * GB,
        ),
        UserRow(id="u2", name="Bob", port=2445, domain="ya.ru", state="stopped", enabled=False),
        UserRow(
            id="u3",
            name="carol",
            port=2443,
            domain="vk.com",
            state="running",
            throttled=True,
            used_bytes=3 * GB,
            limit_bytes=2 * GB,
            expired=True,
        ),
    ]


def test_model_columns_and_badges(qtbot: QtBot) -> None:
    m = UsersModel()
    m.set_users(rows())
    assert m.rowCount() == 3 and m.columnCount() == len(Col)
    assert m.data(m.index(0, Col.NAME)) == "alice"
    assert m.data(m.index(0, Col.PORT)) == "2444"
    assert m.data(m.index(0, Col.TRAFFIC)) == "1.0 GB / 2.0 GB"
    assert m.data(m.index(1, Col.STATE), BADGES_ROLE) == ["disabled"]
    assert m.data(m.index(2, Col.STATE), BADGES_ROLE) == ["expired", "throttled"]
    assert m.headerData(Col.DOMAIN, Qt.Orientation.Horizontal) == "SNI domain"


def test_proxy_filters_and_sorts(qtbot: QtBot) -> None:
    m = UsersModel()
    m.set_users(rows())
    p = UsersFilterProxy()
    p.setSourceModel(m)
    p.sort(Col.PORT, Qt.SortOrder.AscendingOrder)
    assert [p.data(p.index(r, Col.NAME)) for r in range(p.rowCount())] == ["carol", "alice", "Bob"]
    p.sort(Col.NAME, Qt.SortOrder.AscendingOrder)  # case-insensitive
    assert [p.data(p.index(r, Col.NAME)) for r in range(p.rowCount())] == ["alice", "Bob", "carol"]
    p.sort(Col.TRAFFIC, Qt.SortOrder.DescendingOrder)
    assert p.data(p.index(0, Col.NAME)) == "carol"
    p.set_filter_text("BOB")
    assert p.rowCount() == 1
    p.set_filter_text("running 2443")
    assert [p.data(p.index(r, Col.NAME)) for r in range(p.rowCount())] == ["carol"]
    p.set_filter_text("")
    assert p.rowCount() == 3


def test_delegates_paint_without_warnings(qtbot: QtBot) -> None:
    m = UsersModel()
    m.set_users(rows())
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(m)
    view.setItemDelegateForColumn(Col.STATE, StateDelegate(view))
    view.setItemDelegateForColumn(Col.TRAFFIC, TrafficDelegate(view))
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    img = view.grab()  # forces a full paint through both delegates
    assert not img.isNull()


def test_snapshot_cache_round_trip_private(tmp_path: Path) -> None:
    cache = SnapshotCache(tmp_path / "snaps")
    snap = ServerSnapshot(
        server="vps / one", users=rows(), settings={"proxy_port": 2443}, taken_at=time.time() - 90
    )
    cache.save(snap)
    files = list((tmp_path / "snaps").iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(os.stat(files[0]).st_mode) == 0o600
    back = cache.load("vps / one")
    assert back is not None
    assert back.users == snap.users
    assert back.settings == {"proxy_port": 2443}
    assert 89 <= back.age_seconds() < 200
    assert back.running == 2 and back.total == 1 and back.port_range == (2443, 2445)
    stale = back.stale("Connection refused")
    assert not stale.reachable and stale.reason == "Connection refused" and stale.taken_at == back.taken_at
    assert cache.load("other") is None
    files[0].write_text("{not json")
    assert cache.load("vps / one") is None


def presence_rows() -> list[UserRow]:
    now = time.time()

    def iso(ago_s: float) -> str:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - ago_s))

    return [
        UserRow(
            id="a",
            name="anna",
            port=2443,
            online=True,
            connections=3,
            last_seen=iso(20),
            devices_now=2,
            devices_24h=3,
            devices_30d=5,
            max_devices=3,
        ),
        UserRow(
            id="b",
            name="boris",
            port=2444,
            last_seen=iso(5 * 60 + 10),
            devices_now=0,
            devices_24h=1,
            devices_30d=1,
            max_devices=2,
            refused_connections=4,
        ),
        UserRow(id="c", name="clara", port=2445, last_seen=None, devices_now=0),
        UserRow(
            id="d",
            name="dima",
            port=2446,
            online=True,
            connections=1,
            last_seen=iso(3 * 86400),
            devices_now=1,
        ),
    ]


def test_presence_columns_show_online_last_seen_and_devices(qtbot: QtBot) -> None:
    m = UsersModel()
    m.set_users(presence_rows())
    cell = lambda r, c: m.data(m.index(r, c))  # noqa: E731
    assert [cell(r, Col.ONLINE) for r in range(4)] == ["●", "○", "○", "●"]
    assert [cell(r, Col.LAST_SEEN) for r in range(4)] == ["now", "5 min ago", "never", "3 d ago"]
    assert [cell(r, Col.DEVICES) for r in range(4)] == ["2 / 3", "0 / 2", "0", "1"]
    assert "3 connection(s)" in m.data(m.index(0, Col.ONLINE), Qt.ItemDataRole.ToolTipRole)
    assert "4 connection(s) from new devices refused" in m.data(
        m.index(1, Col.DEVICES), Qt.ItemDataRole.ToolTipRole
    )
    # Refusals show as a badge beside the state; the header of the dot column is the dot's own width.
    assert m.data(m.index(1, Col.STATE), BADGES_ROLE) == ["device-limit"]
    assert m.headerData(Col.ONLINE, Qt.Orientation.Horizontal) == ""
    assert m.headerData(Col.ONLINE, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Online"


def test_presence_columns_sort_and_filter(qtbot: QtBot) -> None:
    m = UsersModel()
    m.set_users(presence_rows())
    p = UsersFilterProxy()
    p.setSourceModel(m)
    names = lambda: [p.data(p.index(r, Col.NAME)) for r in range(p.rowCount())]  # noqa: E731
    p.sort(Col.ONLINE, Qt.SortOrder.DescendingOrder)
    assert names()[:2] == ["anna", "dima"]  # online first, the one with more connections on top
    p.sort(Col.LAST_SEEN, Qt.SortOrder.DescendingOrder)
    assert names() == ["anna", "boris", "dima", "clara"]  # most recent first, never seen last
    p.sort(Col.DEVICES, Qt.SortOrder.DescendingOrder)
    assert names()[0] == "anna"
    p.set_filter_text("online")
    assert sorted(names()) == ["anna", "dima"]
    p.set_filter_text("offline")
    assert sorted(names()) == ["boris", "clara"]
