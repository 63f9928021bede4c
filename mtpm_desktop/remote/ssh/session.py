"""ServerSession: one verified SSH transport per server carrying exec, SFTP and the Docker API.

* ``run`` executes a command on a new channel (timeout, exit code, stdout, stderr; optional sudo).
* File calls go over one SFTP client. For a non-root login that may use sudo, the SFTP server itself is
  started through sudo on a channel, so writing under the root-owned install root just works.
* ``docker`` is a :class:`docker.DockerClient` whose HTTP connections are channels of this transport running
  ``docker system dial-stdio`` (see :mod:`mtpm_desktop.remote.ssh.docker_transport`).

A dropped connection makes the call in flight raise :class:`ConnectionLost`; the next call reconnects
(host key checked again). Calls may come from several worker threads: channels are independent, the
reconnect and the SFTP client are guarded by locks.
"""

from __future__ import annotations

import contextlib
import errno
import os
import posixpath
import re
import select
import shlex
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import paramiko
from paramiko.sftp import CMD_EXTENDED

from mtpm_desktop.core.messages import Message, msg
from mtpm_desktop.remote.errors import (
    CommandFailed,
    CommandTimeout,
    ConnectionLost,
    DockerNotInstalled,
    DockerNotRunning,
    DockerPermissionDenied,
    RemoteError,
    RemoteFileError,
    RemoteFileNotFound,
    RemotePermissionDenied,
    SudoError,
    SudoNotAllowed,
    SudoPasswordWrong,
    SudoRequired,
)
from mtpm_desktop.remote.ssh.connect import DEFAULT_CONNECT_TIMEOUT, Link, open_link, transport_alive
from mtpm_desktop.remote.ssh.credentials import CredentialStore
from mtpm_desktop.remote.ssh.docker_transport import DockerAccess
from mtpm_desktop.remote.ssh.hostkeys import HostKeyStore
from mtpm_desktop.remote.ssh.profiles import ServerProfile, app_data_dir

if TYPE_CHECKING:
    import docker

# Where distributions put OpenSSH's sftp-server (needed to run it under sudo).
_SFTP_SERVER_PATHS = (
    "/usr/lib/openssh/sftp-server",
    "/usr/libexec/openssh/sftp-server",
    "/usr/lib/ssh/sftp-server",
    "/usr/libexec/sftp-server",
    "/usr/lib/sftp-server",
)
_NO_DOCKER_MARK = "mtpm:no-docker-command"
_DOCKER_SOCKET_DENIED = re.compile(r"permission denied.*docker", re.IGNORECASE | re.DOTALL)
_DOCKER_DAEMON_DOWN = re.compile(
    r"cannot connect to the docker daemon|is the docker daemon running|error during connect", re.IGNORECASE
)


@dataclass(frozen=True)
class CommandResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


@dataclass(frozen=True)
class Privilege:
    """How this login becomes root: `prefix` goes before a command, `stdin_prefix` is sent first."""

    mode: str  # "root" (already), "sudo" (no password), "sudo-password"
    prefix: str = ""
    stdin_prefix: bytes = b""


