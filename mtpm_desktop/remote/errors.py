"""Typed errors of the remote layer.

Every class here is an :class:`~mtpm_desktop.core.errors.MtpmError`: its message says what went wrong on
which server and what the admin can do about it. Callers branch on the class (the GUI offers "pin this
key" for :class:`HostKeyUnknown`, "reconnect" for :class:`ConnectionLost`, ...), never on the text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mtpm_desktop.core.errors import MtpmError

if TYPE_CHECKING:
    import paramiko


class RemoteError(MtpmError):
    """Base of everything that goes wrong while talking to a server."""


class ProfileError(MtpmError):
    """A server profile is missing, duplicated or cannot be read."""


class ProfileNotFound(ProfileError):
    """No profile with that name (or no such Host alias in ~/.ssh/config)."""


class CredentialStoreError(MtpmError):
    """The OS keyring refused to store or return a secret."""


# --- reaching the server --------------------------------------------------------------------------


class Unreachable(RemoteError):
    """The TCP connection (or the SSH handshake) could not be made."""


class RemoteTimeout(RemoteError):
    """Something did not answer in time."""


class ConnectTimeout(RemoteTimeout, Unreachable):
    """The server did not answer the TCP connect or the SSH handshake in time."""


class CommandTimeout(RemoteTimeout):
    """A remote command ran longer than its timeout (it was abandoned)."""


class ConnectionLost(RemoteError):
    """An established SSH connection died during a call; the next call reconnects."""


# --- host keys ------------------------------------------------------------------------------------


class HostKeyError(RemoteError):
    """Base of the host key verification failures; carries what the UI needs to show and pin."""

    def __init__(
        self, message: str, *, host: str, port: int, key: paramiko.PKey, fingerprint: str, key_type: str
    ) -> None:
        super().__init__(message)
        self.host = host
        self.port = port
        self.key = key
        # "SHA256:..." exactly as the second field of `ssh-keygen -lf` prints it.
        self.fingerprint = fingerprint
        self.key_type = key_type


class HostKeyUnknown(HostKeyError):
    """The server's host key is in no known_hosts file: ask the user, then pin it."""


class HostKeyChanged(HostKeyError):
    """The server presented a different key than the one on record; nothing was sent to it."""


# --- authentication -------------------------------------------------------------------------------


class AuthFailed(RemoteError):
    """The server rejected the login, or the credentials could not be used at all."""


class PassphraseRequired(AuthFailed):
    """The private key is encrypted and no passphrase is stored for this profile."""


class SudoError(RemoteError):
    """Base of the failures to gain root through sudo."""


class SudoRequired(SudoError):
    """The login user needs sudo with a password, and none is stored for this profile."""


class SudoPasswordWrong(SudoError):
    """sudo rejected the stored sudo password."""


class SudoNotAllowed(SudoError):
    """sudo is not installed, or the login user may not use it."""


# --- Docker ---------------------------------------------------------------------------------------


class DockerError(RemoteError):
    """Docker on the server cannot be used."""


class DockerNotInstalled(DockerError):
    """There is no `docker` command on the server."""


class DockerNotRunning(DockerError):
    """The docker command exists but the daemon does not answer."""


class DockerPermissionDenied(DockerError):
    """The login user may not use the Docker socket and cannot become root either.

    `sudo_error` says why sudo did not help; a :class:`SudoRequired` there means that storing the sudo
    password may fix it (the UI can ask for it).
    """

    def __init__(self, message: str, *, sudo_error: SudoError | None = None) -> None:
        super().__init__(message)
        self.sudo_error = sudo_error


# --- commands and files ---------------------------------------------------------------------------


class CommandFailed(RemoteError):
    """A remote command exited non-zero; carries its exit code, stdout and stderr."""

    def __init__(self, message: str, *, command: str, exit_code: int, stdout: str, stderr: str) -> None:
        super().__init__(message)
        self.command = command
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr


class RemoteFileError(RemoteError):
    """A file operation over SFTP failed."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path


class RemoteFileNotFound(RemoteFileError):
    """The remote file or folder does not exist."""


class RemotePermissionDenied(RemoteFileError):
    """The login user may not read or write that remote path.

    `sudo_error` says why root was not used instead (as for :class:`DockerPermissionDenied`): a
    :class:`SudoRequired` there means that storing the sudo password may fix it.
    """

    def __init__(self, message: str, *, path: str, sudo_error: SudoError | None = None) -> None:
        super().__init__(message, path=path)
        self.sudo_error = sudo_error
