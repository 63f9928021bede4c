"""What the bootstrap steps share: the options, the context, and running commands on the server as root.

Below both the steps (bootstrap_steps.py) and the image transfer (image_transfer.py), which each use it, so
neither imports the other back.
"""

from __future__ import annotations

import shlex
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import paramiko

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.errors import CommandTimeout, ConnectionLost, RemoteError
from mtpm_desktop.remote.proxies.engines import Engine, get_engine
from mtpm_desktop.remote.setup.bootstrap import Emit
from mtpm_desktop.remote.setup.osdetect import PROBE_SCRIPT, ServerFacts, parse_probe

DEFAULT_ROOT = "/opt/mtpm"
INSTALL_TIMEOUT_S = 1800.0


class BootstrapStepError(MtpmError):
    """A bootstrap step's command failed; the message carries the tail of its output."""


@dataclass
class BootstrapOptions:
    registry_mirror: str | None = None  # e.g. https://mirror.gcr.io: pull the engine image through it
    push_image: bool = False  # stream the image from this machine's Docker instead of pulling it
    server_ip: str | None = None  # override the detected address
    server_domain: str | None = None
    first_user: str = "user1"
    first_user_port: int | None = None
    # False: leave the server without users (e.g. to `import-panel` next, which refuses a server with users).
    create_first_user: bool = True


@dataclass
class BootstrapContext:
    """Everything the steps share; checks fill in the facts they detect."""

    session: Any  # ServerSession
    options: BootstrapOptions = field(default_factory=BootstrapOptions)
    root: str = DEFAULT_ROOT
    engine: Engine | None = None  # overrides the state's engine (tests use their offline engine)
    # Where this machine's Docker is, for --push-image (None: docker.from_env()).
    local_docker: Callable[[], Any] | None = None
    check_host: str | None = None  # passed to ServerService (address the link check dials)
    facts: ServerFacts | None = None
    first_link: str | None = None
    first_tme_link: str | None = None
    _service: Any = None
    _apt_updated: bool = False

    @property
    def host(self) -> str:
        return str(self.session.profile.host)

    @property
    def service(self) -> Any:
        if self._service is None:
            from mtpm_desktop.remote.service import ServerService

            self._service = ServerService(
                self.session, root=self.root, engine=self.engine, check_host=self.check_host
            )
        return self._service

    def require_facts(self) -> ServerFacts:
        if self.facts is None:
            self.facts = parse_probe(run(self, PROBE_SCRIPT, timeout=30).stdout)
        return self.facts

    def resolved_engine(self) -> Engine:
        if self.engine is not None:
            return self.engine
        settings = self.service.settings()
        return get_engine(settings.get("engine"), settings.get("proxy_image"))


# --- remote command helpers ---------------------------------------------------------------------------


def run(ctx: BootstrapContext, script: str, *, timeout: float = 60) -> Any:
    """Run a shell script as root; never raises for a non-zero exit (callers look at exit_code)."""
    return ctx.session.run("sh -c " + shlex.quote(script), sudo=True, check=False, timeout=timeout)


def ok(ctx: BootstrapContext, script: str, *, timeout: float = 60) -> bool:
    return int(run(ctx, script, timeout=timeout).exit_code) == 0


def stream(
    ctx: BootstrapContext,
    script: str,
    emit: Emit,
    *,
    timeout: float = INSTALL_TIMEOUT_S,
    stdin_chunks: Iterable[bytes] | None = None,
    what: str = "",
) -> None:
    """Run `script` as root, sending its output (stdout and stderr) to `emit` line by line as it comes.

    ServerSession.run returns only at the end, which is no good for a five-minute package install, so this
    opens its own exec channel on the session's transport. `stdin_chunks` are written as they are produced
    (image streaming). Raises BootstrapStepError with the output's tail on a non-zero exit.
    """
    session = ctx.session
    command = "sh -c " + shlex.quote(script)
    prefix = b""
    privilege = session.privilege()
    if privilege.mode != "root":
        command = privilege.prefix + command
        prefix = privilege.stdin_prefix
    tail: list[str] = []
    pending = b""

    def drain(channel: paramiko.Channel, final: bool = False) -> None:
        nonlocal pending
        while channel.recv_ready():
            pending += channel.recv(65536)
        *lines, pending = pending.split(b"\n")
        if final and pending:
            lines, pending = [*lines, pending], b""
        for raw in lines:
            line = raw.decode(errors="replace").rstrip("\r").split("\r")[-1]
            tail.append(line)
            del tail[:-40]
            emit(line)

    deadline = time.monotonic() + timeout
    try:
        channel = session.transport.open_session(timeout=30)
    except (paramiko.SSHException, EOFError, OSError) as exc:
        raise ConnectionLost(
            msg("Could not open a channel to {host}: {error}. Try again.", host=ctx.host, error=str(exc))
        ) from exc
    try:
        channel.set_combine_stderr(True)
        channel.exec_command(command)
        if prefix:
            channel.sendall(prefix)
        for chunk in stdin_chunks or ():
            channel.sendall(chunk)
            drain(channel)
        channel.shutdown_write()
        while not (channel.exit_status_ready() and not channel.recv_ready()):
            if time.monotonic() > deadline:
                raise CommandTimeout(
                    msg(
                        "{what} on {host} did not finish within {timeout:g} s.",
                        what=what,
                        host=ctx.host,
                        timeout=timeout,
                    )
                    if what
                    else msg(
                        "A command on {host} did not finish within {timeout:g} s.",
                        host=ctx.host,
                        timeout=timeout,
                    )
                )
            if channel.recv_ready():
                drain(channel)
            else:
                time.sleep(0.05)
        drain(channel, final=True)
        status = channel.recv_exit_status()
    except (paramiko.SSHException, EOFError, OSError) as exc:
        raise RemoteError(
            msg("{what} on {host} broke off: {error}", what=what, host=ctx.host, error=str(exc))
            if what
            else msg("A command on {host} broke off: {error}", host=ctx.host, error=str(exc))
        ) from exc
    finally:
        channel.close()
    if status != 0:
        output = " | ".join(tail[-5:])
        raise BootstrapStepError(
            msg(
                "{what} failed on {host} (exit {status}): {output}",
                what=what,
                host=ctx.host,
                status=status,
                output=output,
            )
            if what
            else msg(
                "The command failed on {host} (exit {status}): {output}",
                host=ctx.host,
                status=status,
                output=output,
            )
        )
