"""Add / edit a server: address, login, `~/.ssh/config` alias, Test connection, host key decisions.

An unknown host key is shown with its SHA256 fingerprint and pinned only when the user presses
"Trust this key"; a changed key is a red warning and nothing is sent to that server. Passwords,
passphrases and the sudo password of a non-root login go to the OS keyring (`CredentialStore`, as with
`mtpm server set-secret`), never into the profile file, which only records that one is stored. "Test
connection" also checks that Docker can be used (directly or through sudo, with the typed sudo password).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.remote.errors import (
    DockerError,
    DockerPermissionDenied,
    HostKeyChanged,
    HostKeyUnknown,
    SudoError,
)
from mtpm_desktop.remote.ssh.credentials import SECRET_FLAGS, keyring_warning
from mtpm_desktop.remote.ssh.profiles import ServerProfile
from mtpm_desktop.ui.i18n import localize
from mtpm_desktop.ui.jobs import JobContext, JobManager


def red() -> str:
    """Bold warning red that stays readable on the dark theme's grey too."""
    dark = QApplication.palette().window().color().lightness() < 128
    return f"color: {'#ef5350' if dark else '#c62828'}; font-weight: bold;"


GREEN = "color: #2e7d32;"


def is_root_login(user: str) -> bool:
    """Whether the login user (as typed; empty means root) is root, which never needs sudo."""
    return user.strip() in ("", "root")


class _TypedSecrets:
    """Keyring stand-in for "Test connection": secrets typed in the dialog (not saved yet) first, then
    whatever the OS keyring already holds for this profile, except the ones marked to be forgotten."""

    def __init__(self, typed: dict[str, str], forgotten: frozenset[str] = frozenset()) -> None:
        self.typed = typed
        self.forgotten = forgotten

    def get_password(self, service: str, entry: str) -> str | None:
        kind = entry.rsplit(":", 1)[-1]
        if kind in self.typed:
            return self.typed[kind]
        if kind in self.forgotten:
            return None
        import keyring

        return keyring.get_password(service, entry)


@dataclass
class ConnectionTest:
    """What "Test connection" found: the server's `uname -sr`, how Docker is reached ("direct" or "sudo";
    empty when it cannot be), and the Docker or sudo error that stands in the way (None when none)."""

    system: str
    docker_via: str = ""
    problem: DockerError | SudoError | None = None


def try_connection(
    profile: ServerProfile, secrets: dict[str, str], forgotten: frozenset[str] = frozenset()
) -> ConnectionTest:
    """Connect, run one command, check Docker access (and a given sudo password), close. Runs on a worker
    thread. Login errors propagate; Docker and sudo problems are returned, since the login worked."""
    from mtpm_desktop.remote.ssh.credentials import CredentialStore
    from mtpm_desktop.remote.ssh.session import connect

    probe = ServerProfile.from_json(profile.to_json())
    for kind, flag in SECRET_FLAGS.items():
        stored = getattr(probe, flag) and kind not in forgotten
        setattr(probe, flag, stored or kind in secrets)
    creds = CredentialStore(backend=_TypedSecrets(secrets, forgotten))  # type: ignore[arg-type]
    session = connect(probe, credentials=creds)
    try:
        system = str(session.run("uname -sr", timeout=20).stdout).strip()
        try:
            via = session.docker_access().via
            if via == "direct" and probe.has_sudo_password and session.uid() != 0:
                # Docker needs no sudo here, but files under a root-owned install folder do: a wrong
                # password must show now, not on the first change.
                session.privilege()
        except (DockerError, SudoError) as exc:
            return ConnectionTest(system, "", exc)
        return ConnectionTest(system, via)
    finally:
        session.close()


Tester = Callable[[ServerProfile, dict[str, str], frozenset[str]], ConnectionTest]


def pin_host_key(err: HostKeyUnknown) -> None:
    from mtpm_desktop.remote.ssh.hostkeys import HostKeyStore
    from mtpm_desktop.remote.ssh.profiles import app_data_dir

    pin = getattr(err, "pin", None)
    if callable(pin):
        pin()
        return
    HostKeyStore.for_data_dir(app_data_dir()).pin(err.host, err.port, err.key)


