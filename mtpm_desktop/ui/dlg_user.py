"""Add a user, and the per-user settings dialog (domain, limit, throttle, expiry, regenerate secret)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.ui.backend import NewUser, UserEdit
from mtpm_desktop.ui.fmt import parse_iso
from mtpm_desktop.ui.snapshot import UserRow


def domain_pool() -> list[str]:
    """The core's SNI domain pool (custom domains are typed into the editable combo)."""
    from mtpm_desktop.core.domains import domain_pool as pool

    return list(pool())


def _domain_combo(current: str = "") -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)  # custom domains are typed in
    combo.setObjectName("domainCombo")
    combo.addItem("")
    combo.addItems(domain_pool())
    combo.setCurrentText(current)
    return combo


def end_of_month(now: datetime) -> datetime:
    """The last minute of `now`'s month, in `now`'s time zone."""
    first_next = (now.replace(day=1) + timedelta(days=32)).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    return first_next - timedelta(minutes=1)


def iso_utc(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class AddUserDialog(QDialog):
    """Name, plus port, domain, limit, throttle and expiry, as `mtpm user add` takes them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addUserDialog")
        self.setWindowTitle(self.tr("Add user"))
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setPlaceholderText(self.tr("e.g. alice-phone"))
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("portSpin")
        self.port_spin.setRange(0, 65535)
        self.port_spin.setSpecialValueText(self.tr("automatic"))
        self.domain_combo = _domain_combo()
        line = self.domain_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("server default"))
        self.limit_spin = QDoubleSpinBox()
        self.limit_spin.setObjectName("limitSpin")
        self.limit_spin.setRange(0, 1_000_000)
        self.limit_spin.setSuffix(self.tr(" GB"))
        self.limit_spin.setSpecialValueText(self.tr("server default"))
        self.limit_spin.setToolTip(self.tr("Traffic per quota period; over it the user is slowed down"))
        self.unlimited_check = QCheckBox(self.tr("Unlimited (ignore the server's limit)"))
        self.unlimited_check.toggled.connect(lambda on: self.limit_spin.setEnabled(not on))
        self.throttle_spin = QDoubleSpinBox()
        self.throttle_spin.setObjectName("throttleSpin")
        self.throttle_spin.setRange(0, 100_000)
        self.throttle_spin.setSuffix(self.tr(" Mbit/s"))
        self.throttle_spin.setSpecialValueText(self.tr("server default"))
        self.throttle_spin.setToolTip(self.tr("The speed the user still gets over the limit"))
        self.expires_check = QCheckBox(self.tr("Expires"))
        self.expires_check.setObjectName("expiresCheck")
        self.expires_edit = QDateTimeEdit()
        self.expires_edit.setObjectName("expiresEdit")
        self.expires_edit.setCalendarPopup(True)
        self.expires_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.expires_edit.setEnabled(False)
        self.expires_check.toggled.connect(self.expires_edit.setEnabled)
        self.set_expiry(datetime.now().astimezone() + timedelta(days=30), checked=False)
        presets = QHBoxLayout()
        presets.setContentsMargins(0, 0, 0, 0)
        self.preset_buttons: dict[str, QPushButton] = {}
        for key, label in (
            ("7d", self.tr("+7 d")),
            ("30d", self.tr("+30 d")),
            ("month", self.tr("End of month")),
        ):
            b = QPushButton(label)
            b.setObjectName(f"preset_{key}")
            b.setAutoDefault(False)
            b.clicked.connect(lambda _c=False, k=key: self.apply_preset(k))
            presets.addWidget(b)
            self.preset_buttons[key] = b
        presets.addStretch(1)
        expiry = QWidget()
        el = QVBoxLayout(expiry)
        el.setContentsMargins(0, 0, 0, 0)
        el.addWidget(self.expires_edit)
        el.addLayout(presets)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Port:"), self.port_spin)
        form.addRow(self.tr("Fake-TLS domain:"), self.domain_combo)
        form.addRow(self.tr("Traffic limit:"), self.limit_spin)
        form.addRow("", self.unlimited_check)
        form.addRow(self.tr("Throttle speed:"), self.throttle_spin)
        form.addRow(self.expires_check, expiry)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Add user"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        if self.name_edit.text().strip():
            self.accept()
        else:
            self.name_edit.setFocus()

    def values(self) -> tuple[str, int | None, str | None]:
        port = self.port_spin.value() or None
        domain = self.domain_combo.currentText().strip() or None
        return self.name_edit.text().strip(), port, domain

    def set_expiry(self, when: datetime, checked: bool = True) -> None:
        self.expires_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(when.timestamp())))
        self.expires_check.setChecked(checked)

    def apply_preset(self, key: str, now: datetime | None = None) -> None:
        now = now or datetime.now().astimezone()
        when = {
            "7d": now + timedelta(days=7),
            "30d": now + timedelta(days=30),
            "month": end_of_month(now),
        }[key]
        self.set_expiry(when)

    def extra(self) -> NewUser:
        """Limit, throttle and expiry; None where the server's value applies."""
        expires = None
        if self.expires_check.isChecked():
            expires = iso_utc(datetime.fromtimestamp(self.expires_edit.dateTime().toSecsSinceEpoch(), UTC))
        return NewUser(
            limit_gb=self.limit_spin.value() or None,
            throttle_mbps=self.throttle_spin.value() or None,
            expires_at=expires,
            unlimited=self.unlimited_check.isChecked(),
        )


class UserSettingsDialog(QDialog):
    def __init__(self, user: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userSettingsDialog")
        self.user = user
        self.setWindowTitle(self.tr("User settings: {name}").format(name=user.name))
        form = QFormLayout()
        self.name_edit = QLineEdit(user.name)
        self.name_edit.setObjectName("nameEdit")
        self.domain_combo = _domain_combo(user.domain)
        self.limit_spin = QDoubleSpinBox()
        self.limit_spin.setObjectName("limitSpin")
        self.limit_spin.setRange(0, 1_000_000)
        self.limit_spin.setDecimals(2)
        self.limit_spin.setSuffix(self.tr(" GB"))
        self.limit_spin.setSpecialValueText(self.tr("server default"))
        self.limit_spin.setValue(user.limit_gb)
        self.unlimited_check = QCheckBox(self.tr("Unlimited (ignore the server's limit)"))
        self.unlimited_check.setChecked(user.unlimited)
        self.unlimited_check.toggled.connect(lambda on: self.limit_spin.setEnabled(not on))
        self.limit_spin.setEnabled(not user.unlimited)
        self.throttle_spin = QDoubleSpinBox()
        self.throttle_spin.setRange(0, 100_000)
        self.throttle_spin.setSuffix(self.tr(" Mbit/s"))
        self.throttle_spin.setSpecialValueText(self.tr("server default"))
        self.throttle_spin.setValue(user.throttle_mbps)
        self.expires_check = QCheckBox(self.tr("Expires"))
        self.expires_edit = QDateTimeEdit()
        self.expires_edit.setCalendarPopup(True)
        self.expires_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        exp = parse_iso(user.expires_at)
        self.expires_check.setChecked(exp is not None)
        when = exp or (datetime.now(UTC) + timedelta(days=30))
        self.expires_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(when.timestamp())))
        self.expires_edit.setEnabled(exp is not None)
        self.expires_check.toggled.connect(self.expires_edit.setEnabled)
        self.regen_check = QCheckBox(self.tr("Regenerate the secret (the old link stops working)"))
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Fake-TLS domain:"), self.domain_combo)
        form.addRow(self.tr("Traffic limit:"), self.limit_spin)
        form.addRow("", self.unlimited_check)
        form.addRow(self.tr("Throttle speed:"), self.throttle_spin)
        form.addRow(self.expires_check, self.expires_edit)
        form.addRow("", self.regen_check)
        note = QLabel(self.tr("Changing the domain or the secret changes the user's link."))
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def edit(self) -> UserEdit:
        """Only what changed, so an unrelated field never rewrites the server's value."""
        u = self.user
        e = UserEdit()
        name = self.name_edit.text().strip()
        if name and name != u.name:
            e.name = name
        domain = self.domain_combo.currentText().strip()
        if domain and domain != u.domain:
            e.domain = domain
        if self.unlimited_check.isChecked() != u.unlimited:
            e.unlimited = self.unlimited_check.isChecked()
        if abs(self.limit_spin.value() - u.limit_gb) > 1e-9:
            e.limit_gb = self.limit_spin.value()
        if abs(self.throttle_spin.value() - u.throttle_mbps) > 1e-9:
            e.throttle_mbps = self.throttle_spin.value()
        if self.expires_check.isChecked():
            when = datetime.fromtimestamp(self.expires_edit.dateTime().toSecsSinceEpoch(), UTC)
            iso = when.strftime("%Y-%m-%dT%H:%M:%SZ")
            old = parse_iso(u.expires_at)
            if old is None or abs(old.timestamp() - when.timestamp()) >= 60:
                e.expires_at = iso
        elif u.expires_at:
            e.expires_at = ""
        e.regenerate_secret = self.regen_check.isChecked()
        return e
