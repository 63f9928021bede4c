"""Which kinds of alert the app shows (an app-level preference in QSettings, not a server setting)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout, QWidget

from mtpm_desktop.ui.alert_center import KINDS

SETTING = "alerts/disabled_kinds"


def enabled_kinds() -> set[str]:
    """Every kind but those switched off (a kind added later is on by default)."""
    raw = QSettings().value(SETTING, [])
    disabled = {str(k) for k in (raw if isinstance(raw, list) else [raw] if raw else [])}
    return {k for k in KINDS if k not in disabled}


def set_kind_enabled(kind: str, on: bool) -> None:
    disabled = set(KINDS) - enabled_kinds()
    disabled.discard(kind) if on else disabled.add(kind)
    QSettings().setValue(SETTING, sorted(disabled))


class AlertSettingsBox(QGroupBox):
    """One check box per kind; a change applies at once (to the next refresh's alerts)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertSettings")
        self.setTitle(self.tr("Desktop notifications"))
        labels = {
            "unreachable": self.tr("A server becomes unreachable"),
            "quota_80": self.tr("A user reaches 80 % of the quota"),
            "quota_100": self.tr("A user reaches 100 % of the quota"),
            "expiry": self.tr("A user expires within 3 days"),
            "certificate": self.tr("A certificate expires within 14 days"),
            "clock": self.tr("The server's clock is off by more than 1 s"),
            "device_refused": self.tr("A device limit refuses connections"),
        }
        layout = QVBoxLayout(self)
        on = enabled_kinds()
        self.boxes: dict[str, QCheckBox] = {}
        for kind in KINDS:
            box = QCheckBox(labels.get(kind, kind))
            box.setObjectName("alertKind_" + kind)
            box.setChecked(kind in on)
            box.toggled.connect(lambda checked, k=kind: set_kind_enabled(k, checked))
            layout.addWidget(box)
            self.boxes[kind] = box
