"""The All servers table: one row per server from its latest snapshot, and the totals above it.

Rows come from the snapshots the controller already keeps (fresh, or cached and marked unreachable), so
the table never waits on a server. The certificate's expiry comes from the server's site status (read by
the page); the last backup from a snapshot field when a snapshot carries one. A server without a
certificate or a backup shows "—".
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from mtpm_desktop.ui.fmt import human_age, human_bytes, parse_iso
from mtpm_desktop.ui.snapshot import ServerSnapshot

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SERVER_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex
_RED = QColor("#c62828")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# Snapshot fields the backups feature fills in, tried in order (a snapshot without any shows "—").
LAST_BACKUP_FIELDS = ("last_backup_at", "last_backup")


class FleetCol(IntEnum):
    SERVER = 0
    STATUS = 1
    USERS = 2
    TRAFFIC = 3
    CLOCK = 4
    CERTIFICATE = 5
    BACKUP = 6


def _field(snap: ServerSnapshot, names: tuple[str, ...]) -> Any:
    for name in names:
        value = getattr(snap, name, None)
        if value is None:
            value = snap.settings.get(name)
        if value is not None and value != "":
            return value
    return None


def _epoch(value: Any) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, datetime):
        return value.timestamp()
    dt = parse_iso(str(value)) if value is not None else None
    return dt.timestamp() if dt is not None else None


@dataclass(frozen=True)
class FleetRow:
    """What the table shows of one server (None where it has no snapshot yet)."""

    server: str
    reachable: bool | None  # None: never refreshed
    reason: str = ""
    running: int = 0
    should_run: int = 0
    enabled: int = 0
    users: int = 0
    used_bytes: int = 0
    clock_offset_s: float | None = None
    cert_days_left: int | None = None
    last_backup_at: float | None = None  # epoch seconds
    known: bool = False  # there is data from some refresh (maybe old)

    @classmethod
    def of(
        cls,
        server: str,
        snap: ServerSnapshot | None,
        cert_not_after: str | None = None,
        now: float | None = None,
    ) -> FleetRow:
        """`cert_not_after`: the certificate's expiry (ISO 8601) from the server's site status, if any."""
        if snap is None:
            return cls(server, None)
        if snap.taken_at <= 0 and not snap.users:  # refreshed only ever in vain: nothing known yet
            return cls(server, snap.reachable, snap.reason)
        expiry = _epoch(cert_not_after) if cert_not_after else None
        days = (
            None if expiry is None else math.floor((expiry - (time.time() if now is None else now)) / 86400)
        )
        return cls(
            server=server,
            reachable=snap.reachable,
            reason=snap.reason,
            running=snap.running,
            should_run=snap.total,
            enabled=sum(1 for u in snap.users if u.enabled),
            users=len(snap.users),
            used_bytes=snap.used_bytes,
            clock_offset_s=snap.clock_offset_s,
            cert_days_left=days,
            last_backup_at=_epoch(_field(snap, LAST_BACKUP_FIELDS)),
            known=True,
        )


@dataclass(frozen=True)
class FleetTotals:
    servers: int
    reachable: int
    running: int
    should_run: int
    enabled: int
    users: int
    used_bytes: int

    @classmethod
    def of(cls, rows: list[FleetRow]) -> FleetTotals:
        return cls(
            servers=len(rows),
            reachable=sum(1 for r in rows if r.reachable),
            running=sum(r.running for r in rows),
            should_run=sum(r.should_run for r in rows),
            enabled=sum(r.enabled for r in rows),
            users=sum(r.users for r in rows),
            used_bytes=sum(r.used_bytes for r in rows),
        )


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("FleetModel", "Server"),
        QCoreApplication.translate("FleetModel", "Status"),
        QCoreApplication.translate("FleetModel", "Users (enabled / total)"),
        QCoreApplication.translate("FleetModel", "Traffic this period"),
        QCoreApplication.translate("FleetModel", "Clock offset"),
        QCoreApplication.translate("FleetModel", "Certificate"),
        QCoreApplication.translate("FleetModel", "Last backup"),
    ]


def status_text(row: FleetRow) -> str:
    if row.reachable is None:
        return QCoreApplication.translate("FleetModel", "not checked yet")
    if not row.reachable:
        return QCoreApplication.translate("FleetModel", "unreachable: {reason}").format(reason=row.reason)
    return QCoreApplication.translate("FleetModel", "Running {running}/{total}").format(
        running=row.running, total=row.should_run
    )


class FleetModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FleetRow] = []
        self._titles = column_titles()

    def set_rows(self, rows: list[FleetRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[FleetRow]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FleetCol)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = FleetCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == SERVER_ROLE:
            return row.server
        if role == Qt.ItemDataRole.ToolTipRole and col == FleetCol.STATUS and row.reason:
            return row.reason
        if role == Qt.ItemDataRole.ForegroundRole and col == FleetCol.STATUS and row.reachable is False:
            return _RED
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (FleetCol.USERS, FleetCol.TRAFFIC):
            return _RIGHT
        return None

    def _text(self, row: FleetRow, col: FleetCol) -> str:
        if col == FleetCol.SERVER:
            return row.server
        if col == FleetCol.STATUS:
            return status_text(row)
        if not row.known:
            return "—"
        if col == FleetCol.USERS:
            return f"{row.enabled} / {row.users}"
        if col == FleetCol.TRAFFIC:
            return human_bytes(row.used_bytes)
        if col == FleetCol.CLOCK:
            return "—" if row.clock_offset_s is None else f"{row.clock_offset_s:+.1f} s"
        if col == FleetCol.CERTIFICATE:
            if row.cert_days_left is None:
                return "—"
            if row.cert_days_left < 0:
                return QCoreApplication.translate("FleetModel", "expired")
            return QCoreApplication.translate("FleetModel", "{days} days left").format(
                days=row.cert_days_left
            )
        if row.last_backup_at is None:
            return "—"
        return human_age(time.time() - row.last_backup_at)

    @staticmethod
    def _sort_key(row: FleetRow, col: FleetCol) -> Any:
        keys: dict[FleetCol, Any] = {
            FleetCol.SERVER: row.server.lower(),
            FleetCol.STATUS: (row.reachable is not True, row.running),
            FleetCol.USERS: row.users,
            FleetCol.TRAFFIC: row.used_bytes,
            FleetCol.CLOCK: abs(row.clock_offset_s or 0.0),
            FleetCol.CERTIFICATE: row.cert_days_left if row.cert_days_left is not None else 10**9,
            FleetCol.BACKUP: row.last_backup_at or 0.0,
        }
        return keys[col]