class ServerSession:
    """A session with one server; see the module docs. Obtain it from :func:`connect`."""

    def __init__(
        self,
        profile: ServerProfile,
        *,
        credentials: CredentialStore,
        hostkeys: HostKeyStore,
        timeout: float = DEFAULT_CONNECT_TIMEOUT,
    ) -> None:
        self.profile = profile
        self.credentials = credentials
        self.hostkeys = hostkeys
        self.timeout = timeout
        self._link: Link | None = None
        self._generation = 0  # +1 per (re)connect, so pooled channels of a dead transport are dropped
        self._lock = threading.RLock()
        self._sftp_lock = threading.RLock()
        self._sftp: paramiko.SFTPClient | None = None
        self._sftp_generation = -1
        self._uid: int | None = None
        self._privilege: Privilege | None = None
        self._privilege_error: SudoError | None = None
        self._docker_access: DockerAccess | None = None
        self._docker_client: docker.DockerClient | None = None
        self._closed = False

    # --- connection ---------------------------------------------------------------------------------

    def open(self) -> None:
        """Connect now (errors surface here). Reopens a closed session."""
        with self._lock:
            self._closed = False
            self._ensure_link()

    @property
    def where(self) -> str:
        return f"{self.profile.user}@{self.profile.host}:{self.profile.port}"

    @property
    def connected(self) -> bool:
        link = self._link
        return link is not None and link.active

    @property
    def generation(self) -> int:
        return self._generation

    def _ensure_link(self) -> Link:
        with self._lock:
            if self._closed:
                # A worker finishing after the user closed the session must not quietly reconnect.
                raise ConnectionLost(
                    msg("The session with {where} was closed; open it again.", where=self.where)
                )
            if self._link is not None and self._link.active:
                return self._link
            if self._link is not None:
                self._link.close()
                self._link = None
            self._link = open_link(
                self.profile, credentials=self.credentials, hostkeys=self.hostkeys, timeout=self.timeout
            )
            self._generation += 1
            return self._link

    @property
    def transport(self) -> paramiko.Transport:
        """The live transport, reconnecting first if the previous one died."""
        return self._ensure_link().transport

    def _lost(self, exc: BaseException | None, doing: Message) -> ConnectionLost:
        if exc:
            return ConnectionLost(
                msg(
                    "The connection to {where} was lost while {doing} ({error}). The next action reconnects.",
                    where=self.where,
                    doing=doing,
                    error=exc,
                )
            )
        return ConnectionLost(
            msg(
                "The connection to {where} was lost while {doing}. The next action reconnects.",
                where=self.where,
                doing=doing,
            )
        )

    def _open_channel(self, timeout: float) -> paramiko.Channel:
        transport = self.transport
        try:
            return transport.open_session(timeout=timeout)
        except (paramiko.SSHException, EOFError, OSError) as exc:
            if not transport_alive(transport):
                # Died between the liveness check and the request: one silent retry on a fresh link.
                try:
                    return self.transport.open_session(timeout=timeout)
                except (paramiko.SSHException, EOFError, OSError) as exc2:
                    raise self._lost(exc2, msg("opening a channel")) from exc2
            raise RemoteError(
                msg("{where} refused a new SSH channel: {error}", where=self.where, error=exc)
            ) from exc

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._docker_client is not None:
                with contextlib.suppress(Exception):
                    self._docker_client.close()
                self._docker_client = None
            with self._sftp_lock:
                if self._sftp is not None:
                    with contextlib.suppress(Exception):
                        self._sftp.close()
                    self._sftp = None
            if self._link is not None:
                self._link.close()
                self._link = None

    def __enter__(self) -> ServerSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- commands -----------------------------------------------------------------------------------

    def run(
        self,
        command: str,
        *,
        timeout: float = 60,
        check: bool = True,
        sudo: bool = False,
        stdin: bytes | None = None,
    ) -> CommandResult:
        """Run `command` with the login shell's `sh -c` semantics; `sudo=True` runs it as root."""
        full = command
        data = stdin or b""
        if sudo:
            privilege = self.privilege()
            if privilege.mode != "root":
                full = f"{privilege.prefix}sh -c {shlex.quote(command)}"
                data = privilege.stdin_prefix + data
        result = self._exec(full, data, timeout, display=command)
        if check and result.exit_code != 0:
            raise CommandFailed(
                msg(
                    "`{command}` failed on {host} (exit {exit_code}): {output}",
                    command=_short(command),
                    host=self.profile.host,
                    exit_code=result.exit_code,
                    output=result.stderr.strip()[-500:] or result.stdout.strip()[-500:] or msg("no output"),
                ),
                command=command,
                exit_code=result.exit_code,
                stdout=result.stdout,
                stderr=result.stderr,
            )
        return result

    def _exec(self, command: str, stdin: bytes, timeout: float, display: str) -> CommandResult:
        channel = self._open_channel(timeout=min(timeout, self.timeout))
        transport = channel.get_transport()
        try:
            channel.exec_command(command)
            if stdin:
                channel.sendall(stdin)
            channel.shutdown_write()
            out, err = _collect(channel, timeout)
        except CommandTimeout:
            raise CommandTimeout(
                msg(
                    "`{command}` on {host} did not finish within {timeout:g} s.",
                    command=_short(display),
                    host=self.profile.host,
                    timeout=timeout,
                )
            ) from None
        except (paramiko.SSHException, EOFError, OSError) as exc:
            if not transport_alive(transport):
                raise self._lost(exc, msg("running `{command}`", command=_short(display))) from exc
            raise RemoteError(
                msg(
                    "Running `{command}` on {host} failed: {error}",
                    command=_short(display),
                    host=self.profile.host,
                    error=exc,
                )
            ) from exc
        finally:
            channel.close()
        # paramiko reports -1 when the channel closed without an exit status (exit_status_ready() is
        # also true then): the command died from a signal, or the connection is gone.
        exit_code = channel.recv_exit_status() if channel.exit_status_ready() else -1
        if exit_code == -1 and not _probe_alive(transport):
            raise self._lost(None, msg("running `{command}`", command=_short(display)))
        return CommandResult(exit_code, out, err)

    # --- privilege ----------------------------------------------------------------------------------

    def uid(self) -> int:
        if self._uid is None:
            self._uid = int(self._exec("id -u", b"", self.timeout, "id -u").stdout.strip())
        return self._uid

    def privilege(self) -> Privilege:
        """How to become root; raises SudoRequired / SudoPasswordWrong / SudoNotAllowed if it cannot."""
        if self._privilege is not None:
            return self._privilege
        if self._privilege_error is not None:
            raise self._privilege_error
        try:
            self._privilege = self._probe_privilege()
        except SudoError as exc:
            self._privilege_error = exc
            raise
        return self._privilege

    def _probe_privilege(self) -> Privilege:
        if self.uid() == 0:
            return Privilege("root")
        user, host, name = self.profile.user, self.profile.host, self.profile.name
        probe = self._exec("sudo -n true", b"", self.timeout, "sudo -n true")
        if probe.exit_code == 0:
            return Privilege("sudo", "sudo -n ")
        text = probe.stderr.lower()
        if probe.exit_code == 127 or "not found" in text:
            raise SudoNotAllowed(
                msg("{user} on {host} is not root and sudo is not installed.", user=user, host=host)
            )
        if "password is required" not in text:
            raise SudoNotAllowed(
                msg(
                    "{user} on {host} is not root and may not use sudo ({reason}).",
                    user=user,
                    host=host,
                    reason=probe.stderr.strip() or msg("sudo refused"),
                )
            )
        password = (
            self.credentials.get(self.profile.name, "sudo_password")
            if self.profile.has_sudo_password
            else None
        )
        if password is None:
            # sudo says "a password is required" whether or not the user is in sudoers: only trying a
            # password tells, so the message covers both.
            raise SudoRequired(
                msg(
                    "{user} on {host} is not root and sudo asks for a password, which is not "
                    "stored for this server. Store it (if {user} may use sudo at all) in the server's "
                    "settings in the app, or with `mtpm server set-secret {name} sudo-password --stdin`.",
                    user=user,
                    host=host,
                    name=name,
                )
            )
        # -k: always ask, so the password line is consumed even if sudo cached a ticket; -p '': no prompt
        # text mixed into the output. The password travels on stdin, never in the command line.
        prefix = "sudo -k -S -p '' "
        stdin_prefix = password.encode() + b"\n"
        check = self._exec(prefix + "true", stdin_prefix, self.timeout, "sudo -S true")
        if check.exit_code != 0 and ("sudoers" in check.stderr or "not allowed" in check.stderr):
            raise SudoNotAllowed(
                msg(
                    "{user} on {host} may not use sudo ({reason}).",
                    user=user,
                    host=host,
                    reason=check.stderr.strip()[-200:],
                )
            )
        if check.exit_code != 0:
            raise SudoPasswordWrong(
                msg(
                    "sudo on {host} rejected the stored sudo password of {user}; update it in the server's "
                    "settings in the app, or with `mtpm server set-secret {name} sudo-password --stdin`.",
                    host=host,
                    user=user,
                    name=name,
                )
            )
        return Privilege("sudo-password", prefix, stdin_prefix)

    # --- Docker -------------------------------------------------------------------------------------

    def docker_access(self) -> DockerAccess:
        """Probe (once) whether and how Docker can be used; raises the Docker* error that names the cause."""
        if self._docker_access is None or not self._docker_access.api_version:
            self._docker_access = self._probe_docker()
        return self._docker_access

    def docker_access_hint(self) -> DockerAccess:
        """How to reach Docker without spending a probe when the answer is known: root always reaches the
        socket directly, so for root logins the probe (a remote exec) is skipped and `api_version` is
        left empty for the first HTTP call to learn. If that call fails, `docker_access()` finds out why.
        """
        if self._docker_access is not None:
            return self._docker_access
        if self.profile.user == "root":
            return DockerAccess("direct", "")
        return self.docker_access()

    def _probe_docker(self) -> DockerAccess:
        host, user = self.profile.host, self.profile.user
        version_cmd = "docker version --format '{{.Server.APIVersion}}'"
        # One exec for both questions: every exec costs a remote session setup.
        missing = f"{{ echo {_NO_DOCKER_MARK} >&2; exit 127; }}"
        direct = self._exec(
            f"command -v docker >/dev/null 2>&1 || {missing}; {version_cmd}",
            b"",
            self.timeout,
            version_cmd,
        )
        if direct.exit_code == 127 and _NO_DOCKER_MARK in direct.stderr:
            raise DockerNotInstalled(
                msg("Docker is not installed on {host} (no `docker` command). Install it first.", host=host)
            )
        if direct.exit_code == 0:
            return DockerAccess("direct", direct.stdout.strip())
        if _DOCKER_DAEMON_DOWN.search(direct.stderr) and not _DOCKER_SOCKET_DENIED.search(direct.stderr):
            raise DockerNotRunning(
                msg(
                    "The Docker daemon on {host} is not running: start it (systemctl start docker).",
                    host=host,
                )
            )
        if not _DOCKER_SOCKET_DENIED.search(direct.stderr):
            raise DockerNotRunning(
                msg(
                    "`docker version` failed on {host}: {error}",
                    host=host,
                    error=direct.stderr.strip()[-300:],
                )
            )
        try:
            privilege = self.privilege()
        except SudoError as exc:
            raise DockerPermissionDenied(
                msg(
                    "{user} on {host} may not use Docker: the user is not in the 'docker' group and cannot "
                    "use sudo. {reason} Or log in as root, or add the user to the docker group "
                    "(usermod -aG docker {user}).",
                    user=user,
                    host=host,
                    reason=exc.message,
                ),
                sudo_error=exc,
            ) from exc
        via_sudo = self._exec(
            privilege.prefix + version_cmd, privilege.stdin_prefix, self.timeout, version_cmd
        )
        if via_sudo.exit_code == 0:
            return DockerAccess("sudo", via_sudo.stdout.strip(), privilege.prefix, privilege.stdin_prefix)
        if _DOCKER_DAEMON_DOWN.search(via_sudo.stderr):
            raise DockerNotRunning(
                msg(
                    "The Docker daemon on {host} is not running: start it (systemctl start docker).",
                    host=host,
                )
            )
        raise DockerPermissionDenied(
            msg(
                "Docker on {host} refused even through sudo: {error}",
                host=host,
                error=via_sudo.stderr.strip(),
            )
        )

    def open_docker_channel(self, timeout: float) -> paramiko.Channel:
        """A new channel running `docker system dial-stdio`, ready for HTTP (used by the adapter)."""
        access = self.docker_access_hint()
        channel = self._open_channel(timeout=timeout)
        try:
            channel.exec_command(f"{access.prefix}docker system dial-stdio")
            if access.stdin_prefix:
                channel.sendall(access.stdin_prefix)
        except (paramiko.SSHException, EOFError, OSError) as exc:
            channel.close()
            raise self._lost(exc, msg("starting the Docker connection")) from exc
        channel.settimeout(timeout)
        return channel

    @property
    def docker(self) -> docker.DockerClient:
        """A DockerClient over this session (built on first use; survives reconnects)."""
        with self._lock:
            if self._docker_client is None:
                # Imported here: the Docker SDK (and requests) cost a noticeable start-up time that a
                # CLI call without Docker should not pay.
                from mtpm_desktop.remote.ssh.docker_transport import docker_client_for

                self._docker_client = docker_client_for(self)
            return self._docker_client

    # --- files --------------------------------------------------------------------------------------

    def _sftp_client(self) -> paramiko.SFTPClient:
        with self._sftp_lock:
            link = self._ensure_link()
            if self._sftp is not None and self._sftp_generation == self._generation:
                return self._sftp
            if self._sftp is not None:
                with contextlib.suppress(Exception):
                    self._sftp.close()
                self._sftp = None
            self._sftp = self._start_sftp(link.transport)
            self._sftp_generation = self._generation
            return self._sftp

    def _start_sftp(self, transport: paramiko.Transport) -> paramiko.SFTPClient:
        privilege: Privilege | None = None
        if self.uid() != 0:
            with contextlib.suppress(SudoError):
                privilege = self.privilege()
        try:
            if privilege is None or privilege.mode == "root":
                client = paramiko.SFTPClient.from_transport(transport)
                assert client is not None
                return client
            # Root-owned install root, non-root login: run the SFTP server itself through sudo.
            server = self._find_sftp_server()
            channel = self._open_channel(timeout=self.timeout)
            channel.exec_command(privilege.prefix + server)
            if privilege.stdin_prefix:
                channel.sendall(privilege.stdin_prefix)
            return paramiko.SFTPClient(channel)
        except (paramiko.SSHException, EOFError, OSError) as exc:
            if not transport_alive(transport):
                raise self._lost(exc, msg("starting SFTP")) from exc
            raise RemoteError(
                msg("SFTP is not available on {host}: {error}", host=self.profile.host, error=exc)
            ) from exc

    def _find_sftp_server(self) -> str:
        test = " || ".join(f"{{ test -x {p} && echo {p}; }}" for p in _SFTP_SERVER_PATHS)
        found = self._exec(test, b"", self.timeout, "find sftp-server").stdout.strip()
        if not found:
            raise RemoteError(
                msg(
                    "{host} has no sftp-server program; install the openssh-sftp-server package.",
                    host=self.profile.host,
                )
            )
        return found.splitlines()[0]

    @contextlib.contextmanager
    def _file_op(self, path: str, doing: str) -> Iterator[paramiko.SFTPClient]:
        """`doing` is a key of _FILE_DOING ("reading", "writing", ...)."""
        host, user = self.profile.host, self.profile.user
        with self._sftp_lock:
            client = self._sftp_client()
            transport = self.transport
            try:
                yield client
            except OSError as exc:
                if not transport_alive(transport):
                    raise self._lost(exc, _FILE_DOING[doing](path)) from exc
                code = getattr(exc, "errno", None)
                if code == errno.ENOENT:
                    raise RemoteFileNotFound(
                        msg("{path} does not exist on {host}.", path=path, host=host), path=path
                    ) from exc
                if code == errno.EACCES:
                    # Root would have been used if sudo had worked: say why it did not (a missing sudo
                    # password names the command that stores it).
                    if self._privilege_error is not None:
                        denied = msg(
                            "{user} may not access {path} on {host}. {reason}",
                            user=user,
                            path=path,
                            host=host,
                            reason=self._privilege_error.message,
                        )
                    else:
                        denied = msg(
                            "{user} may not access {path} on {host}.", user=user, path=path, host=host
                        )
                    raise RemotePermissionDenied(denied, path=path, sudo_error=self._privilege_error) from exc
                raise RemoteFileError(_FILE_FAILED[doing](path, host, exc), path=path) from exc
            except (paramiko.SSHException, EOFError) as exc:
                if not transport_alive(transport):
                    raise self._lost(exc, _FILE_DOING[doing](path)) from exc
                raise RemoteFileError(_FILE_FAILED[doing](path, host, exc), path=path) from exc

    def read_file(self, path: str) -> bytes:
        with self._file_op(path, "reading") as sftp, sftp.open(path, "rb") as fh:
            return bytes(fh.read())

    def write_file_atomic(self, path: str, data: bytes, mode: int = 0o600) -> None:
        """Replace `path` so a reader sees the old or the new content, never a mix.

        The temp file lives in the same folder (rename is atomic only within a filesystem), gets its mode
        before any byte is written (a secret is never readable by others, not even briefly), is flushed
        and fsynced, then renamed over the target with posix-rename (plain SFTP rename fails on existing
        targets).
        """
        folder, name = posixpath.split(path)
        tmp = posixpath.join(folder, f".{name}.mtpm-{uuid.uuid4().hex[:12]}.tmp")
        with self._file_op(path, "writing") as sftp:
            try:
                with sftp.open(tmp, "wb") as fh:
                    fh.chmod(mode)
                    fh.set_pipelined(True)
                    fh.write(data)
                    fh.flush()
                    _fsync(sftp, fh)
                # Pipelined SFTP writes can fail without an error reaching us (a full disk answers each
                # write with a failure that paramiko drops): never rename a short file over a good one.
                written = sftp.stat(tmp).st_size
                if written != len(data):
                    raise RemoteFileError(
                        msg(
                            "Writing {path} on {host} stopped after {written} of {size} "
                            "bytes: the server's disk is probably full (no space left; check `df -h`). "
                            "The previous file is unchanged.",
                            path=path,
                            host=self.profile.host,
                            written=written,
                            size=len(data),
                        ),
                        path=path,
                    )
                sftp.posix_rename(tmp, path)
            except BaseException:
                with contextlib.suppress(Exception):
                    sftp.remove(tmp)
                raise

    def makedirs(self, path: str, mode: int = 0o700) -> None:
        """Create `path` and missing parents (like mkdir -p); new folders get `mode`."""
        with self._file_op(path, "creating") as sftp:
            parts = [p for p in path.split("/") if p]
            current = "/" if path.startswith("/") else ""
            for part in parts:
                current = posixpath.join(current, part) if current else part
                try:
                    sftp.stat(current)
                except OSError as exc:
                    if getattr(exc, "errno", None) != errno.ENOENT:
                        raise
                    sftp.mkdir(current, mode)
                    sftp.chmod(current, mode)  # mkdir's mode is filtered by the server's umask

    def remove_file(self, path: str, *, missing_ok: bool = False) -> None:
        try:
            with self._file_op(path, "removing") as sftp:
                sftp.remove(path)
        except RemoteFileNotFound:
            if not missing_ok:
                raise

    def exists(self, path: str) -> bool:
        try:
            with self._file_op(path, "checking") as sftp:
                sftp.stat(path)
        except RemoteFileNotFound:
            return False
        return True

    def chmod(self, path: str, mode: int) -> None:
        with self._file_op(path, "changing the mode of") as sftp:
            sftp.chmod(path, mode)

    def listdir(self, path: str) -> list[str]:
        with self._file_op(path, "listing") as sftp:
            return sorted(sftp.listdir(path))


