"""A bench for the agent on the local dockerd: labelled containers that sink/source TCP, an install root,
and the agent run as the server runs it (`python3 -m mtpm_agent ... --root R` with the host's python3).

The containers run a tiny Python TCP server from a throwaway image (`docker import` of an empty root with
the usual /bin, /lib symlinks) with the host's /usr bind-mounted read-only: no registry needed, starts in
well under a second, and nothing in it dials out. A container made `with_metrics` also serves mtg-style
Prometheus text counting exactly the payload bytes it relayed (the engine-metrics path of the agent).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import secrets
import shutil
import socket
import subprocess
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docker
import docker.errors
import docker.models.containers

REPO = Path(__file__).resolve().parents[2]
AGENT_SRC = REPO / "remote_agent"
HOST_PYTHON = "/usr/bin/python3"
METRICS_PORT = 3129
HEADER = 16  # "SEND 1234567890\n" / "RECV 0000000000\n": fixed size so payload never mixes with it
READY_TIMEOUT_S = 30.0

SERVER_SCRIPT = r"""
import http.server, socket, sys, threading
port, mport = int(sys.argv[1]), int(sys.argv[2])
counts = {"rx": 0, "tx": 0, "conns": 0}
lock = threading.Lock()
def handle(conn):
    with lock: counts["conns"] += 1
    try:
        head = b""
        while len(head) < 16:
            b = conn.recv(16 - len(head))
            if not b: return
            head += b
        cmd, n = head.decode().split()
        if cmd == "SEND":
            n, chunk = int(n), b"x" * 65536
            while n > 0:
                k = conn.send(chunk[:min(65536, n)]); n -= k
                with lock: counts["tx"] += k
            conn.shutdown(socket.SHUT_WR)
            conn.recv(1)
        else:
            total = 0
            while True:
                b = conn.recv(262144)
                if not b: break
                total += len(b)
                with lock: counts["rx"] += len(b)
            conn.sendall(str(total).encode())
    finally:
        conn.close()
        with lock: counts["conns"] -= 1
class Metrics(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with lock: c = dict(counts)
        body = ("# TYPE mtg_telegram_traffic counter\n"
                'mtg_telegram_traffic{dc="2",direction="to_client",telegram_ip="149.154.167.51"} %d\n'
                'mtg_telegram_traffic{dc="2",direction="from_client",telegram_ip="149.154.167.51"} %d\n'
                'mtg_client_connections{ip_family="ipv4"} %d\n' % (c["tx"], c["rx"], c["conns"])).encode()
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
if mport:
    metrics = http.server.HTTPServer(("0.0.0.0", mport), Metrics)
    threading.Thread(target=metrics.serve_forever, daemon=True).start()
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("0.0.0.0", port)); srv.listen(16)
while True:
    c, _ = srv.accept()
    threading.Thread(target=handle, args=(c,), daemon=True).start()
"""


def build_host_image(client: docker.DockerClient, tag: str, labels: dict[str, str]) -> str:
    """An image of nothing but the root folders and /bin,/lib symlinks; /usr comes from the host at run."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for d in ("usr", "tmp", "proc", "sys", "dev", "etc"):
            info = tarfile.TarInfo(d)
            info.type, info.mode = tarfile.DIRTYPE, 0o1777 if d == "tmp" else 0o755
            tar.addfile(info)
        for link in ("bin", "lib", "lib64", "sbin"):
            info = tarfile.TarInfo(link)
            info.type, info.linkname = tarfile.SYMTYPE, f"usr/{link}"
            tar.addfile(info)
    changes = [f"LABEL {k}={v}" for k, v in labels.items()]
    client.api.import_image_from_data(
        buf.getvalue(), repository=tag.split(":")[0], tag=tag.split(":")[1], changes=changes
    )
    return tag


def install_agent(root: Path) -> None:
    """Lay the agent out as the desktop deploys it: <root>/agent/mtpm_agent/*.py."""
    dest = root / "agent" / "mtpm_agent"
    dest.mkdir(parents=True, exist_ok=True)
    for src in AGENT_SRC.glob("*.py"):
        shutil.copy2(src, dest / src.name)


def agent_cmd(root: Path, *args: str) -> list[str]:
    return [HOST_PYTHON, "-m", "mtpm_agent", *args, "--root", str(root)]


def agent_env(root: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(root / "agent")}


@dataclass
class LabUser:
    id: str
    port: int
    container: docker.models.containers.Container
    metrics: bool

    def ip(self, network: str) -> str:
        self.container.reload()
        return str(self.container.attrs["NetworkSettings"]["Networks"][network]["IPAddress"])