class ServerDialog(QDialog):
    def __init__(
        self,
        jobs: JobManager,
        profile: ServerProfile | None = None,
        existing_names: list[str] | None = None,
        parent: QWidget | None = None,
        tester: Tester | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("serverDialog")
        self.jobs = jobs
        self._tester: Tester = tester or try_connection  # the demo passes one that stays offline
        self.original = profile
        self.existing = set(existing_names or []) - ({profile.name} if profile else set())
        self.pending_key: HostKeyUnknown | None = None
        self.tested_ok = False
        self.forget_sudo = False  # the stored sudo password is removed on Save
        self.setWindowTitle(self.tr("Edit server") if profile else self.tr("Add server"))

        form = QFormLayout()
        self.name_edit = QLineEdit(profile.name if profile else "")
        self.name_edit.setObjectName("serverName")
        self.alias_combo = QComboBox()
        self.alias_combo.setEditable(True)
        self.alias_combo.addItem("")
        self.alias_combo.addItems(self._aliases())
        self.alias_btn = QPushButton(self.tr("Use alias"))
        self.alias_btn.clicked.connect(self.load_alias)
        alias_row = QHBoxLayout()
        alias_row.addWidget(self.alias_combo, 1)
        alias_row.addWidget(self.alias_btn)
        self.host_edit = QLineEdit(profile.host if profile else "")
        self.host_edit.setObjectName("serverHost")
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("serverPort")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(profile.port if profile else 22)
        self.user_edit = QLineEdit(profile.user if profile else "root")
        self.user_edit.setObjectName("serverUser")
        self.auth_combo = QComboBox()
        self.auth_combo.setObjectName("serverAuth")
        self.auth_combo.addItem(self.tr("Key file"), "key")
        self.auth_combo.addItem(self.tr("SSH agent"), "agent")
        self.auth_combo.addItem(self.tr("Password"), "password")
        self.auth_combo.setCurrentIndex(max(0, self.auth_combo.findData(profile.auth if profile else "key")))
        self.key_edit = QLineEdit(profile.key_path or "" if profile else "")
        self.key_edit.setObjectName("serverKey")
        self.key_btn = QPushButton(self.tr("Browse…"))
        self.key_btn.clicked.connect(self._browse_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.key_btn)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("serverPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.sudo_edit = QLineEdit()
        self.sudo_edit.setObjectName("serverSudoPassword")
        self.sudo_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.forget_sudo_btn = QPushButton(self.tr("Forget"))
        self.forget_sudo_btn.setObjectName("forgetSudoPassword")
        self.forget_sudo_btn.setToolTip(self.tr("Remove the stored sudo password from the keyring on Save"))
        self.forget_sudo_btn.clicked.connect(self.forget_sudo_password)
        self.forget_sudo_btn.setVisible(bool(profile and profile.has_sudo_password))
        sudo_row = QHBoxLayout()
        sudo_row.addWidget(self.sudo_edit, 1)
        sudo_row.addWidget(self.forget_sudo_btn)
        self.sudo_hint = QLabel(
            self.tr(
                "Only for a login other than root, and only if sudo asks this user for a password. "
                "Kept in the system keyring."
            )
        )
        self.sudo_hint.setObjectName("sudoHint")
        self.sudo_hint.setWordWrap(True)
        stored = self.tr("(stored in the keyring; leave empty to keep)")
        if profile and profile.has_passphrase:
            self.passphrase_edit.setPlaceholderText(stored)
        if profile and profile.has_password:
            self.password_edit.setPlaceholderText(stored)
        if profile and profile.has_sudo_password:
            self.sudo_edit.setPlaceholderText(stored)
        self.root_edit = QLineEdit(profile.install_root if profile else "/opt/mtpm")
        self.root_edit.setObjectName("serverRoot")
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("SSH config alias:"), alias_row)
        form.addRow(self.tr("Host:"), self.host_edit)
        form.addRow(self.tr("SSH port:"), self.port_spin)
        form.addRow(self.tr("User:"), self.user_edit)
        form.addRow(self.tr("Login with:"), self.auth_combo)
        form.addRow(self.tr("Key file:"), key_row)
        form.addRow(self.tr("Key passphrase:"), self.passphrase_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow(self.tr("Sudo password:"), sudo_row)
        form.addRow("", self.sudo_hint)
        # Like vorta: when secrets would not be stored safely (or not at all), say so next to the fields.
        warning = keyring_warning()
        self.keyring_label = QLabel(localize(warning) if warning else "")
        self.keyring_label.setObjectName("keyringWarning")
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setStyleSheet(red())
        self.keyring_label.setVisible(warning is not None)
        form.addRow("", self.keyring_label)
        form.addRow(self.tr("Install folder on the server:"), self.root_edit)

        self.test_btn = QPushButton(self.tr("Test connection"))
        self.test_btn.setObjectName("testConnection")
        self.test_btn.clicked.connect(self.run_test)
        self.trust_btn = QPushButton(self.tr("Trust this key"))
        self.trust_btn.setObjectName("trustKey")
        self.trust_btn.setVisible(False)
        self.trust_btn.clicked.connect(self.trust_key)
        self.result_label = QLabel()
        self.result_label.setObjectName("testResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(self.result_label.textInteractionFlags())
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_btn)
        test_row.addWidget(self.trust_btn)
        test_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.result_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.auth_combo.currentIndexChanged.connect(self._auth_changed)
        self._auth_changed()
        self.user_edit.textChanged.connect(self._user_changed)
        self._user_changed()
        self.resize(560, self.sizeHint().height())
        self.fit_height()

    def fit_height(self) -> None:
        """Grow to the height the wrapped labels need at the current width. A dialog's size hint ignores
        height-for-width, so long texts (a host key fingerprint, a keyring warning, a longer language)
        would otherwise be cut off at the bottom."""
        layout = self.layout()
        if layout is None:
            return
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    @staticmethod
    def _aliases() -> list[str]:
        try:
            from mtpm_desktop.remote.ssh.ssh_config import list_aliases

            return list_aliases()
        except Exception:  # an unreadable ~/.ssh/config only means no aliases to offer
            return []

    def _auth_changed(self) -> None:
        auth = self.auth_combo.currentData()
        self.key_edit.setEnabled(auth == "key")
        self.key_btn.setEnabled(auth == "key")
        self.passphrase_edit.setEnabled(auth == "key")
        self.password_edit.setEnabled(auth == "password")

    def _user_changed(self) -> None:
        """The sudo password field only makes sense for a login other than root."""
        nonroot = not is_root_login(self.user_edit.text())
        self.sudo_edit.setEnabled(nonroot)
        self.forget_sudo_btn.setEnabled(nonroot and not self.forget_sudo)

    def forget_sudo_password(self) -> None:
        """Mark the stored sudo password for removal (done on Save); typing a new one replaces it instead."""
        self.forget_sudo = True
        self.sudo_edit.clear()
        self.sudo_edit.setPlaceholderText(self.tr("(removed from the keyring on Save)"))
        self.forget_sudo_btn.setEnabled(False)

    def _browse_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("SSH private key"), self.key_edit.text() or "~/.ssh"
        )
        if path:
            self.key_edit.setText(path)

    def load_alias(self) -> None:
        alias = self.alias_combo.currentText().strip()
        if not alias:
            return
        try:
            from mtpm_desktop.remote.ssh.ssh_config import profile_from_ssh_config

            p = profile_from_ssh_config(alias, name=self.name_edit.text().strip() or alias)
        except MtpmError as exc:
            self._show(localize(exc), red())
            return
        self.name_edit.setText(p.name)
        self.host_edit.setText(p.host)
        self.port_spin.setValue(p.port)
        self.user_edit.setText(p.user)
        if p.key_path:
            self.key_edit.setText(p.key_path)
            self.auth_combo.setCurrentIndex(self.auth_combo.findData("key"))

    # -- values ---------------------------------------------------------------------------------------
    def profile(self) -> ServerProfile:
        """The profile as typed; raises ProfileError (an MtpmError) when incomplete."""
        extra = dict(self.original.extra) if self.original else {}
        p = ServerProfile(
            name=self.name_edit.text().strip(),
            host=self.host_edit.text().strip(),
            port=self.port_spin.value(),
            user=self.user_edit.text().strip() or "root",
            auth=self.auth_combo.currentData(),
            key_path=self.key_edit.text().strip() or None,
            install_root=self.root_edit.text().strip() or "/opt/mtpm",
            extra=extra,
        )
        if self.original is not None:
            p.jump_host = self.original.jump_host
            p.has_password = self.original.has_password
            p.has_passphrase = self.original.has_passphrase
            p.has_sudo_password = self.original.has_sudo_password
        return p

    def secrets(self) -> dict[str, str]:
        out = {}
        if self.password_edit.text():
            out["password"] = self.password_edit.text()
        if self.passphrase_edit.text():
            out["passphrase"] = self.passphrase_edit.text()
        if self.sudo_edit.isEnabled() and self.sudo_edit.text():
            out["sudo_password"] = self.sudo_edit.text()
        return out

    def forgotten(self) -> frozenset[str]:
        """Stored secrets to remove on Save (a newly typed one wins)."""
        return frozenset({"sudo_password"} if self.forget_sudo else set()) - set(self.secrets())

    def save_secrets(self, profile: ServerProfile) -> None:
        """Into the keyring; sets the profile's has_* flags (the caller saves the profile). Raises
        CredentialStoreError (an MtpmError) when the keyring cannot store or remove a secret."""
        from mtpm_desktop.remote.ssh.credentials import CredentialStore

        creds = CredentialStore()
        typed = self.secrets()
        forgotten = self.forgotten()
        original = self.original
        if original is not None and original.name != profile.name:
            # Keyring entries are per profile name: a renamed server takes its stored secrets along.
            old = ServerProfile.from_json(original.to_json())
            for carried, flag in SECRET_FLAGS.items():
                if carried in typed or carried in forgotten or not getattr(old, flag):
                    continue
                value = creds.get(old.name, carried)
                if value is not None:
                    creds.set(profile, carried, value)
            creds.delete_all(old)
        for kind, value in typed.items():
            creds.set(profile, kind, value)  # type: ignore[arg-type]
        for kind in forgotten:
            creds.delete(profile, kind)  # type: ignore[arg-type]

    # -- test connection ------------------------------------------------------------------------------
    def _show(self, text: str, style: str = "") -> None:
        self.result_label.setStyleSheet(style)
        self.result_label.setText(text)
        self.fit_height()

    def run_test(self) -> None:
        try:
            profile = self.profile()
        except MtpmError as exc:
            self._show(localize(exc), red())
            return
        self.trust_btn.setVisible(False)
        self.pending_key = None
        self.tested_ok = False
        self.test_btn.setEnabled(False)
        self._show(self.tr("Connecting to {host}…").format(host=profile.host))
        secrets = self.secrets()
        forgotten = self.forgotten()
        outcome: dict[str, BaseException] = {}

        def work(ctx: JobContext) -> ConnectionTest:
            try:
                return self._tester(profile, secrets, forgotten)
            except HostKeyError_ as exc:  # keep the key object: the job queue passes only messages
                outcome["hostkey"] = exc
                raise

        def done(result: ConnectionTest) -> None:
            self.test_btn.setEnabled(True)
            self.show_test_result(result)

        def failed(message: str) -> None:
            self.test_btn.setEnabled(True)
            exc = outcome.get("hostkey")
            if isinstance(exc, HostKeyUnknown):
                self.pending_key = exc
                self._show(
                    self.tr(
                        'This server\'s host key is not known yet.\n{type} key fingerprint:\n{fp}\nCompare it with `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` run on the server, then press "Trust this key".'  # noqa: E501
                    ).format(type=exc.key_type, fp=exc.fingerprint)
                )
                self.trust_btn.setVisible(True)
            elif isinstance(exc, HostKeyChanged):
                self._show(
                    self.tr(
                        "WARNING: the host key of this server has CHANGED (now {fp}). Nothing was sent to it. If the server was not reinstalled, someone may be intercepting the connection."  # noqa: E501
                    ).format(fp=exc.fingerprint),
                    red(),
                )
            else:
                self._show(message, red())

        self.jobs.submit(f"test:{profile.host}:{profile.port}", "test connection", work, done, failed)

    def show_test_result(self, result: ConnectionTest) -> None:
        system = result.system or "OK"
        problem = result.problem
        if problem is None:
            self.tested_ok = True
            if result.docker_via == "sudo":
                text = self.tr("Connected: {system}. Docker works through sudo.")
            else:
                text = self.tr("Connected: {system}. Docker works.")
            self._show(text.format(system=system), GREEN)
        elif isinstance(problem, SudoError | DockerPermissionDenied):
            # A missing or wrong sudo password, or a user who may not use Docker at all: fix it before saving.
            self.tested_ok = False
            self._show(
                self.tr("Connected: {system}, but Docker cannot be used: {error}").format(
                    system=system, error=localize(problem)
                ),
                red(),
            )
        else:
            # Docker missing or stopped: "Set up server" installs and starts it.
            self.tested_ok = True
            self._show(self.tr("Connected: {system}. {error}").format(system=system, error=localize(problem)))

    def trust_key(self) -> None:
        if self.pending_key is None:
            return
        try:
            pin_host_key(self.pending_key)
        except MtpmError as exc:
            self._show(localize(exc), red())
            return
        self.pending_key = None
        self.trust_btn.setVisible(False)
        self.run_test()

    def _accept(self) -> None:
        try:
            p = self.profile()
        except MtpmError as exc:
            self._show(localize(exc), red())
            return
        if p.name in self.existing:
            self._show(self.tr("A server named {name} already exists.").format(name=p.name), red())
            return
        self.accept()


HostKeyError_ = (HostKeyUnknown, HostKeyChanged)