# What a file operation was doing, for "the connection was lost while ..." (keys: the `doing` of _file_op).
_FILE_DOING: dict[str, Callable[[str], Message]] = {
    "reading": lambda path: msg("reading {path}", path=path),
    "writing": lambda path: msg("writing {path}", path=path),
    "creating": lambda path: msg("creating {path}", path=path),
    "removing": lambda path: msg("removing {path}", path=path),
    "checking": lambda path: msg("checking {path}", path=path),
    "changing the mode of": lambda path: msg("changing the mode of {path}", path=path),
    "listing": lambda path: msg("listing {path}", path=path),
}
# The error of a failed file operation.
_FILE_FAILED: dict[str, Callable[[str, str, BaseException], Message]] = {
    "reading": lambda path, host, error: msg(
        "Reading {path} on {host} failed: {error}", path=path, host=host, error=error
    ),
    "writing": lambda path, host, error: msg(
        "Writing {path} on {host} failed: {error}", path=path, host=host, error=error
    ),
    "creating": lambda path, host, error: msg(
        "Creating {path} on {host} failed: {error}", path=path, host=host, error=error
    ),
    "removing": lambda path, host, error: msg(
        "Removing {path} on {host} failed: {error}", path=path, host=host, error=error
    ),
    "checking": lambda path, host, error: msg(
        "Checking {path} on {host} failed: {error}", path=path, host=host, error=error
    ),
    "changing the mode of": lambda path, host, error: msg(
        "Changing the mode of {path} on {host} failed: {error}", path=path, host=host, error=error
    ),
    "listing": lambda path, host, error: msg(
        "Listing {path} on {host} failed: {error}", path=path, host=host, error=error
    ),
}


