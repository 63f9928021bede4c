"""The device limit in port-443 mode: nginx itself turns a full user's new IPs away.

The router's config (nginx.conf.j2) picks the proxy through
    map "$mtpm_user $remote_addr" $mtpm_pass { include <conf>/devlimit/*.conf; default $mtpm_backend; }
where $mtpm_user is the user's port, found from the SNI. For each user at their limit this module writes
    "3001 203.0.113.5" $mtpm_backend;     one line per IP that keeps its place
    "~^3001 " $mtpm_unknown;              every other IP: treated like a name no user has
into <root>/nginx/devlimit/limits.conf (the folder nginx reads, mounted read-only) and tells nginx to
reload (SIGHUP). A reload keeps every open connection (the old workers serve them to their end), so only new
connections meet the new rules. A refused client gets what an unknown name gets (the website, or a closed
connection): to a probe that copied a user's SNI, the server looks the same as for any other name. nginx
logs each refusal on stdout (`mtpm-refused PORT IP`), where router_sessions.py counts it.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os

from .devlimit import ApplyResult, PortRule
from .dockerapi import DockerApi, DockerApiError

LIMITS_DIR = os.path.join("nginx", "devlimit")
LIMITS_FILE = "limits.conf"
# Names in nginx.conf.j2 (the template's contract with this module; a unit test reads the template).
BACKEND_VAR = "$mtpm_backend"
UNKNOWN_VAR = "$mtpm_unknown"


def render(rules: list[PortRule]) -> str:
    """The include file for `rules`; only ints and parsed IP addresses reach it (no quote can get in)."""
    lines = ["# Written by the mtpm agent (device limit in port-443 mode); rewritten every change.\n"]
    for rule in sorted(rules, key=lambda r: r.port):
        port = int(rule.port)
        for ip in sorted({a for a in map(_address, rule.admitted) if a}):
            lines.append(f'"{port} {ip}" {BACKEND_VAR};\n')
        lines.append(f'"~^{port} " {UNKNOWN_VAR};\n')
    return "".join(lines)


def _address(text: str) -> str | None:
    """The address as nginx writes $remote_addr, or None for anything that is not one (it gets no place)."""
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


class RouterDeviceLimit:
    def __init__(self, root: str, docker: DockerApi) -> None:
        self.dir = os.path.join(root, LIMITS_DIR)
        self.path = os.path.join(self.dir, LIMITS_FILE)
        self.docker = docker
        self._reload_owed = False  # the last reload failed: the next poll sends it even with no change
        # The rules last written, with the file's text then: a poll with the same rules renders nothing.
        self._written: tuple[list[PortRule], str | None] | None = None

    def _current(self) -> str | None:
        try:
            with open(self.path, encoding="utf-8") as fh:
                return fh.read()
        except FileNotFoundError:
            return None

    def apply(self, instance_id: str, rules: list[PortRule]) -> ApplyResult:
        result = ApplyResult()
        current = self._current()
        if self._written is not None and self._written[0] == rules and self._written[1] == current:
            wanted = current
        else:
            wanted = render(rules) if rules else None  # nothing limited: no file at all
        self._written = (list(rules), wanted)
        if wanted != current:
            if wanted is None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.path)
            else:
                self._write(wanted)
            result.changed = self._reload_owed = True
        if not self._reload_owed:
            return result
        try:
            router = self.docker.find_router(instance_id)
            if router is not None and router.running:
                self.docker.signal(router.id, "HUP")
            self._reload_owed = False  # no router running: it reads the file when it starts
        except DockerApiError as exc:
            result.errors.append(f"device limit (port-443 router): could not reload nginx: {exc}")
        return result

    def _write(self, text: str) -> None:
        # Not through a temp file with a .conf name: nginx's include glob must never see a half-written one.
        os.makedirs(self.dir, mode=0o700, exist_ok=True)
        tmp = os.path.join(self.dir, f".{LIMITS_FILE}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)
