"""Server settings: the state file's server keys, port-443 mode with a preview, counters, import.

Edits are tracked against the values the form last took from the server (`baseline`). A refresh (every
60 s) rewrites only the fields nobody touched; a touched field keeps the admin's value, and when the server
changed underneath a note says so. Apply is enabled only while something differs from the server. The
window asks before the page is left with unapplied edits (`has_unapplied`).

Groups are built with `add_group(title)` and fields with `add_field(...)`, which gives every field the same
capped width, a tooltip and a label lined up with the labels of every other group.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.ui import confirm
from mtpm_desktop.ui.alert_settings import AlertSettingsBox
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.dlg_user import domain_pool
from mtpm_desktop.ui.i18n import localize
from mtpm_desktop.ui.page_base import Page
from mtpm_desktop.ui.telegram_alerts_box import TelegramAlertsBox
from mtpm_desktop.ui.undo import PendingAction

PREFER_IP = ["prefer-v4", "prefer-v6", "v4", "v6"]  # the state file's values
FIELD_WIDTH_EM = 26  # fields never stretch past this (a domain or an image reference fits)

# What the form shows for a key the server did not send (the state file's defaults).
DEFAULTS: dict[str, Any] = {
    "server_domain": "",
    "server_ip": "",
    "proxy_port": 2443,
    "fake_tls_domain": "www.cloudflare.com",
    "proxy_prefer_ip": "prefer-v4",
    "traffic_limit_gb": 0.0,
    "throttle_speed_mbps": 1.0,
    "quota_period": "lifetime",
    "port_443_mode": False,
    "sni_listen_port": 443,
    "sni_decoy": "",
    "proxy_image": "",
    "client_mss": "off",
    "user_subdomains": False,
}


def period_text(value: Any) -> str:
    """The quota period as the CLI's text form: `lifetime` or `monthly:DAY`."""
    if isinstance(value, str) and value.startswith("monthly:"):
        return value
    if isinstance(value, dict) and value.get("kind") == "monthly":
        return f"monthly:{int(value.get('day', 1))}"
    return "lifetime"


def normalize(settings: dict[str, Any]) -> dict[str, Any]:
    """The server's settings in the form's shape (so the two compare field by field)."""
    out: dict[str, Any] = {}
    for key, default in DEFAULTS.items():
        raw = settings.get(key)
        if key == "quota_period":
            out[key] = period_text(raw)
        elif raw is None or raw == "":
            out[key] = default
        else:
            out[key] = type(default)(raw)
    return out


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return abs(float(a) - float(b)) < 1e-9
    return bool(a == b)


@dataclass
class Field:
    key: str
    label: QLabel
    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], None]