def _fsync(sftp: paramiko.SFTPClient, fh: paramiko.SFTPFile) -> None:
    """Ask OpenSSH's sftp-server to fsync the file (extension fsync@openssh.com); paramiko has no call
    for it. Servers without the extension answer with an error, which we accept: the rename still
    gives atomicity, only durability across a power cut is weaker."""
    with contextlib.suppress(OSError, paramiko.SSHException):
        sftp._request(CMD_EXTENDED, "fsync@openssh.com", fh.handle)  # type: ignore[attr-defined]


def _probe_alive(transport: paramiko.Transport) -> bool:
    """Liveness by one round trip. A channel can close without an exit status either because the
    command died from a signal or because the connection is going down (the server may close channels
    before the TCP connection drops); only a reply from the server tells the two apart."""
    if not transport_alive(transport):
        return False
    with contextlib.suppress(paramiko.SSHException, EOFError, OSError):
        # OpenSSH answers unknown global requests with a failure: any answer proves the link is up.
        transport.global_request("keepalive@openssh.com", wait=True)
    return transport_alive(transport)


def _collect(channel: paramiko.Channel, timeout: float) -> tuple[str, str]:
    """Read stdout and stderr until the channel closes or the command exits; CommandTimeout on overrun."""
    deadline = time.monotonic() + timeout
    out, err = bytearray(), bytearray()
    while True:
        progressed = False
        if channel.recv_ready():
            out += channel.recv(65536)
            progressed = True
        if channel.recv_stderr_ready():
            err += channel.recv_stderr(65536)
            progressed = True
        if progressed:
            continue
        if channel.closed or (channel.eof_received and channel.exit_status_ready()):
            break
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise CommandTimeout(msg("The command did not finish within {timeout:g} s.", timeout=timeout))
        if channel.eof_received:
            # Output is complete; only the exit status (or the close) is still to come.
            channel.status_event.wait(min(remaining, 1.0))
        else:
            # The channel's pipe becomes readable on new stdout/stderr data, EOF and close.
            select.select([channel], [], [], min(remaining, 1.0))
    return out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def _short(command: str) -> str:
    one_line = " ".join(command.split())
    return one_line if len(one_line) <= 80 else one_line[:77] + "..."


def connect(
    profile: ServerProfile,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    credentials: CredentialStore | None = None,
    hostkeys: HostKeyStore | None = None,
    timeout: float = DEFAULT_CONNECT_TIMEOUT,
) -> ServerSession:
    """A connected :class:`ServerSession` (errors surface here, not on the first call)."""
    session = ServerSession(
        profile,
        credentials=credentials or CredentialStore(),
        hostkeys=hostkeys or HostKeyStore.for_data_dir(app_data_dir(data_dir)),
        timeout=timeout,
    )
    session.open()
    return session