@dataclass
class AgentLab:
    client: docker.DockerClient
    image: str
    root: Path
    run_labels: dict[str, str]
    instance_id: str = field(default_factory=lambda: "agent-test-" + secrets.token_hex(4))
    users: dict[str, LabUser] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)
    network: str = ""

    def __post_init__(self) -> None:
        self.network = f"mtpm-agent-{self.instance_id}"
        self.client.networks.create(self.network, driver="bridge", labels=self.run_labels)
        install_agent(self.root)
        self.state = {
            "schema_version": 1,
            "revision": 1,
            "instance_id": self.instance_id,
            "docker_network": self.network,
            "traffic_limit_gb": 0,
            "throttle_speed_mbps": 1,
            "users": [],
        }
        self.save()

    # -- desired state ---------------------------------------------------------------------------------------
    def save(self) -> None:
        path = self.root / "config.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state, indent=1))
        os.replace(tmp, path)

    def user_cfg(self, uid: str) -> dict[str, Any]:
        return next(u for u in self.state["users"] if u["id"] == uid)

    def set_user(self, uid: str, **values: Any) -> None:
        self.user_cfg(uid).update(values)
        self.save()

    def add_user(self, uid: str, port: int, *, metrics: bool = False, **settings: Any) -> LabUser:
        self.state["users"].append({"id": uid, "name": uid, "port": port, "enabled": True, **settings})
        self.save()
        user = LabUser(uid, port, self.start_container(uid, port, metrics), metrics)
        self.users[uid] = user
        return user

    def start_container(self, uid: str, port: int, metrics: bool) -> docker.models.containers.Container:
        labels = {
            **self.run_labels,
            "mtpm.managed": "1",
            "mtpm.instance": self.instance_id,
            "mtpm.role": "proxy",
            "mtpm.user-id": uid,
            "mtpm.port": str(port),
        }
        if metrics:
            labels["mtpm.metrics-port"] = str(METRICS_PORT)
        container = self.client.containers.run(
            self.image,
            ["python3", "-c", SERVER_SCRIPT, str(port), str(METRICS_PORT if metrics else 0)],
            name=f"mtpm-agent-{self.instance_id}-{port}-{secrets.token_hex(2)}",
            labels=labels,
            network=self.network,
            volumes={"/usr": {"bind": "/usr", "mode": "ro"}},
            detach=True,
        )
        user = LabUser(uid, port, container, metrics)
        wait_listening(user.ip(self.network), port)
        return container

    def cleanup(self) -> None:
        """Remove this lab's containers and network (only its own: found by its instance label)."""
        mine = {"label": f"mtpm.instance={self.instance_id}"}
        for c in self.client.containers.list(all=True, filters=mine):
            c.remove(force=True)
        for n in self.client.networks.list(names=[self.network]):
            n.remove()

    def remove_user(self, uid: str) -> None:
        user = self.users.pop(uid)
        user.container.remove(force=True)
        self.state["users"] = [u for u in self.state["users"] if u["id"] != uid]
        self.save()

    def restart(self, uid: str) -> None:
        user = self.users[uid]
        user.container.restart(timeout=1)
        wait_listening(user.ip(self.network), user.port)

    # -- the agent -------------------------------------------------------------------------------------------
    def agent(self, *args: str, check: bool = True) -> Any:
        proc = subprocess.run(
            agent_cmd(self.root, *args), env=agent_env(self.root), capture_output=True, text=True, timeout=120
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"agent {args} failed ({proc.returncode}): {proc.stderr}")
        return json.loads(proc.stdout) if proc.stdout.strip() else None

    def poll(self, *extra: str) -> dict[str, Any]:
        report: dict[str, Any] = self.agent("poll-once", *extra)
        assert not [e for e in report["errors"] if "could not" in e], report
        return report

    def status(self) -> dict[str, Any]:
        return {u["id"]: u for u in self.agent("status", "--json")["users"]}

    # -- traffic ---------------------------------------------------------------------------------------------
    def push(self, uid: str, nbytes: int) -> float:
        """Send nbytes to the user's container (the client's upload); returns seconds taken."""
        user = self.users[uid]
        chunk = b"u" * 65536
        started = time.monotonic()
        with socket.create_connection((user.ip(self.network), user.port), timeout=60) as sock:
            sock.sendall(b"RECV 0000000000\n")
            left = nbytes
            while left > 0:
                left -= sock.send(chunk[: min(len(chunk), left)])
            sock.shutdown(socket.SHUT_WR)
            got = int(_read_all(sock).decode())
        assert got == nbytes
        return time.monotonic() - started

    def pull(self, uid: str, nbytes: int) -> float:
        """Receive nbytes from the user's container (the client's download); returns seconds taken."""
        user = self.users[uid]
        started = time.monotonic()
        with socket.create_connection((user.ip(self.network), user.port), timeout=60) as sock:
            sock.sendall(f"SEND {nbytes:010d}\n".encode())
            got = 0
            while True:
                data = sock.recv(262144)
                if not data:
                    break
                got += len(data)
        assert got == nbytes
        return time.monotonic() - started


def _read_all(sock: socket.socket) -> bytes:
    parts: list[bytes] = []
    while True:
        data = sock.recv(65536)
        if not data:
            return b"".join(parts)
        parts.append(data)


def wait_listening(ip: str, port: int) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while True:
        try:
            with socket.create_connection((ip, port), timeout=1) as sock:
                sock.sendall(b"RECV 0000000000\n")
                sock.shutdown(socket.SHUT_WR)
                _read_all(sock)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def poll_until(predicate: Any, timeout: float = 30.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def lab_image(client: docker.DockerClient, run_labels: dict[str, str]) -> Iterator[str]:
    tag = f"mtpm-agent-test:{secrets.token_hex(4)}"
    build_host_image(client, tag, run_labels)
    try:
        yield tag
    finally:
        with contextlib.suppress(docker.errors.APIError):
            client.images.remove(tag, force=True)


@contextlib.contextmanager
def open_lab(client: docker.DockerClient, image: str, tmp_path: Path, run_id: str) -> Iterator[AgentLab]:
    """An AgentLab under tmp_path, its containers and network removed on the way out."""
    root = tmp_path / "opt-mtpm"
    root.mkdir()
    lab = AgentLab(client, image, root, {"mtpm.test-run": run_id})
    try:
        yield lab
    finally:
        lab.cleanup()
