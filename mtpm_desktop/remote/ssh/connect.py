"""Open one verified, authenticated SSH transport for a profile.

Order matters for safety: TCP connect -> key exchange -> host key check -> authentication. The check uses a
raw :class:`paramiko.Transport` (not SSHClient and its policies) so a changed or unknown host key aborts the
connection before a password or a key signature is ever sent.
"""

from __future__ import annotations

import contextlib
import os
import socket
from dataclasses import dataclass

import paramiko

from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.errors import (
    AuthFailed,
    ConnectTimeout,
    HostKeyError,
    PassphraseRequired,
    Unreachable,
)
from mtpm_desktop.remote.ssh.credentials import CredentialStore
from mtpm_desktop.remote.ssh.hostkeys import HostKeyStore
from mtpm_desktop.remote.ssh.profiles import ServerProfile

DEFAULT_CONNECT_TIMEOUT = 15.0
# Keepalive makes a dead NAT mapping or a vanished server show up as a failed write within a minute
# instead of a hang on the next call.
KEEPALIVE_INTERVAL = 15


@dataclass
class Link:
    """An authenticated transport, and the jump host's transport it is tunnelled through (if any)."""

    transport: paramiko.Transport
    jump: paramiko.Transport | None = None

    def close(self) -> None:
        self.transport.close()
        if self.jump is not None:
            self.jump.close()

    @property
    def active(self) -> bool:
        return transport_alive(self.transport) and (self.jump is None or transport_alive(self.jump))


def transport_alive(transport: paramiko.Transport) -> bool:
    """False once the transport's connection has failed.

    paramiko's reader thread closes the channels *before* it clears `active`, so a caller woken by its
    channel closing can still see is_active() == True for a moment; the exception the thread saved
    before closing them is already there, though. (A ChannelException there only means a refused
    channel open, not a dead connection.)
    """
    if not transport.is_active():
        return False
    saved = transport.saved_exception
    return saved is None or isinstance(saved, paramiko.ChannelException)


def parse_jump_spec(spec: str, default_user: str) -> tuple[str, str, int]:
    """``[user@]host[:port]`` (also ``[v6addr]:port``) -> (user, host, port)."""
    user, _, rest = spec.rpartition("@")
    host, port = rest, 22
    if rest.startswith("["):
        host, _, tail = rest[1:].partition("]")
        if tail.startswith(":"):
            port = int(tail[1:])
    elif rest.count(":") == 1:
        host, port_text = rest.split(":")
        port = int(port_text)
    return (user or default_user), host, port


def _tcp_connect(host: str, port: int, timeout: float) -> socket.socket:
    where = f"{host}:{port}"
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except TimeoutError as exc:
        raise ConnectTimeout(
            msg(
                "{where} did not answer within {timeout:g} s. Check the address, and that a firewall "
                "does not drop SSH.",
                where=where,
                timeout=timeout,
            )
        ) from exc
    except socket.gaierror as exc:
        raise Unreachable(
            msg("Cannot resolve {host!r}: {error}. Check the server address.", host=host, error=exc.strerror)
        ) from exc
    except ConnectionRefusedError as exc:
        raise Unreachable(
            msg("{where} refused the connection: is sshd running on port {port}?", where=where, port=port)
        ) from exc
    except OSError as exc:
        raise Unreachable(
            msg("Cannot reach {where}: {error}.", where=where, error=exc.strerror or exc)
        ) from exc
    # SSH sends many small packets (channel open, window adjust, a short HTTP request); with Nagle's
    # algorithm each can wait for the peer's delayed ACK (~40 ms) before going out.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def _handshake(
    sock: socket.socket | paramiko.Channel, host: str, port: int, hostkeys: HostKeyStore, timeout: float
) -> paramiko.Transport:
    """Key exchange and host key check; the transport is closed on any failure."""
    transport = paramiko.Transport(sock)
    transport.banner_timeout = timeout
    transport.handshake_timeout = timeout
    transport.auth_timeout = timeout
    preferred = hostkeys.preferred_algorithms(host, port)
    if preferred:
        options = transport.get_security_options()
        supported = list(options.key_types)
        options.key_types = [a for a in preferred if a in supported] + [
            a for a in supported if a not in preferred
        ]
    try:
        transport.start_client(timeout=timeout)
        key = transport.get_remote_server_key()
        hostkeys.verify(host, port, key)
    except HostKeyError:
        transport.close()
        raise
    except (paramiko.SSHException, EOFError, OSError) as exc:
        transport.close()
        if isinstance(exc, TimeoutError) or "timeout" in str(exc).lower():
            raise ConnectTimeout(
                msg("The SSH handshake with {host}:{port} timed out.", host=host, port=port)
            ) from exc
        raise Unreachable(
            msg(
                "The SSH handshake with {host}:{port} failed ({error}). Is this an SSH server?",
                host=host,
                port=port,
                error=exc or type(exc).__name__,
            )
        ) from exc
    return transport


