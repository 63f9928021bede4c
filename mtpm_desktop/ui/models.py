"""The users table: a model over a snapshot's `UserRow`s, a filter/sort proxy, and two delegates.

The model is replaced wholesale on every refresh (`set_users`): a snapshot is small (at most a few
thousand rows) and a reset is cheaper and simpler than diffing; the view keeps its selection by user id.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from mtpm_desktop.ui.fmt import (
    ago,
    clock_time,
    countdown,
    human_bytes,
    seconds_left,
    short_date,
    state_label,
)
from mtpm_desktop.ui.snapshot import UserRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
USER_ID_ROLE = Qt.ItemDataRole.UserRole + 2
USER_ROLE = Qt.ItemDataRole.UserRole + 3
BADGES_ROLE = Qt.ItemDataRole.UserRole + 4
FILTER_ROLE = Qt.ItemDataRole.UserRole + 5

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROLES = {
    _DISPLAY,
    _TOOLTIP,
    _ALIGN,
    _FOREGROUND,
    SORT_ROLE,
    USER_ID_ROLE,
    USER_ROLE,
    BADGES_ROLE,
    FILTER_ROLE,
}


_GREEN = QColor("#2e7d32")
_RED = QColor("#c62828")
_GREY = QColor("#757575")
EXPIRY_WARN_S = 3 * 86400  # an expiry closer than this is shown in red


class Col(IntEnum):
    # Values are what the remembered hidden columns store: new columns go at the end, never in between.
    NAME = 0
    PORT = 1
    DOMAIN = 2
    STATE = 3
    TRAFFIC = 4
    EXPIRES = 5
    CREATED = 6
    CHECK = 7
    ONLINE = 8
    LAST_SEEN = 9
    DEVICES = 10


_N_COLS = len(Col)
# The order the table shows them in (the enum's values stay stable for saved settings).
VISUAL_ORDER = (
    Col.ONLINE,
    Col.NAME,
    Col.PORT,
    Col.DOMAIN,
    Col.STATE,
    Col.TRAFFIC,
    Col.DEVICES,
    Col.LAST_SEEN,
    Col.EXPIRES,
    Col.CREATED,
    Col.CHECK,
)


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("UsersModel", "Name"),
        QCoreApplication.translate("UsersModel", "Port"),
        QCoreApplication.translate("UsersModel", "SNI domain"),
        QCoreApplication.translate("UsersModel", "State"),
        QCoreApplication.translate("UsersModel", "Traffic"),
        QCoreApplication.translate("UsersModel", "Expires"),
        QCoreApplication.translate("UsersModel", "Created"),
        QCoreApplication.translate("UsersModel", "Link check"),
        QCoreApplication.translate("UsersModel", "Online"),
        QCoreApplication.translate("UsersModel", "Last seen"),
        QCoreApplication.translate("UsersModel", "Devices"),
    ]


def badges(user: UserRow) -> list[str]:
    """Short state markers drawn as pills next to the state."""
    out = []
    # A badge repeats nothing the state text already says ("disabled  disabled").
    if not user.enabled and user.state != "disabled":
        out.append("disabled")
    if user.expired and user.state != "expired":
        out.append("expired")
    if user.throttled:
        out.append("throttled")
    if user.refused_connections > 0:
        out.append("device-limit")  # the server refused new devices over the limit
    return out


class UsersModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._users: list[UserRow] = []
        self._titles = column_titles()
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._hay_by_id: dict[str, str] = {}
        self._reindex()

    # -- data -----------------------------------------------------------------------------------------
    def set_users(self, users: list[UserRow]) -> None:
        self.beginResetModel()
        self._users = list(users)
        labels = {state: state_label(state) for state in {u.state for u in self._users}}
        # "online"/"offline" (in English and the UI language) filter by presence.
        presence = {
            True: "online " + QCoreApplication.translate("UsersModel", "online"),
            False: "offline " + QCoreApplication.translate("UsersModel", "offline"),
        }
        # Filter text per user, built once per snapshot (a sort only reorders it).
        self._hay_by_id = {
            u.id: " ".join(
                (u.name, str(u.port), u.domain, u.state, labels[u.state], u.id, presence[u.online])
            ).casefold()
            for u in self._users
        }
        self._apply_sort()
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        # Per-row caches: the view asks for the same cells again and again while scrolling, and
        # formatting (translations, byte units) in Python on every paint would stall a 1,000-row table.
        self._display_rows: list[list[str] | None] = [None] * len(self._users)
        self._haystacks = [self._hay_by_id[u.id] for u in self._users]
        self._rows_by_id = {u.id: i for i, u in enumerate(self._users)}

    def haystack(self, row: int) -> str:
        return self._haystacks[row]

    def users(self) -> list[UserRow]:
        return list(self._users)

    # -- sorting: done here with Python's sort on typed keys, not by the proxy's per-pair callbacks
    # (tens of thousands of Python calls for 1,000 rows), and kept across refreshes.
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [(self._users[i.row()].id, i.column()) for i in old]
        display = {u.id: cells for u, cells in zip(self._users, self._display_rows, strict=True)}
        self._apply_sort()
        self._reindex()
        self._display_rows = [display[u.id] for u in self._users]  # formatted cells move with their rows
        self.changePersistentIndexList(old, [self.index(self._rows_by_id[uid], c) for uid, c in old_ids])
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column = getattr(self, "_sort_column", -1)
        if 0 <= column < len(Col):
            col = Col(column)
            self._users.sort(
                key=lambda u: self._sort_key(u, col), reverse=self._sort_order == Qt.SortOrder.DescendingOrder
            )

    def user_at(self, row: int) -> UserRow | None:
        return self._users[row] if 0 <= row < len(self._users) else None

    def row_of(self, user_id: str) -> int:
        return self._rows_by_id.get(user_id, -1)

    def retranslate(self) -> None:
        self._titles = column_titles()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Col) - 1)

    # -- Qt model API ---------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _N_COLS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._titles):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            # The presence column is a dot wide: its title would make it five times wider than its content.
            return "" if section == Col.ONLINE else self._titles[section]
        if role == _TOOLTIP:
            return self._titles[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        u = self._users[row]
        col = index.column()
        if role == _DISPLAY:
            cells = self._display_rows[row]
            if cells is None:
                cells = [self._display(u, c) for c in Col]
                self._display_rows[row] = cells
            return cells[col]
        if role == USER_ROLE:
            return u
        if role == SORT_ROLE:
            return self._sort_key(u, Col(col))
        if role == USER_ID_ROLE:
            return u.id
        if role == BADGES_ROLE:
            return badges(u) if col == Col.STATE else None
        if role == FILTER_ROLE:
            return self._haystacks[row]
        if role == _TOOLTIP:
            return self._tooltip(u, Col(col))
        if role == _ALIGN:
            if col == Col.ONLINE:
                return int(Qt.AlignmentFlag.AlignCenter)
            return _RIGHT if col in (Col.PORT, Col.TRAFFIC, Col.DEVICES) else None
        if role == _FOREGROUND:
            return self._foreground(u, Col(col))
        return None

    @staticmethod
    def _foreground(u: UserRow, col: Col) -> QColor | None:
        if col == Col.CHECK:
            if not u.enabled:
                return _GREY  # a disabled user's proxy is off on purpose: not a failure
            if u.check_result:
                return _GREEN if u.check_result == "accepted" else _RED
        if col == Col.EXPIRES:
            left = seconds_left(u.expires_at)
            if left is not None and left < EXPIRY_WARN_S:
                return _RED
        if col == Col.ONLINE:
            return _GREEN if u.online else _GREY
        if col == Col.DEVICES and u.max_devices and u.devices_now >= u.max_devices:
            return _RED
        return None

    @staticmethod
    def _display(u: UserRow, col: Col) -> str:
        if col == Col.NAME:
            return u.name
        if col == Col.PORT:
            return str(u.port)
        if col == Col.DOMAIN:
            return u.domain
        if col == Col.STATE:
            return state_label(u.state)
        if col == Col.TRAFFIC:
            if u.limit_bytes > 0:
                return f"{human_bytes(u.used_bytes)} / {human_bytes(u.limit_bytes)}"
            return human_bytes(u.used_bytes)
        if col == Col.EXPIRES:
            return countdown(u.expires_at)
        if col == Col.CREATED:
            return short_date(u.created_at) if u.created_at else "—"
        if col == Col.CHECK:
            if not u.enabled:
                return QCoreApplication.translate("UsersModel", "disabled, not checked")
            if not u.check_result:
                return ""
            text = state_label(u.check_result)
            if u.check_rtt_ms is not None:
                text += " · " + QCoreApplication.translate("UsersModel", "{ms} ms").format(
                    ms=f"{u.check_rtt_ms:.0f}"
                )
            if u.check_at:
                text += f" · {clock_time(u.check_at)}"
            return text
        if col == Col.ONLINE:
            return "●" if u.online else "○"
        if col == Col.LAST_SEEN:
            return ago(u.last_seen)
        if col == Col.DEVICES:
            return f"{u.devices_now} / {u.max_devices}" if u.max_devices else str(u.devices_now)
        return ""  # pragma: no cover

    @staticmethod
    def _sort_key(u: UserRow, col: Col) -> Any:
        if col == Col.NAME:
            return u.name.casefold()
        if col == Col.PORT:
            return u.port
        if col == Col.DOMAIN:
            return u.domain
        if col == Col.STATE:
            return u.state
        if col == Col.TRAFFIC:
            return u.used_bytes
        if col == Col.EXPIRES:
            return u.expires_at or "9999"
        if col == Col.CREATED:
            return u.created_at or ""
        if col == Col.CHECK:
            return u.check_result
        if col == Col.ONLINE:
            return (u.online, u.connections)
        if col == Col.LAST_SEEN:
            return u.last_seen or ""
        if col == Col.DEVICES:
            return (u.devices_now, u.devices_24h)
        return ""  # pragma: no cover

    @staticmethod
    def _tooltip(u: UserRow, col: Col) -> str | None:
        if col == Col.NAME:
            return u.name  # a long name is elided in the cell
        if col == Col.TRAFFIC:
            limit = (
                human_bytes(u.limit_bytes)
                if u.limit_bytes
                else QCoreApplication.translate("UsersModel", "no limit")
            )
            return QCoreApplication.translate(
                "UsersModel", "This period: {used} of {limit}\nLifetime: {life}"
            ).format(used=human_bytes(u.used_bytes), limit=limit, life=human_bytes(u.lifetime_bytes))
        if col == Col.STATE and badges(u):
            return ", ".join(state_label(b) for b in badges(u))
        if col == Col.EXPIRES and u.expires_at:
            return short_date(u.expires_at)
        if col == Col.ONLINE:
            if u.online:
                return QCoreApplication.translate("UsersModel", "Online: {n} connection(s) open").format(
                    n=u.connections
                )
            return QCoreApplication.translate("UsersModel", "Offline")
        if col == Col.LAST_SEEN and u.last_seen:
            return short_date(u.last_seen)
        if col == Col.DEVICES:
            limit = (
                str(u.max_devices) if u.max_devices else QCoreApplication.translate("UsersModel", "no limit")
            )
            text = QCoreApplication.translate(
                "UsersModel", "Devices now: {now} (limit {limit})\nLast 24 h: {day} · last 30 days: {month}"
            ).format(now=u.devices_now, limit=limit, day=u.devices_24h, month=u.devices_30d)
            if u.refused_connections:
                text += "\n" + QCoreApplication.translate(
                    "UsersModel", "{n} connection(s) from new devices refused over the limit"
                ).format(n=u.refused_connections)
            return text
        if col == Col.CHECK and u.enabled and u.check_at:
            return QCoreApplication.translate("UsersModel", "Checked at {time}").format(
                time=clock_time(u.check_at)
            )
        return None


class UsersFilterProxy(QSortFilterProxyModel):
    """Case-insensitive filter over name, port, domain and state; sorting is forwarded to the source."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle: list[str] = []
        self.setDynamicSortFilter(False)

    def set_filter_text(self, text: str) -> None:
        needle = text.strip().lower().split()
        if needle == self._needle:
            return
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10; invalidateRowsFilter() is deprecated there
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._needle = needle
            self.invalidateRowsFilter()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The proxy stays unsorted (it keeps the source's order) and the source sorts itself fast.
        source = self.sourceModel()
        if isinstance(source, UsersModel):
            source.sort(column, order)
        else:  # pragma: no cover
            super().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        hay = model.haystack(source_row) if isinstance(model, UsersModel) else ""
        return all(part in hay for part in self._needle)


_BADGE_COLORS = {
    "disabled": "#757575",
    "expired": "#c62828",
    "throttled": "#ef6c00",
    "device-limit": "#6a1b9a",
}
_STATE_COLORS = {"running": "#2e7d32", "stopped": "#c62828", "missing": "#c62828", "expired": "#c62828"}


class StateDelegate(QStyledItemDelegate):
    """State text with a coloured dot and pill badges (disabled / expired / throttled)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        # Room for the dot and every badge, so "sized to content" never cuts a pill off.
        base = super().sizeHint(option, index)
        fm = option.fontMetrics
        width = 6 + 8 + 6 + fm.horizontalAdvance(str(index.data(_DISPLAY) or "")) + 8
        for b in index.data(BADGES_ROLE) or []:
            width += fm.horizontalAdvance(state_label(b)) + 10 + 4
        return QSize(max(base.width(), width + 4), base.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        user = index.data(USER_ROLE)
        rect = opt.rect.adjusted(6, 0, -4, 0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dot = QColor(_STATE_COLORS.get(getattr(user, "state", ""), "#9e9e9e"))
        d = 8
        painter.setBrush(dot)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(rect.x(), rect.center().y() - d // 2, d, d)
        painter.setPen(opt.palette.color(opt.palette.ColorRole.Text))
        x = rect.x() + d + 6
        fm = painter.fontMetrics()
        text_rect = QRect(x, rect.y(), rect.width(), rect.height())
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter), text)
        x += fm.horizontalAdvance(text) + 8
        for b in index.data(BADGES_ROLE) or []:
            label = state_label(b)
            w = fm.horizontalAdvance(label) + 10
            h = fm.height()
            pill = QRect(x, rect.center().y() - h // 2, w, h)
            painter.setBrush(QColor(_BADGE_COLORS.get(b, "#616161")))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(pill, h / 2, h / 2)
            painter.setPen(QColor("white"))
            painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), label)
            x += w + 4
        painter.restore()


class TrafficDelegate(QStyledItemDelegate):
    """Traffic this period against the limit, as a bar; plain text when unlimited.

    Painted with two rectangles rather than the style's progress bar: Fusion's gradient bar cost about
    a millisecond per cell, which adds up while scrolling a long table.
    """

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        base = super().sizeHint(option, index)
        return QSize(base.width() + 16, base.height())  # the bar's frame and a margin around the text

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        user = index.data(USER_ROLE)
        frac = user.usage_fraction if isinstance(user, UserRow) else None
        if frac is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = option.rect.adjusted(3, 4, -3, -4)
        pal = option.palette
        painter.save()
        painter.setPen(pal.color(pal.ColorRole.Mid))
        painter.setBrush(pal.color(pal.ColorRole.Base))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        chunk = QRect(rect)
        chunk.setWidth(int(rect.width() * max(0.0, min(1.0, frac))))
        color = QColor("#c62828") if frac >= 1.0 else QColor("#ef6c00") if frac >= 0.8 else QColor("#2e7d32")
        color.setAlpha(150)
        painter.fillRect(chunk, color)
        painter.setPen(pal.color(pal.ColorRole.Text))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()