class SettingsPage(Page):
    guide_requested = Signal(str)  # a section of the user guide to open (its heading)

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("settingsPage")
        self.fields: dict[str, Field] = {}
        self.baseline: dict[str, Any] = dict(DEFAULTS)  # what the server had when the form last took it
        self._baseline_server: str | None = None
        self._baseline_real = False  # the baseline came from a snapshot (not the defaults shown before one)
        self._forms: list[QFormLayout] = []
        self._loading = False
        inner = QWidget()
        # One column as wide as labels plus capped fields, so Apply stays near the fields at 1920 px.
        self.column = QWidget()
        self.column.setObjectName("settingsColumn")
        self.groups_layout = QVBoxLayout(self.column)
        row_layout = QHBoxLayout(inner)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.column, 1)
        row_layout.addStretch(0)

        self.changed_label = QLabel()  # "the server changed underneath"
        self.changed_label.setObjectName("settingsChangedUnderneath")
        self.changed_label.setWordWrap(True)
        self.changed_label.setStyleSheet("QLabel { color: #ef6c00; }")
        self.changed_label.setVisible(False)
        self.groups_layout.addWidget(self.changed_label)

        f = self.add_group(self.tr("Addresses and ports"))
        self.server_domain = QLineEdit()
        self.server_domain.setPlaceholderText(self.tr("proxy.example.com (optional)"))
        self._line(
            f,
            "server_domain",
            self.tr("Server domain:"),
            self.server_domain,
            self.tr("The host name in the users' links. When empty, links use the server IP."),
        )
        why = QLabel(
            self.tr(
                "A domain of your own (an A record for it and one for *.it) gives every user a name of their "
                "own instead of a borrowed big site's, which censors' probes expose; see "
                '<a href="guide">Your own domain</a> in the user guide.'
            )
        )
        why.setObjectName("domainWhy")
        why.setWordWrap(True)
        why.setTextFormat(Qt.TextFormat.RichText)
        # The heading of that section in the guide of the UI language (the guide opens there).
        why.linkActivated.connect(lambda _href: self.guide_requested.emit(self.tr("Your own domain")))
        f.addRow("", why)
        self.subdomains = QCheckBox(self.tr("Give every user a subdomain of its own"))
        self.add_field(
            f,
            "user_subdomains",
            "",
            self.subdomains,
            self.tr(
                "Each user's fake-TLS name becomes a short random name under the server domain (needs an "
                "A record for *.domain). Every user's link changes; switching it off brings the old links "
                "back."
            ),
            self.subdomains.isChecked,
            self.subdomains.setChecked,
            self.subdomains.toggled,
        )
        self.server_ip = QLineEdit()
        self._line(
            f,
            "server_ip",
            self.tr("Server IP:"),
            self.server_ip,
            self.tr("The public IP address clients connect to (used when no server domain is set)."),
        )
        self.proxy_port = QSpinBox()
        self.proxy_port.setRange(1024, 65535)
        self._spin(
            f,
            "proxy_port",
            self.tr("Base port:"),
            self.proxy_port,
            self.tr("New users get the lowest free port from this one up."),
        )
        self.fake_tls = QComboBox()
        self.fake_tls.setEditable(True)
        self.fake_tls.addItems(domain_pool())
        self.add_field(
            f,
            "fake_tls_domain",
            self.tr("Default fake-TLS domain:"),
            self.fake_tls,
            self.tr("The website new users' traffic imitates; pick a popular site that is not blocked."),
            lambda: self.fake_tls.currentText().strip(),
            self.fake_tls.setCurrentText,
            self.fake_tls.currentTextChanged,
        )
        self.prefer_ip = QComboBox()
        prefer_labels = [
            self.tr("Prefer IPv4"),
            self.tr("Prefer IPv6"),
            self.tr("IPv4 only"),
            self.tr("IPv6 only"),
        ]
        for value, label in zip(PREFER_IP, prefer_labels, strict=True):
            self.prefer_ip.addItem(label, value)
        self.add_field(
            f,
            "proxy_prefer_ip",
            self.tr("Prefer IP:"),
            self.prefer_ip,
            self.tr("Which IP version the proxies use to reach Telegram."),
            self.prefer_ip.currentData,
            lambda v: self.prefer_ip.setCurrentIndex(max(0, self.prefer_ip.findData(v))),
            self.prefer_ip.currentIndexChanged,
        )
        self.client_mss = QComboBox()
        for mss_value, mss_label in (("off", self.tr("Off")), ("92", "92"), ("128", "128")):
            self.client_mss.addItem(mss_label, mss_value)
        mss_warning = self.tr(
            "A small TCP MSS splits clients' TLS handshakes into small packets against DPI, but it "
            "multiplies the packet rate: one provider null-routed a node at about 51k packets/s."
        )
        self.add_field(
            f,
            "client_mss",
            self.tr("Client TCP MSS:"),
            self.client_mss,
            mss_warning,
            self.client_mss.currentData,
            lambda v: self.client_mss.setCurrentIndex(max(0, self.client_mss.findData(str(v)))),
            self.client_mss.currentIndexChanged,
        )
        mss_note = QLabel(mss_warning)
        mss_note.setWordWrap(True)
        f.addRow("", mss_note)

        f = self.add_group(self.tr("Limits"))
        self.limit = QDoubleSpinBox()
        self.limit.setRange(0, 1_000_000)
        self.limit.setSuffix(self.tr(" GB"))
        self.limit.setSpecialValueText(self.tr("no limit"))
        self._spin(
            f,
            "traffic_limit_gb",
            self.tr("Traffic limit per user:"),
            self.limit,
            self.tr("Traffic per user and quota period; over it the user is slowed down. 0 = no limit."),
        )
        self.throttle = QDoubleSpinBox()
        self.throttle.setRange(0, 100_000)
        self.throttle.setSuffix(self.tr(" Mbit/s"))
        self._spin(
            f,
            "throttle_speed_mbps",
            self.tr("Throttle speed over the limit:"),
            self.throttle,
            self.tr("The speed a user over the limit still gets (text messages keep working)."),
        )
        self.period = QComboBox()
        self.period.addItem(self.tr("Lifetime"), 0)
        self.period.addItem(self.tr("Monthly"), 1)
        self.period_day = QSpinBox()
        self.period_day.setRange(1, 31)
        self.period_day.setPrefix(self.tr("on day "))
        self.period.currentIndexChanged.connect(lambda i: self.period_day.setEnabled(i == 1))
        period_box = QWidget()
        row = QHBoxLayout(period_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.period)
        row.addWidget(self.period_day)
        period_box.setToolTip(
            self.tr("When the counters start again: never (lifetime) or on a day of every month.")
        )
        self.period.setToolTip(period_box.toolTip())
        self.period_day.setToolTip(period_box.toolTip())
        self.add_field(
            f,
            "quota_period",
            self.tr("Quota period:"),
            period_box,
            period_box.toolTip(),
            self._period_value,
            self._set_period,
            self.period.currentIndexChanged,
        )
        self.period_day.valueChanged.connect(lambda _v: self._edited())

        f = self.add_group(self.tr("Port 443 mode"))
        self.port443 = QCheckBox(self.tr("Route every user through one port by SNI"))
        self.add_field(
            f,
            "port_443_mode",
            "",
            self.port443,
            self.tr(
                "Every user on one port (443 looks like a website); each user is told apart by the "
                "fake-TLS domain. Every user's link changes."
            ),
            self.port443.isChecked,
            self.port443.setChecked,
            self.port443.toggled,
        )
        self.sni_port = QSpinBox()
        self.sni_port.setRange(1, 65535)
        self._spin(
            f,
            "sni_listen_port",
            self.tr("Listen port:"),
            self.sni_port,
            self.tr("The one port clients connect to in port-443 mode."),
        )
        self.decoy = QLineEdit()
        self.decoy.setPlaceholderText(self.tr("host:port of a real website, empty = close"))
        self._line(
            f,
            "sni_decoy",
            self.tr("Decoy upstream:"),
            self.decoy,
            self.tr("Where connections that are not a proxy user's go, so a probe sees a real site."),
        )
        self.port443.toggled.connect(self._port443_toggled)

        f = self.add_group(self.tr("Engine"))
        self.image = QLineEdit()
        self._line(
            f,
            "proxy_image",
            self.tr("Proxy image:"),
            self.image,
            self.tr("The Docker image each proxy runs (e.g. nineseconds/mtg:2.2.8)."),
        )

        # Apply belongs to the form; maintenance and the destructive reset stand apart from it.
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.revert_btn = QPushButton(self.tr("Revert"))
        self.revert_btn.setObjectName("revertSettings")
        self.revert_btn.setToolTip(self.tr("Drop your edits and show the server's values again"))
        self.revert_btn.clicked.connect(self.revert)
        self.apply_btn = QPushButton(self.tr("Apply"))
        self.apply_btn.setObjectName("applySettings")
        self.apply_btn.setToolTip(self.tr("Write the changed fields to the server"))
        self.apply_btn.setDefault(True)
        self.apply_btn.clicked.connect(self.apply)
        buttons.addWidget(self.revert_btn)
        buttons.addWidget(self.apply_btn)
        self.groups_layout.addLayout(buttons)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.groups_layout.addWidget(self.result_label)

        site = QGroupBox(self.tr("Website"))
        site.setObjectName("siteGroup")
        sf = QFormLayout(site)
        self.site_label = QLabel(self.tr("Not checked yet."))
        self.site_label.setObjectName("siteStatus")
        self.site_label.setWordWrap(True)
        self.site_btn = QPushButton(self.tr("Show the certificate"))
        self.site_btn.clicked.connect(self.show_site)
        sf.addRow(self.site_label)
        sf.addRow("", self.site_btn)
        self.groups_layout.addWidget(site)

        maint = QGroupBox(self.tr("Maintenance"))
        ml = QVBoxLayout(maint)
        row = QHBoxLayout()
        self.reconcile_btn = QPushButton(self.tr("Reconcile"))
        self.reconcile_btn.clicked.connect(self.reconcile)
        self.reconcile_btn.setToolTip(self.tr("Make the server match its saved settings"))
        self.import_btn = QPushButton(self.tr("Import from the old web panel…"))
        self.import_btn.setToolTip(self.tr("Take over the users of the old web panel on this server"))
        self.import_btn.clicked.connect(self.import_panel)
        row.addWidget(self.reconcile_btn)
        row.addWidget(self.import_btn)
        row.addStretch(1)
        ml.addLayout(row)
        explain = QLabel(
            self.tr(
                "Reconcile makes the server match what mtpm has saved for it: it starts missing proxies, "
                "removes containers no user owns and updates the firewall. It changes no link and is safe "
                "to run at any time, e.g. after someone changed the server by hand."
            )
        )
        explain.setWordWrap(True)
        explain.setObjectName("reconcileExplained")
        ml.addWidget(explain)
        self.groups_layout.addWidget(maint)

        danger = QGroupBox(self.tr("Counters"))
        dl = QHBoxLayout(danger)
        self.reset_btn = QPushButton(self.tr("Reset all counters…"))
        self.reset_btn.setObjectName("resetCounters")
        self.reset_btn.setToolTip(
            self.tr("Set every user's traffic this period to zero (can be undone for a few seconds)")
        )
        self.reset_btn.clicked.connect(self.reset_counters)
        dl.addWidget(self.reset_btn)
        dl.addStretch(1)
        self.groups_layout.addWidget(danger)
        self.alert_settings = AlertSettingsBox()  # app-level: the same for every server
        self.groups_layout.addWidget(self.alert_settings)
        self.telegram_box = TelegramAlertsBox(controller)  # per server: the agent sends these
        self.groups_layout.addWidget(self.telegram_box)
        self.groups_layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.align_labels()
        self.refresh_view()

    # -- building -------------------------------------------------------------------------------------
    def add_group(self, title: str) -> QFormLayout:
        """A new group of fields above the buttons; its labels line up with the other groups'."""
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Groups sit before the buttons row, whose index is the first non-group item once it exists.
        index = self.groups_layout.count() if not hasattr(self, "apply_btn") else self._buttons_index()
        self.groups_layout.insertWidget(index, box)
        self._forms.append(form)
        return form

    def _buttons_index(self) -> int:
        for i in range(self.groups_layout.count()):
            item = self.groups_layout.itemAt(i)
            if item is not None and item.layout() is not None:
                return i
        return self.groups_layout.count()

    def add_field(
        self,
        form: QFormLayout,
        key: str,
        label: str,
        widget: QWidget,
        tooltip: str,
        get: Callable[[], Any],
        set_: Callable[[Any], None],
        changed: Any,
    ) -> Field:
        lbl = QLabel(label)
        lbl.setToolTip(tooltip)
        widget.setToolTip(tooltip)
        if not isinstance(widget, QCheckBox):  # a check box's text is its label: never cut it
            width = self.field_width()
            if isinstance(widget, QLineEdit):  # the size hint ignores the placeholder (longer in Russian)
                width = max(width, widget.fontMetrics().horizontalAdvance(widget.placeholderText()) + 24)
            widget.setMaximumWidth(width)
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, widget.sizePolicy().verticalPolicy())
        form.addRow(lbl, widget)
        field = Field(key, lbl, widget, get, set_)
        self.fields[key] = field
        changed.connect(lambda *_: self._edited())
        return field

    def _line(self, form: QFormLayout, key: str, label: str, w: QLineEdit, tip: str) -> None:
        self.add_field(form, key, label, w, tip, lambda: w.text().strip(), w.setText, w.textChanged)

    def _spin(self, form: QFormLayout, key: str, label: str, w: QSpinBox | QDoubleSpinBox, tip: str) -> None:
        self.add_field(form, key, label, w, tip, w.value, w.setValue, w.valueChanged)

    def field_width(self) -> int:
        return self.fontMetrics().averageCharWidth() * FIELD_WIDTH_EM * 2

    def align_labels(self) -> None:
        """One label width for every group, so the fields of all groups start at the same x."""
        labels = [f.label for f in self.fields.values()]
        width = max((lbl.sizeHint().width() for lbl in labels), default=0)
        for lbl in labels:
            lbl.setMinimumWidth(width)
        widest_box = max(
            (
                f.widget.maximumWidth() if isinstance(f.widget, QLineEdit) else f.widget.sizeHint().width()
                for f in self.fields.values()
            ),
            default=0,
        )
        self.column.setMaximumWidth(width + max(self.field_width(), widest_box) + 80)

    def _period_value(self) -> str:
        return f"monthly:{self.period_day.value()}" if self.period.currentIndex() == 1 else "lifetime"

    def _set_period(self, value: str) -> None:
        monthly = value.startswith("monthly:")
        self.period.setCurrentIndex(1 if monthly else 0)
        self.period_day.setValue(int(value.split(":", 1)[1]) if monthly else 1)
        self.period_day.setEnabled(monthly)

    def _port443_toggled(self, on: bool) -> None:
        for w in (self.sni_port, self.decoy):
            w.setEnabled(on and self.editable())

    # -- form <-> server ------------------------------------------------------------------------------
    def form_values(self) -> dict[str, Any]:
        return {key: f.get() for key, f in self.fields.items()}

    def touched(self) -> list[str]:
        """Keys whose field differs from what the server had when the form last took its values."""
        values = self.form_values()
        return [k for k, v in values.items() if k in self.baseline and not same(v, self.baseline[k])]

    def changes(self) -> dict[str, Any]:
        values = self.form_values()
        return {k: values[k] for k in self.touched()}

    def has_unapplied(self) -> bool:
        return self.server is not None and bool(self.touched())

    def _set_form(self, values: dict[str, Any], keys: list[str]) -> None:
        self._loading = True
        try:
            for key in keys:
                if key in self.fields and key in values:
                    self.fields[key].set(values[key])
        finally:
            self._loading = False

    def refresh_view(self) -> None:
        self.site_btn.setEnabled(self.server is not None)
        self.telegram_box.set_server(self.server)
        new = normalize(self.snap.settings if self.snap else {})
        # Keys of fields another page adds later have no default here: take them as they come.
        for key in self.fields:
            if key not in new and self.snap is not None and key in self.snap.settings:
                new[key] = self.snap.settings[key]
        first = self.server != self._baseline_server or not self._baseline_real
        self._baseline_real = self.snap is not None
        if first:  # another server, or its first data: its values, no edits carried over
            self._baseline_server = self.server
            self._set_form(new, list(self.fields))
            self.changed_label.setVisible(False)
        else:
            values = self.form_values()
            updated, conflicts = [], []
            for key in self.fields:
                if key not in new:
                    continue
                old = self.baseline.get(key, new[key])
                if same(values[key], old):  # untouched: follow the server
                    if not same(new[key], old):
                        self._set_form(new, [key])
                        updated.append(key)
                elif not same(new[key], old) and not same(new[key], values[key]):
                    conflicts.append(key)  # the admin's edit stays; the server moved meanwhile
            # Only worth saying while the admin is editing: otherwise the form simply shows the news.
            if conflicts or (updated and self.touched()):
                self._show_changed_underneath(updated, conflicts)
        self.baseline = {**self.baseline, **new}
        on = self.editable()
        for f in self.fields.values():
            f.widget.setEnabled(on)
        self.period_day.setEnabled(on and self.period.currentIndex() == 1)
        self._port443_toggled(self.port443.isChecked())
        for w in (self.reset_btn, self.import_btn, self.reconcile_btn):
            w.setEnabled(on)
        self._edited()

    def _show_changed_underneath(self, updated: list[str], conflicts: list[str]) -> None:
        def names(keys: list[str]) -> str:
            return ", ".join(self.fields[k].label.text().rstrip(":") or k for k in keys)

        parts = []
        if updated:
            parts.append(
                self.tr("The server's settings changed meanwhile; updated: {fields}.").format(
                    fields=names(updated)
                )
            )
        if conflicts:
            parts.append(
                self.tr(
                    "Changed on the server while you were editing: {fields}. Your values are kept; "
                    "Apply writes them over the server's, Revert takes the server's."
                ).format(fields=names(conflicts))
            )
        self.changed_label.setText(" ".join(parts))
        self.changed_label.setVisible(True)

    def _edited(self) -> None:
        if self._loading:
            return
        touched = set(self.touched())
        for key, f in self.fields.items():
            font = f.label.font()
            font.setItalic(key in touched)  # which fields carry an unapplied edit
            f.label.setFont(font)
        dirty = self.editable() and bool(touched)
        self.apply_btn.setEnabled(dirty)
        self.revert_btn.setEnabled(dirty)

    def revert(self) -> None:
        self._set_form(self.baseline, list(self.fields))
        self.changed_label.setVisible(False)
        self._port443_toggled(self.port443.isChecked())
        self._edited()

    # -- actions --------------------------------------------------------------------------------------
    def apply(self) -> None:
        if self.server is None:
            return
        changes = self.changes()
        if not changes:
            self.result_label.setText(self.tr("Nothing changed."))
            return
        server = self.server
        domain = str(changes.get("server_domain") or "")
        if not domain and changes.get("user_subdomains"):  # switching on needs the wildcard record
            domain = str(self.form_values().get("server_domain") or "")
        if domain:
            # A new domain is checked in DNS first (from here and from the server); the admin may apply it
            # anyway, and then the service is told not to check again.
            wildcard = bool(self.form_values().get("user_subdomains"))
            self.controller.run(
                server,
                self.tr("Checking DNS"),
                lambda b, p: b.domain_problems(domain, wildcard),
                lambda problems: self._confirm_dns(server, changes, problems),
                refresh_after=False,
            )
            return
        self._preview_then_apply(server, changes, force=False)

    def _confirm_dns(self, server: str, changes: dict[str, Any], problems: list[str]) -> None:
        if problems:
            text = self.tr("The domain's DNS records are not ready:\n{problems}\n\nApply it anyway?").format(
                problems="\n".join(localize(p) for p in problems)
            )
            if QMessageBox.question(self, self.tr("Server domain"), text) != QMessageBox.StandardButton.Yes:
                return
        self._preview_then_apply(server, changes, force=True)

    def _preview_then_apply(self, server: str, changes: dict[str, Any], *, force: bool) -> None:
        if "user_subdomains" in changes and not changes.get("port_443_mode"):
            value = "true" if changes["user_subdomains"] else "false"
            self.controller.run(
                server,
                self.tr("Subdomains preview"),
                lambda b, p: b.preview_setting("user_subdomains", value),
                lambda names: self._confirm_443(server, changes, names, force),
                refresh_after=False,
            )
            return
        if "port_443_mode" in changes:
            # Show which links will change before anything is applied.
            enable = bool(changes["port_443_mode"])
            self.controller.run(
                server,
                self.tr("Port 443 preview"),
                lambda b, p: b.preview_port443(enable),
                lambda names: self._confirm_443(server, changes, names, force),
                refresh_after=False,
            )
            return
        self._apply(server, changes, force)

    def _confirm_443(
        self, server: str, changes: dict[str, Any], names: list[str], force: bool = False
    ) -> None:
        listing = (
            "\n".join(localize(n) for n in names)
            if names
            else self.tr("(every user's port changes to the listen port)")
        )
        text = self.tr("These users' links will change; send them the new links:\n{names}\n\nApply?").format(
            names=listing
        )
        if QMessageBox.question(self, self.tr("Port 443 mode"), text) == QMessageBox.StandardButton.Yes:
            self._apply(server, changes, force)

    def _apply(self, server: str, changes: dict[str, Any], force: bool = False) -> None:
        # port_443_mode last: the other keys (listen port, decoy) must be in place when nginx is rendered.
        # user_subdomains after server_domain: the subdomains are made under the new domain.
        ordered = sorted(
            changes.items(), key=lambda kv: (kv[0] == "user_subdomains", kv[0] == "port_443_mode")
        )

        def work(b: Any, p: Any) -> list[str]:
            notes = []
            for key, value in ordered:
                r = b.set_setting(key, value, p, force)
                if r.summary:
                    notes.append(r.summary)
            return notes

        self.controller.run(server, self.tr("Apply settings"), work, self._applied)

    def _applied(self, notes: list[str]) -> None:
        self.changed_label.setVisible(False)
        self.result_label.setText(
            "\n".join(localize(n) for n in notes) if notes else self.tr("Settings applied.")
        )
        if self.server:
            self.controller.notify(
                self.server, self.tr("Settings applied on {server}").format(server=self.server)
            )

    def reset_counters(self, ask: bool = True) -> None:
        if self.server is None:
            return
        server = self.server
        if ask and not confirm.confirm_destructive(
            self,
            self.tr("Reset counters"),
            self.tr("Reset the traffic counters of every user on {server} to zero?").format(server=server),
            self.tr("Reset all counters"),
        ):
            return

        def run() -> None:
            self.controller.run(server, self.tr("Reset counters"), lambda b, p: b.reset_counters(None, p))

        self.controller.pending.schedule(
            PendingAction(server, self.tr("Counters of {server} reset").format(server=server), run)
        )

    def import_panel(self) -> None:
        if self.server is None:
            return
        self.controller.run(
            self.server,
            self.tr("Import from the old panel"),
            lambda b, p: b.import_panel(p),
            lambda text: self.result_label.setText(localize(text)),
        )

    def reconcile(self) -> None:
        if self.server is None:
            return
        self.controller.run(
            self.server,
            self.tr("Reconcile"),
            lambda b, p: b.reconcile(p),
            lambda text: self.result_label.setText(localize(text)),
        )

    # -- the website (`mtpm site ...`) -----------------------------------------------------------------
    def show_site(self) -> None:
        if self.server is None:
            return
        self.controller.run(
            self.server, self.tr("Website certificate"), lambda b, p: b.site_status(), self._site_shown
        )

    def site_text(self, st: dict[str, Any]) -> str:
        if not st.get("domain"):
            return self.tr("The website is off. Turn it on with: mtpm -s SERVER site enable")
        lines = [
            self.tr("Names: {names}").format(names=", ".join(st.get("names") or []) or "-"),
            self.tr("Expires: {when}").format(when=st.get("not_after") or "-"),
            self.tr("Last renewal: {when}").format(when=st.get("last_renewal") or "-"),
            self.tr("Last error: {error}").format(error=st.get("last_error") or "-"),
        ]
        return "\n".join(lines)

    def _site_shown(self, st: dict[str, Any]) -> None:
        self.site_label.setText(self.site_text(st))
