"""A FakeTLS MTProto client session that keeps moving bytes through a proxy (tests only).

After the FakeTLS handshake (the product's own ClientHello builder and reply check) it sends the obfuscated2
handshake for data centre 2 inside TLS application records, so the proxy connects to its "Telegram": the
test image points every data centre at the proxy container's own loopback, where `start_dc_echo` runs an
echo server. From then on every chunk the client sends comes back (re-encrypted by the proxy, so only the
byte count is checked): an open connection whose bytes can be seen moving through nginx and the proxy.
"""

from __future__ import annotations

import hashlib
import os
import socket
import time

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from docker.models.containers import Container

from mtpm_desktop.core.faketls import build_client_hello, complete_reply, verify_server_reply
from mtpm_desktop.core.secret import parse_secret

PROTO_TAG_SECURE = b"\xdd\xdd\xdd\xdd"
DC_INDEX = 2
HANDSHAKE_OVERHEAD = 64  # the proxy's own handshake to the data centre, echoed back too

# A tiny echo server on the proxy container's loopback, where the test image's proxy dials "Telegram".
_ECHO = (
    "import socket,threading\n"
    "s=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);s.bind(('127.0.0.1',443))\n"
    "s.listen(16)\n"
    "def serve(c):\n"
    "    while True:\n"
    "        d=c.recv(65536)\n"
    "        if not d: break\n"
    "        c.sendall(d)\n"
    "while True:\n"
    "    c,_=s.accept();threading.Thread(target=serve,args=(c,),daemon=True).start()\n"
)


def start_dc_echo(container: Container) -> None:
    container.exec_run(["python3", "-c", _ECHO], detach=True)
    deadline = time.monotonic() + 10
    probe = "import socket;socket.create_connection(('127.0.0.1',443),1)"
    while container.exec_run(["python3", "-c", probe]).exit_code != 0:
        if time.monotonic() > deadline:
            raise RuntimeError("the data-centre echo did not start in the proxy container")
        time.sleep(0.1)


def _record(payload: bytes) -> bytes:
    """TLS application-data records (at most 16 KiB each) carrying `payload`."""
    step = 16384
    return b"".join(
        b"\x17\x03\x03" + len(part).to_bytes(2, "big") + part
        for part in (payload[i : i + step] for i in range(0, len(payload), step))
    )


class MtprotoSession:
    def __init__(self, host: str, port: int, secret_hex: str, timeout: float = 10.0) -> None:
        parsed = parse_secret(secret_hex)
        self.sock = socket.create_connection((host, port), timeout=timeout)
        hello = build_client_hello(parsed.key, parsed.domain, int(time.time()))
        self.sock.sendall(hello.data)
        buffer = b""
        while (reply := complete_reply(buffer)) is None:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the proxy closed the connection during the FakeTLS handshake")
            buffer += chunk
        if not verify_server_reply(parsed.key, hello.random, reply):
            raise ConnectionError("the proxy did not accept the secret")
        self._pending = buffer[len(reply) :]
        handshake = bytearray(os.urandom(64))
        handshake[0] = 0x01  # never 0xef (abridged) nor a reserved start
        handshake[56:60] = PROTO_TAG_SECURE
        handshake[60:62] = DC_INDEX.to_bytes(2, "little")
        key = hashlib.sha256(bytes(handshake[8:40]) + parsed.key).digest()
        iv = bytes(handshake[40:56])
        self._encryptor = Cipher(algorithms.AES(key), modes.CTR(iv)).encryptor()
        encrypted = self._encryptor.update(bytes(handshake))
        self.sock.sendall(b"\x14\x03\x03\x00\x01\x01" + _record(bytes(handshake[:56]) + encrypted[56:]))
        self.received = 0

    def _read_payload(self) -> int:
        """Read one TLS record from the proxy; its payload length."""
        while len(self._pending) < 5 or len(self._pending) < 5 + int.from_bytes(self._pending[3:5], "big"):
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the proxy closed the connection")
            self._pending += chunk
        length = int.from_bytes(self._pending[3:5], "big")
        self._pending = self._pending[5 + length :]
        return length

    def exchange(self, size: int) -> None:
        """Send `size` bytes and wait until as many came back (plus the echoed 64-byte DC handshake)."""
        self.sock.sendall(_record(self._encryptor.update(os.urandom(size))))
        want = self.received + size + (HANDSHAKE_OVERHEAD if self.received == 0 else 0)
        while self.received < want:
            self.received += self._read_payload()

    def close(self) -> None:
        self.sock.close()
