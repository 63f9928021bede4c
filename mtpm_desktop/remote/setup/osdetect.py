"""What kind of server this is: distribution (/etc/os-release), virtualization and init system.

Everything here is pure: the remote side runs one probe script (`PROBE_SCRIPT`) and its output is parsed by
`parse_probe`. That keeps the decisions unit-testable on real os-release samples without a server.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from enum import Enum

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg


class UnsupportedOs(MtpmError):
    """The distribution or its version is not one mtpm can set up."""


class UnsupportedVirtualization(MtpmError):
    """The server is a kind of container in which Docker cannot run."""


class Family(Enum):
    """Distribution families that share a package manager and Docker packaging."""

    DEBIAN = "debian"  # Debian, Ubuntu: apt, docker.io from the distribution
    RHEL = "rhel"  # CentOS, Rocky, Alma, RHEL: dnf, docker-ce from Docker's repository
    FEDORA = "fedora"  # Fedora: dnf, moby-engine from the distribution


# Oldest supported version of each distribution id (the list: Ubuntu 20.04+, Debian 11+,
# CentOS / Rocky / Alma 8+, Fedora 36+). RHEL itself behaves like its rebuilds.
_MINIMUM: dict[str, tuple[Family, tuple[int, ...], str]] = {
    "ubuntu": (Family.DEBIAN, (20, 4), "Ubuntu 20.04"),
    "debian": (Family.DEBIAN, (11,), "Debian 11"),
    "centos": (Family.RHEL, (8,), "CentOS 8"),
    "rocky": (Family.RHEL, (8,), "Rocky Linux 8"),
    "almalinux": (Family.RHEL, (8,), "AlmaLinux 8"),
    "rhel": (Family.RHEL, (8,), "RHEL 8"),
    "fedora": (Family.FEDORA, (36,), "Fedora 36"),
}

SUPPORTED_TEXT = msg("Ubuntu 20.04+, Debian 11+, CentOS/Rocky/AlmaLinux 8+ or Fedora 36+")


@dataclass(frozen=True)
class OsInfo:
    id: str
    version_id: str
    pretty_name: str
    family: Family
    codename: str = ""
    # True for a derivative recognised only through ID_LIKE (Mint, Pop!_OS...): it is set up like its parent.
    derivative: bool = False

    @property
    def package_manager(self) -> str:
        return "apt" if self.family is Family.DEBIAN else "dnf"


def parse_os_release(text: str) -> dict[str, str]:
    """Parse os-release(5): KEY=value lines, values optionally shell-quoted; comments and junk are ignored."""
    values: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip()
        if not key.isidentifier():
            continue
        try:
            parts = shlex.split(value)
        except ValueError:  # unbalanced quotes: keep the raw text rather than fail the whole file
            parts = [value.strip("\"'")]
        values[key] = parts[0] if parts else ""
    return values


def _version_tuple(version_id: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for piece in version_id.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        numbers.append(int(digits))
    return tuple(numbers)


def detect_os(os_release: str) -> OsInfo:
    """Decide from the text of /etc/os-release whether mtpm supports this server, and how to set it up."""
    fields = parse_os_release(os_release)
    os_id = fields.get("ID", "").lower()
    version_id = fields.get("VERSION_ID", "")
    pretty = fields.get("PRETTY_NAME") or fields.get("NAME") or os_id or msg("an unknown system")
    codename = fields.get("VERSION_CODENAME", "") or fields.get("UBUNTU_CODENAME", "")
    if not os_id:
        raise UnsupportedOs(
            msg(
                "The server has no usable /etc/os-release, so its distribution is unknown. "
                "mtpm supports {supported}.",
                supported=SUPPORTED_TEXT,
            )
        )
    known = _MINIMUM.get(os_id)
    if known is not None:
        family, minimum, minimum_name = known
        version = _version_tuple(version_id)
        if not version or version < minimum:
            raise UnsupportedOs(
                msg(
                    "{system} is too old for mtpm (needs {minimum} or newer). "
                    "Reinstall the server with {supported}.",
                    system=pretty,
                    minimum=minimum_name,
                    supported=SUPPORTED_TEXT,
                )
            )
        return OsInfo(os_id, version_id, pretty, family, codename)
    # A derivative: set it up like the parent it names, without a version check (its numbering is its own).
    for parent in fields.get("ID_LIKE", "").lower().split():
        if parent in ("ubuntu", "debian"):
            return OsInfo(os_id, version_id, pretty, Family.DEBIAN, codename, derivative=True)
        if parent in ("rhel", "centos"):
            return OsInfo(os_id, version_id, pretty, Family.RHEL, codename, derivative=True)
        if parent == "fedora":
            return OsInfo(os_id, version_id, pretty, Family.FEDORA, codename, derivative=True)
    raise UnsupportedOs(
        msg("{system} is not supported by mtpm. Use {supported}.", system=pretty, supported=SUPPORTED_TEXT)
    )


class VirtKind(Enum):
    BARE_OR_VM = "vm"  # bare metal or a full VM (KVM, Xen, VMware, Hyper-V...): Docker just works
    LXC = "lxc"
    OPENVZ = "openvz"
    DOCKER = "docker"  # a docker/podman container: Docker inside needs it privileged
    OTHER_CONTAINER = "container"


_CONTAINER_NAMES = {
    "lxc": VirtKind.LXC,
    "lxc-libvirt": VirtKind.LXC,
    "openvz": VirtKind.OPENVZ,
    "docker": VirtKind.DOCKER,
    "podman": VirtKind.DOCKER,
}

LXC_HOST_HINT = msg(
    "The server is an LXC container. Docker runs in it only if the host allows it: on Proxmox enable "
    "Options → Features → nesting (and keyctl for unprivileged containers), or make it a privileged "
    "container with nesting; on LXD set security.nesting=true and security.privileged=true. Ask your "
    "provider if you cannot change this."
)
OPENVZ_MESSAGE = msg(
    "The server is an OpenVZ container. Docker does not run on OpenVZ, so mtpm cannot set it up. "
    "Choose a KVM (or other full virtualization) VPS instead."
)


@dataclass(frozen=True)
class VirtInfo:
    kind: VirtKind
    name: str  # what was detected, for display ("kvm", "lxc", "docker", "none"...)

    @property
    def is_container(self) -> bool:
        return self.kind is not VirtKind.BARE_OR_VM

    def notice(self) -> str | None:
        """A sentence to show the admin before going on, or None when nothing needs saying."""
        if self.kind is VirtKind.LXC:
            return LXC_HOST_HINT
        if self.kind is VirtKind.DOCKER:
            return msg(
                "The server is itself a container; Docker runs inside it only if it was started privileged."
            )
        return None

    def ensure_supported(self) -> None:
        if self.kind is VirtKind.OPENVZ:
            raise UnsupportedVirtualization(OPENVZ_MESSAGE)


def classify_virt(
    detect_virt: str,
    proc1_container_env: str,
    proc_vz: bool,
    proc_bc: bool,
    dockerenv: bool,
) -> VirtInfo:
    """Combine the signals, most specific first.

    `detect_virt` is what `systemd-detect-virt` printed ("" when it is missing); `proc1_container_env` the
    value of `container=` in PID 1's environment (set by LXC, systemd-nspawn, podman); /proc/vz without
    /proc/bc means an OpenVZ/Virtuozzo container (the host node has both).
    """
    detected = detect_virt.strip().lower()
    if proc_vz and not proc_bc:
        return VirtInfo(VirtKind.OPENVZ, "openvz")
    if detected in _CONTAINER_NAMES:
        return VirtInfo(_CONTAINER_NAMES[detected], detected)
    env = proc1_container_env.strip().lower()
    if env:
        return VirtInfo(_CONTAINER_NAMES.get(env, VirtKind.OTHER_CONTAINER), env)
    if detected and detected not in ("none", "unknown"):
        container_tools = {"systemd-nspawn", "rkt", "wsl", "proot", "pouch", "container-other"}
        if detected in container_tools:
            return VirtInfo(VirtKind.OTHER_CONTAINER, detected)
        return VirtInfo(VirtKind.BARE_OR_VM, detected)
    if dockerenv:
        return VirtInfo(VirtKind.DOCKER, "docker")
    return VirtInfo(VirtKind.BARE_OR_VM, detected or "none")


@dataclass(frozen=True)
class ServerFacts:
    os: OsInfo
    virt: VirtInfo
    systemd: bool  # PID 1 is systemd (/run/systemd/system exists), so services are systemd units
    arch: str


# One round trip gathers everything. Sections are separated by marker lines so a missing tool only empties
# its own section. /proc/1/environ needs root, hence sudo at the call site.
_MARK = "----mtpm-probe----"
PROBE_SCRIPT = f"""
cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null
echo {_MARK}
systemd-detect-virt 2>/dev/null
echo {_MARK}
tr '\\0' '\\n' < /proc/1/environ 2>/dev/null | sed -n 's/^container=//p'
echo {_MARK}
[ -e /proc/vz ] && echo vz
[ -e /proc/bc ] && echo bc
[ -e /.dockerenv ] && echo dockerenv
[ -d /run/systemd/system ] && echo systemd
echo {_MARK}
uname -m
true
"""


def parse_probe(output: str) -> ServerFacts:
    """Turn PROBE_SCRIPT's output into facts; raises UnsupportedOs/UnsupportedVirtualization."""
    sections = output.split(_MARK)
    sections += [""] * (5 - len(sections))
    os_text, virt_text, env_text, flags_text, arch_text = (s.strip() for s in sections[:5])
    flags = set(flags_text.split())
    virt = classify_virt(
        virt_text.splitlines()[-1] if virt_text else "",
        env_text.splitlines()[0] if env_text else "",
        proc_vz="vz" in flags,
        proc_bc="bc" in flags,
        dockerenv="dockerenv" in flags,
    )
    virt.ensure_supported()
    return ServerFacts(os=detect_os(os_text), virt=virt, systemd="systemd" in flags, arch=arch_text)