def _load_key(profile: ServerProfile, credentials: CredentialStore) -> paramiko.PKey:
    if not profile.key_path:
        raise AuthFailed(
            msg("Server {name!r} logs in with a key, but no key file is set.", name=profile.name)
        )
    path = os.path.expanduser(profile.key_path)
    passphrase = credentials.get(profile.name, "passphrase") if profile.has_passphrase else None
    try:
        # Positional: the keyword is `passphrase` in paramiko 3 and `password` in 5. Bytes: cryptography's
        # loader, which from_path calls first, rejects str (the type stubs still say str).
        secret = passphrase.encode() if passphrase is not None else None
        return paramiko.PKey.from_path(path, secret)  # type: ignore[arg-type]
    except FileNotFoundError as exc:
        raise AuthFailed(msg("The key file {path} does not exist.", path=path)) from exc
    except PermissionError as exc:
        raise AuthFailed(msg("The key file {path} cannot be read (permission denied).", path=path)) from exc
    except (TypeError, paramiko.PasswordRequiredException) as exc:
        # cryptography raises TypeError when an encrypted key is loaded without a passphrase.
        if passphrase is not None:
            raise AuthFailed(
                msg("The key file {path} cannot be used: {error}", path=path, error=exc)
            ) from exc
        raise PassphraseRequired(
            msg(
                "The key {path} is protected by a passphrase; enter it in the server's settings, or with "
                "`mtpm server set-secret {name} passphrase --stdin`.",
                path=path,
                name=profile.name,
            )
        ) from exc
    except (ValueError, paramiko.SSHException) as exc:
        if passphrase is not None:
            raise AuthFailed(msg("The passphrase stored for the key {path} is wrong.", path=path)) from exc
        raise AuthFailed(
            msg(
                "The key file {path} is not a private key mtpm can use "
                "(OpenSSH ed25519, ECDSA or RSA): {error}",
                path=path,
                error=exc,
            )
        ) from exc


def _authenticate(
    transport: paramiko.Transport, user: str, profile: ServerProfile, credentials: CredentialStore
) -> None:
    where = f"{user}@{profile.host}:{profile.port}"
    try:
        if profile.auth == "key":
            key = _load_key(profile, credentials)
            transport.auth_publickey(user, key)
        elif profile.auth == "agent":
            _auth_agent(transport, user, where)
        else:
            password = credentials.get(profile.name, "password")
            if password is None:
                raise AuthFailed(
                    msg("No password is stored for server {name!r}; enter it first.", name=profile.name)
                )
            transport.auth_password(user, password)
    except paramiko.BadAuthenticationType as exc:
        raise AuthFailed(
            msg(
                "{where} does not accept this login method; it allows: {allowed}.",
                where=where,
                allowed=", ".join(exc.allowed_types),
            )
        ) from exc
    except paramiko.AuthenticationException as exc:
        if profile.auth == "key":
            rejected = msg("{where} rejected the key. Check the user name and the key.", where=where)
        elif profile.auth == "agent":
            rejected = msg(
                "{where} rejected the agent keys. Check the user name and the agent keys.", where=where
            )
        else:
            rejected = msg(
                "{where} rejected the password. Check the user name and the password.", where=where
            )
        raise AuthFailed(rejected) from exc
    except (paramiko.SSHException, EOFError, OSError) as exc:
        raise Unreachable(
            msg("The connection to {where} broke during login: {error}", where=where, error=exc)
        ) from exc
    if not transport.is_authenticated():
        raise AuthFailed(
            msg(
                "{where} wants more than one login step (e.g. 2FA), which mtpm does not support.", where=where
            )
        )


def _auth_agent(transport: paramiko.Transport, user: str, where: str) -> None:
    agent = paramiko.Agent()
    try:
        keys = agent.get_keys()
        if not keys:
            raise AuthFailed(
                msg(
                    "The SSH agent has no keys (or no agent is running: SSH_AUTH_SOCK is not set). "
                    "Add a key with ssh-add, or choose a key file."
                )
            )
        for key in keys:
            with contextlib.suppress(paramiko.AuthenticationException):
                transport.auth_publickey(user, key)
                return
        raise AuthFailed(
            msg("{where} accepted none of the {count} key(s) in the SSH agent.", where=where, count=len(keys))
        )
    finally:
        agent.close()


def open_link(
    profile: ServerProfile,
    *,
    credentials: CredentialStore,
    hostkeys: HostKeyStore,
    timeout: float = DEFAULT_CONNECT_TIMEOUT,
) -> Link:
    """Connect, verify the host key and log in (through the jump host when the profile has one)."""
    jump: paramiko.Transport | None = None
    if profile.jump_host:
        jump_user, jump_host, jump_port = parse_jump_spec(profile.jump_host, profile.user)
        jump = _handshake(
            _tcp_connect(jump_host, jump_port, timeout), jump_host, jump_port, hostkeys, timeout
        )
        try:
            jump_profile = ServerProfile(**{**profile.__dict__, "host": jump_host, "port": jump_port})
            _authenticate(jump, jump_user, jump_profile, credentials)
            channel = jump.open_channel(
                "direct-tcpip", (profile.host, profile.port), ("127.0.0.1", 0), timeout=timeout
            )
        except paramiko.ChannelException as exc:
            jump.close()
            raise Unreachable(
                msg(
                    "The jump host {jump} cannot reach {host}:{port}: {error}",
                    jump=jump_host,
                    host=profile.host,
                    port=profile.port,
                    error=exc,
                )
            ) from exc
        except BaseException:
            jump.close()
            raise
        sock: socket.socket | paramiko.Channel = channel
    else:
        sock = _tcp_connect(profile.host, profile.port, timeout)
    try:
        transport = _handshake(sock, profile.host, profile.port, hostkeys, timeout)
        try:
            _authenticate(transport, profile.user, profile, credentials)
        except BaseException:
            transport.close()
            raise
    except BaseException:
        if jump is not None:
            jump.close()
        raise
    transport.set_keepalive(KEEPALIVE_INTERVAL)
    return Link(transport, jump)
