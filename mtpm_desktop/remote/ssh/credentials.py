"""Secrets of a server profile, kept in the OS keyring only.

Keyring entries: service ``mtpm``, user name ``"<profile>:<kind>"`` with kind one of ``password``,
``passphrase`` (of the private key) and ``sudo_password``. :class:`CredentialStore` also keeps the profile's
``has_*`` flags in step, so the profile file says a secret exists without containing it.

If the keyring backend cannot keep secrets safely (the "fail" or "null" backends, or a plaintext file),
:func:`keyring_warning` returns a sentence the GUI shows next to the password fields.
"""

from __future__ import annotations

from typing import Literal

import keyring
import keyring.backend
import keyring.errors

from mtpm_desktop.core.messages import Message, msg
from mtpm_desktop.remote.errors import CredentialStoreError
from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile

SERVICE = "mtpm"
SecretKind = Literal["password", "passphrase", "sudo_password"]
# Each kind of secret and the profile flag that says one is stored (the profile holds no secret itself).
SECRET_FLAGS: dict[SecretKind, str] = {
    "password": "has_password",
    "passphrase": "has_passphrase",
    "sudo_password": "has_sudo_password",
}

# Backends that do not protect a secret: (module, class name). Matched by name so keyrings.alt need
# not be installed for the check.
_UNSAFE_BACKENDS = {
    ("keyring.backends.fail", "Keyring"): msg("no usable keyring was found"),
    ("keyring.backends.null", "Keyring"): msg("the keyring is disabled"),
    ("keyrings.alt.file", "PlaintextKeyring"): msg("the keyring stores secrets in a plain text file"),
}


def _secret_label(kind: str) -> Message:
    """What the secret is, as the keyring errors name it ("the {secret} of ...")."""
    if kind == "password":
        return msg("password")
    if kind == "passphrase":
        return msg("passphrase")
    return msg("sudo password")


def keyring_warning(backend: keyring.backend.KeyringBackend | None = None) -> str | None:
    """A warning for the UI when passwords cannot be stored safely, else None."""
    backend = backend if backend is not None else keyring.get_keyring()
    candidates = [backend]
    # The chainer wraps the real backends; judge by what is inside.
    inner = getattr(backend, "backends", None)
    if isinstance(inner, list | tuple):
        candidates = list(inner)
        if not candidates:
            return msg("Passwords cannot be saved: no usable keyring was found. Use key or agent logins.")
    for candidate in candidates:
        reason = _UNSAFE_BACKENDS.get((type(candidate).__module__, type(candidate).__name__))
        if reason is not None:
            return msg(
                "Passwords are not stored safely: {reason}. Install and unlock a system keyring "
                "(GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager), or use key logins.",
                reason=reason,
            )
    return None


class CredentialStore:
    """Read and write the secrets of profiles in a keyring backend (the OS one unless given)."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    @staticmethod
    def _entry(profile_name: str, kind: SecretKind) -> str:
        if kind not in SECRET_FLAGS:
            raise ValueError(f"unknown secret kind {kind!r}")
        return f"{profile_name}:{kind}"

    def get(self, profile_name: str, kind: SecretKind) -> str | None:
        try:
            return self.backend.get_password(SERVICE, self._entry(profile_name, kind))
        except keyring.errors.KeyringError as exc:
            raise CredentialStoreError(
                msg(
                    "The keyring could not return the {secret} of {name!r}: {error}",
                    secret=_secret_label(kind),
                    name=profile_name,
                    error=exc,
                )
            ) from exc

    def set(
        self, profile: ServerProfile, kind: SecretKind, secret: str, store: ProfileStore | None = None
    ) -> None:
        """Store the secret and set the profile's flag (saved to `store` when given)."""
        try:
            self.backend.set_password(SERVICE, self._entry(profile.name, kind), secret)
        except keyring.errors.KeyringError as exc:
            raise CredentialStoreError(
                msg(
                    "The keyring refused to store the {secret} of {name!r}: {error}",
                    secret=_secret_label(kind),
                    name=profile.name,
                    error=exc,
                )
            ) from exc
        setattr(profile, SECRET_FLAGS[kind], True)
        if store is not None:
            store.save(profile)

    def delete(self, profile: ServerProfile, kind: SecretKind, store: ProfileStore | None = None) -> None:
        try:
            self.backend.delete_password(SERVICE, self._entry(profile.name, kind))
        except keyring.errors.PasswordDeleteError:
            pass  # already gone: the goal is reached
        except keyring.errors.KeyringError as exc:
            raise CredentialStoreError(
                msg(
                    "The keyring could not delete a secret of {name!r}: {error}", name=profile.name, error=exc
                )
            ) from exc
        setattr(profile, SECRET_FLAGS[kind], False)
        if store is not None:
            store.save(profile)

    def delete_all(self, profile: ServerProfile, store: ProfileStore | None = None) -> None:
        for kind in SECRET_FLAGS:
            self.delete(profile, kind, store)
