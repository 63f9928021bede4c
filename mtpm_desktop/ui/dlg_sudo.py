"""Ask for the sudo password of a server whose sudo wants one (none stored, or the stored one rejected).

The main window opens it when a refresh or a job fails that way (`Controller.sudo_needed`); the password
goes to the OS keyring (`store_sudo_password`, the same `CredentialStore` call as `mtpm server set-secret`),
never into the profile file, which only records that one exists.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile


def store_sudo_password(store: ProfileStore, name: str, password: str) -> ServerProfile:
    """Put `password` into the keyring as the sudo password of profile `name` and return that profile
    (read afresh, its `has_sudo_password` set; the caller saves it). Raises CredentialStoreError when the
    keyring refuses (e.g. there is no usable keyring), ProfileNotFound when the profile is gone."""
    from mtpm_desktop.remote.ssh.credentials import CredentialStore

    profile = store.get(name)
    CredentialStore().set(profile, "sudo_password", password)
    return profile


class SudoPasswordDialog(QDialog):
    """A small window-modal question: the sudo password of `profile`'s login user, with the reason."""

    def __init__(self, profile: ServerProfile, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sudoDialog")
        self.server = profile.name
        self.setWindowTitle(self.tr("Sudo password for {server}").format(server=profile.name))
        self.setWindowModality(Qt.WindowModality.WindowModal)

        self.reason_label = QLabel(reason)
        self.reason_label.setObjectName("sudoReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ask_label = QLabel(
            self.tr(
                "sudo on {host} asks {user} for a password. Enter it to store it in the system keyring "
                "and try again."
            ).format(host=profile.host, user=profile.user)
        )
        self.ask_label.setObjectName("sudoAsk")
        self.ask_label.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("sudoPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Sudo password:"), self.password_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Store and retry"))
        self.ok_button.setEnabled(False)
        self.password_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.ask_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())

    def password(self) -> str:
        return self.password_edit.text()

    def _accept(self) -> None:
        if self.password():
            self.accept()
