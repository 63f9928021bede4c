"""OS and virtualization detection on real os-release samples (tests/data/os-release/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtpm_desktop.remote.setup.osdetect import (
    PROBE_SCRIPT,
    Family,
    UnsupportedOs,
    UnsupportedVirtualization,
    VirtKind,
    classify_virt,
    detect_os,
    parse_os_release,
    parse_probe,
)

pytestmark = pytest.mark.unit

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "os-release"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text()


@pytest.mark.parametrize(
    ("name", "os_id", "family", "version", "pm"),
    [
        ("ubuntu-20.04", "ubuntu", Family.DEBIAN, "20.04", "apt"),
        ("ubuntu-22.04", "ubuntu", Family.DEBIAN, "22.04", "apt"),
        ("ubuntu-24.04", "ubuntu", Family.DEBIAN, "24.04", "apt"),
        ("debian-11", "debian", Family.DEBIAN, "11", "apt"),
        ("debian-12", "debian", Family.DEBIAN, "12", "apt"),
        ("centos-8", "centos", Family.RHEL, "8", "dnf"),
        ("rocky-8", "rocky", Family.RHEL, "8.9", "dnf"),
        ("rocky-9", "rocky", Family.RHEL, "9.3", "dnf"),
        ("almalinux-8", "almalinux", Family.RHEL, "8.9", "dnf"),
        ("almalinux-9", "almalinux", Family.RHEL, "9.4", "dnf"),
        ("fedora-36", "fedora", Family.FEDORA, "36", "dnf"),
        ("fedora-40", "fedora", Family.FEDORA, "40", "dnf"),
    ],
)
def test_supported_samples(name: str, os_id: str, family: Family, version: str, pm: str) -> None:
    info = detect_os(sample(name))
    assert (info.id, info.family, info.version_id, info.package_manager) == (os_id, family, version, pm)
    assert not info.derivative
    assert info.pretty_name  # shown to the admin


def test_codenames_are_read() -> None:
    assert detect_os(sample("debian-12")).codename == "bookworm"
    assert detect_os(sample("ubuntu-22.04")).codename == "jammy"
    assert detect_os(sample("fedora-40")).codename == ""


@pytest.mark.parametrize(
    ("name", "needs"),
    [("ubuntu-18.04", "Ubuntu 20.04"), ("debian-10", "Debian 11"), ("centos-7", "CentOS 8")],
)
def test_too_old_is_refused_with_the_minimum(name: str, needs: str) -> None:
    with pytest.raises(UnsupportedOs) as err:
        detect_os(sample(name))
    assert needs in str(err.value)
    assert "too old" in str(err.value)


def test_unknown_distribution_lists_what_is_supported() -> None:
    with pytest.raises(UnsupportedOs) as err:
        detect_os(sample("alpine-3.19"))
    assert "Alpine" in str(err.value)
    assert "Debian 11+" in str(err.value)


def test_empty_os_release() -> None:
    with pytest.raises(UnsupportedOs, match="no usable /etc/os-release"):
        detect_os("")


def test_derivative_follows_id_like() -> None:
    mint = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\nVERSION_ID="21.3"\n'
    info = detect_os(mint)
    assert info.family is Family.DEBIAN and info.derivative


def test_parser_quoting_and_comments() -> None:
    text = '# comment\nA="x y"\nB=\'single\'\nC=plain\nbroken line\nD="unbalanced\nE=\n'
    assert parse_os_release(text) == {"A": "x y", "B": "single", "C": "plain", "D": "unbalanced", "E": ""}


@pytest.mark.parametrize(
    ("detect", "env", "vz", "bc", "dockerenv", "kind"),
    [
        ("kvm", "", False, False, False, VirtKind.BARE_OR_VM),
        ("none", "", False, False, False, VirtKind.BARE_OR_VM),
        ("", "", False, False, False, VirtKind.BARE_OR_VM),
        ("lxc", "lxc", False, False, False, VirtKind.LXC),
        ("", "lxc", False, False, False, VirtKind.LXC),  # no systemd-detect-virt: PID 1's environment says it
        ("openvz", "", True, False, False, VirtKind.OPENVZ),
        ("", "", True, False, False, VirtKind.OPENVZ),  # /proc/vz alone: an OpenVZ container
        ("none", "", True, True, False, VirtKind.BARE_OR_VM),  # /proc/vz and /proc/bc: the OpenVZ host node
        ("docker", "", False, False, True, VirtKind.DOCKER),
        ("", "", False, False, True, VirtKind.DOCKER),
        ("", "podman", False, False, False, VirtKind.DOCKER),
        ("systemd-nspawn", "systemd-nspawn", False, False, False, VirtKind.OTHER_CONTAINER),
    ],
)
def test_classify_virt(detect: str, env: str, vz: bool, bc: bool, dockerenv: bool, kind: VirtKind) -> None:
    assert classify_virt(detect, env, vz, bc, dockerenv).kind is kind


def test_lxc_says_what_the_host_must_allow() -> None:
    notice = classify_virt("lxc", "", False, False, False).notice()
    assert notice is not None
    assert "nesting" in notice and "privileged" in notice


def test_openvz_is_refused() -> None:
    with pytest.raises(UnsupportedVirtualization, match="OpenVZ"):
        classify_virt("openvz", "", True, False, False).ensure_supported()


def test_parse_probe_output_of_a_systemd_kvm_host() -> None:
    marker = "----mtpm-probe----"
    assert marker in PROBE_SCRIPT
    output = f"{sample('ubuntu-22.04')}\n{marker}\nkvm\n{marker}\n{marker}\nsystemd\n{marker}\nx86_64\n"
    facts = parse_probe(output)
    assert facts.os.id == "ubuntu" and facts.systemd and facts.arch == "x86_64"
    assert facts.virt.kind is VirtKind.BARE_OR_VM and not facts.virt.is_container


def test_parse_probe_refuses_openvz_before_looking_at_the_os() -> None:
    marker = "----mtpm-probe----"
    output = f"{sample('debian-12')}\n{marker}\n{marker}\n{marker}\nvz\n{marker}\nx86_64\n"
    with pytest.raises(UnsupportedVirtualization):
        parse_probe(output)


def test_probe_script_runs_here() -> None:
    """The probe is plain sh: run it on this machine (a Debian container) and parse the result."""
    import subprocess

    out = subprocess.run(["sh", "-c", PROBE_SCRIPT], capture_output=True, text=True, check=True).stdout
    facts = parse_probe(out)
    assert facts.os.family is Family.DEBIAN
    assert facts.arch
