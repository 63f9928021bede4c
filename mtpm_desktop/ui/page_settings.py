"""Server settings: the state file's server keys, port-443 mode with a preview, counters, import."""

from __future__ import annotations

from typing import Any

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
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.ui.alert_settings import AlertSettingsBox
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.dlg_user import domain_pool
from mtpm_desktop.ui.i18n import localize
from mtpm_desktop.ui.page_base import Page

PREFER_IP = ["prefer-v4", "prefer-v6", "v4", "v6"]  # the state file's values


def period_text(value: Any) -> str:
    """The quota period as the CLI's text form: `lifetime` or `monthly:DAY`."""
    if isinstance(value, dict) and value.get("kind") == "monthly":
        return f"monthly:{int(value.get('day', 1))}"
    return "lifetime"


class SettingsPage(Page):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("settingsPage")
        inner = QWidget()
        layout = QVBoxLayout(inner)

        net = QGroupBox(self.tr("Addresses and ports"))
        f = QFormLayout(net)
        self.server_domain = QLineEdit()
        self.server_domain.setPlaceholderText(self.tr("proxy.example.com (optional)"))
        self.server_ip = QLineEdit()
        self.proxy_port = QSpinBox()
        self.proxy_port.setRange(1024, 65535)
        self.fake_tls = QComboBox()
        self.fake_tls.setEditable(True)
        self.fake_tls.addItems(domain_pool())
        self.prefer_ip = QComboBox()
        prefer_labels = [
            self.tr("Prefer IPv4"),
            self.tr("Prefer IPv6"),
            self.tr("IPv4 only"),
            self.tr("IPv6 only"),
        ]
        for value, label in zip(PREFER_IP, prefer_labels, strict=True):
            self.prefer_ip.addItem(label, value)
        f.addRow(self.tr("Server domain:"), self.server_domain)
        f.addRow(self.tr("Server IP:"), self.server_ip)
        f.addRow(self.tr("Base port:"), self.proxy_port)
        f.addRow(self.tr("Default fake-TLS domain:"), self.fake_tls)
        f.addRow(self.tr("Prefer IP:"), self.prefer_ip)
        layout.addWidget(net)

        lim = QGroupBox(self.tr("Limits"))
        f = QFormLayout(lim)
        self.limit = QDoubleSpinBox()
        self.limit.setRange(0, 1_000_000)
        self.limit.setSuffix(self.tr(" GB"))
        self.limit.setSpecialValueText(self.tr("no limit"))
        self.throttle = QDoubleSpinBox()
        self.throttle.setRange(0, 100_000)
        self.throttle.setSuffix(self.tr(" Mbit/s"))
        self.period = QComboBox()
        self.period.addItem(self.tr("Lifetime"), 0)
        self.period.addItem(self.tr("Monthly"), 1)
        self.period_day = QSpinBox()
        self.period_day.setRange(1, 31)
        self.period_day.setPrefix(self.tr("on day "))
        self.period.currentIndexChanged.connect(lambda i: self.period_day.setEnabled(i == 1))
        row = QHBoxLayout()
        row.addWidget(self.period)
        row.addWidget(self.period_day)
        f.addRow(self.tr("Traffic limit per user:"), self.limit)
        f.addRow(self.tr("Throttle speed over the limit:"), self.throttle)
        f.addRow(self.tr("Quota period:"), row)
        layout.addWidget(lim)

        sni = QGroupBox(self.tr("Port 443 mode"))
        f = QFormLayout(sni)
        self.port443 = QCheckBox(self.tr("Route every user through one port by SNI"))
        self.sni_port = QSpinBox()
        self.sni_port.setRange(1, 65535)
        self.decoy = QLineEdit()
        self.decoy.setPlaceholderText(self.tr("host:port of a real website, empty = close"))
        f.addRow("", self.port443)
        f.addRow(self.tr("Listen port:"), self.sni_port)
        f.addRow(self.tr("Decoy upstream:"), self.decoy)
        layout.addWidget(sni)

        site = QGroupBox(self.tr("Website"))
        f = QFormLayout(site)
        self.site_label = QLabel(self.tr("Not checked yet."))
        self.site_label.setObjectName("siteStatus")
        self.site_label.setWordWrap(True)
        self.site_btn = QPushButton(self.tr("Show the certificate"))
        self.site_btn.clicked.connect(self.show_site)
        f.addRow(self.site_label)
        f.addRow("", self.site_btn)
        layout.addWidget(site)

        eng = QGroupBox(self.tr("Engine"))
        f = QFormLayout(eng)
        self.image = QLineEdit()
        f.addRow(self.tr("Proxy image:"), self.image)
        layout.addWidget(eng)

        buttons = QHBoxLayout()
        self.apply_btn = QPushButton(self.tr("Apply"))
        self.apply_btn.setObjectName("applySettings")
        self.apply_btn.clicked.connect(self.apply)
        self.reset_btn = QPushButton(self.tr("Reset all counters…"))
        self.reset_btn.clicked.connect(self.reset_counters)
        self.import_btn = QPushButton(self.tr("Import from the old web panel…"))
        self.import_btn.clicked.connect(self.import_panel)
        self.reconcile_btn = QPushButton(self.tr("Reconcile"))
        self.reconcile_btn.clicked.connect(self.reconcile)
        for b in (self.apply_btn, self.reset_btn, self.import_btn, self.reconcile_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        self.alert_settings = AlertSettingsBox()  # app-level: the same for every server
        layout.addWidget(self.alert_settings)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh_view()

    # -- form <-> settings ----------------------------------------------------------------------------
    def refresh_view(self) -> None:
        s = self.snap.settings if self.snap else {}
        self.server_domain.setText(str(s.get("server_domain") or ""))
        self.server_ip.setText(str(s.get("server_ip") or ""))
        self.proxy_port.setValue(int(s.get("proxy_port") or 2443))
        self.fake_tls.setCurrentText(str(s.get("fake_tls_domain") or "www.cloudflare.com"))
        self.prefer_ip.setCurrentIndex(
            max(0, self.prefer_ip.findData(str(s.get("proxy_prefer_ip") or "prefer-v4")))
        )
        self.limit.setValue(float(s.get("traffic_limit_gb") or 0))
        self.throttle.setValue(float(s.get("throttle_speed_mbps") or 1))
        period = s.get("quota_period") or {"kind": "lifetime"}
        monthly = isinstance(period, dict) and period.get("kind") == "monthly"
        self.period.setCurrentIndex(1 if monthly else 0)
        self.period_day.setValue(int(period.get("day", 1)) if monthly else 1)
        self.period_day.setEnabled(monthly)
        self.port443.setChecked(bool(s.get("port_443_mode")))
        self.sni_port.setValue(int(s.get("sni_listen_port") or 443))
        self.decoy.setText(str(s.get("sni_decoy") or ""))
        self.image.setText(str(s.get("proxy_image") or ""))
        for w in (self.apply_btn, self.reset_btn, self.import_btn, self.reconcile_btn):
            w.setEnabled(self.editable())
        self.site_btn.setEnabled(self.server is not None)

    def form_values(self) -> dict[str, Any]:
        period: dict[str, Any] = {"kind": "lifetime"}
        if self.period.currentIndex() == 1:
            period = {"kind": "monthly", "day": self.period_day.value()}
        return {
            "server_domain": self.server_domain.text().strip(),
            "server_ip": self.server_ip.text().strip(),
            "proxy_port": self.proxy_port.value(),
            "fake_tls_domain": self.fake_tls.currentText().strip(),
            "proxy_prefer_ip": self.prefer_ip.currentData(),
            "traffic_limit_gb": self.limit.value(),
            "throttle_speed_mbps": self.throttle.value(),
            "quota_period": period,
            "sni_listen_port": self.sni_port.value(),
            "sni_decoy": self.decoy.text().strip(),
            "proxy_image": self.image.text().strip(),
            "port_443_mode": self.port443.isChecked(),
        }

    def changes(self) -> dict[str, Any]:
        old = self.snap.settings if self.snap else {}
        out: dict[str, Any] = {}
        for key, value in self.form_values().items():
            before = old.get(key)
            if key == "quota_period":
                if period_text(value) != period_text(before):
                    out[key] = period_text(value)
            elif isinstance(value, float):
                if abs(value - float(before or 0)) > 1e-9:
                    out[key] = value
            elif value != (before if before is not None else type(value)()):
                out[key] = value
        return out

    # -- actions --------------------------------------------------------------------------------------
    def apply(self) -> None:
        if self.server is None:
            return
        changes = self.changes()
        if not changes:
            self.result_label.setText(self.tr("Nothing changed."))
            return
        server = self.server
        if "port_443_mode" in changes:
            # Show which links will change before anything is applied.
            enable = bool(changes["port_443_mode"])
            self.controller.run(
                server,
                self.tr("Port 443 preview"),
                lambda b, p: b.preview_port443(enable),
                lambda names: self._confirm_443(server, changes, names),
                refresh_after=False,
            )
            return
        self._apply(server, changes)

    def _confirm_443(self, server: str, changes: dict[str, Any], names: list[str]) -> None:
        listing = (
            "\n".join(localize(n) for n in names)
            if names
            else self.tr("(every user's port changes to the listen port)")
        )
        text = self.tr("These users' links will change; send them the new links:\n{names}\n\nApply?").format(
            names=listing
        )
        if QMessageBox.question(self, self.tr("Port 443 mode"), text) == QMessageBox.StandardButton.Yes:
            self._apply(server, changes)

    def _apply(self, server: str, changes: dict[str, Any]) -> None:
        # port_443_mode last: the other keys (listen port, decoy) must be in place when nginx is rendered.
        ordered = sorted(changes.items(), key=lambda kv: kv[0] == "port_443_mode")

        def work(b: Any, p: Any) -> list[str]:
            notes = []
            for key, value in ordered:
                r = b.set_setting(key, value, p)
                if r.summary:
                    notes.append(r.summary)
            return notes

        self.controller.run(server, self.tr("Apply settings"), work, self._applied)

    def _applied(self, notes: list[str]) -> None:
        self.result_label.setText(
            "\n".join(localize(n) for n in notes) if notes else self.tr("Settings applied.")
        )

    def reset_counters(self) -> None:
        if self.server is None:
            return
        if (
            QMessageBox.question(
                self, self.tr("Reset counters"), self.tr("Reset the traffic counters of every user to zero?")
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        self.controller.run(self.server, self.tr("Reset counters"), lambda b, p: b.reset_counters(None, p))

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
