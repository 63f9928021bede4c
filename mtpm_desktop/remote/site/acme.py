"""The site's certificates on the server: certbot from the server's distribution, driven by the agent.

The desktop never talks ACME itself. It installs Debian's/Ubuntu's ``certbot`` package, writes
``<root>/site/acme.json`` (directory, contact, CA bundle, certificate groups) and runs the agent's
``site-renew`` command (remote_agent/site_renew.py), which runs certbot ``certonly --webroot`` per group and
reloads nginx when a certificate changed. The same command runs twice a day without the desktop: from
``mtpm-site-renew.timer`` where there is systemd, else from the agent's loop.

Layout under ``<root>/site`` (mounted read-only into the nginx container): ``html/`` the website, ``acme/``
certbot's webroot for HTTP-01, ``certbot/`` certbot's config dir (certificates in ``live/<name>/``),
``acme.json`` and ``status.json``.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.x509.oid import NameOID

from mtpm_desktop.core.errors import InvalidSetting, MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.site.config import SiteConfig

TIMER_NAME = "mtpm-site-renew"
SYSTEMD_DIR = "/etc/systemd/system"
INSTALL_TIMEOUT_S = 600.0
RENEW_TIMEOUT_S = 900.0


class SiteError(MtpmError):
    """The website or its certificate could not be set up; the message says what to do."""


@dataclass(frozen=True)
class SitePaths:
    root: str

    @property
    def base(self) -> str:
        return f"{self.root.rstrip('/')}/site"

    @property
    def html(self) -> str:
        return f"{self.base}/html"

    @property
    def webroot(self) -> str:
        return f"{self.base}/acme"

    @property
    def certbot(self) -> str:
        return f"{self.base}/certbot"

    @property
    def acme_json(self) -> str:
        return f"{self.base}/acme.json"

    @property
    def status_json(self) -> str:
        return f"{self.base}/status.json"

    @property
    def ca_file(self) -> str:
        return f"{self.base}/acme-ca.pem"

    def fullchain(self, cert_name: str) -> str:
        return f"{self.certbot}/live/{cert_name}/fullchain.pem"


@dataclass(frozen=True)
class CertificateInfo:
    """What one certificate on the server says about itself."""

    name: str  # certbot's name for it
    names: list[str]
    issuer: str
    not_before: str  # ISO 8601, UTC
    not_after: str


Run = Callable[..., Any]  # session.run with sudo bound


def _sh(session: Any, sudo: bool) -> Run:
    def run(command: str, **kw: Any) -> Any:
        return session.run(command, sudo=sudo, **kw)

    return run


# ------------------------------------------------------------------------------------------------ install


def ensure_certbot(session: Any, *, sudo: bool, progress: Callable[[str], None] | None = None) -> None:
    """Install the distribution's certbot when the server has none (Debian and Ubuntu: apt)."""
    run = _sh(session, sudo)
    if run("command -v certbot >/dev/null", check=False).exit_code == 0:
        return
    if run("command -v apt-get >/dev/null", check=False).exit_code != 0:
        raise SiteError(
            msg(
                "The server has no certbot and no apt-get to install it: install your distribution's "
                "certbot package on the server, then run `site enable` again."
            )
        )
    if progress:
        progress(msg("installing certbot"))
    result = run(
        "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends certbot "
        "|| { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "
        "--no-install-recommends certbot; }",
        check=False,
        timeout=INSTALL_TIMEOUT_S,
    )
    if result.exit_code != 0:
        raise SiteError(
            msg(
                "apt-get could not install certbot on the server: {output}",
                output=(result.stderr or result.stdout).strip()[-500:],
            )
        )


def default_site_files() -> dict[str, bytes]:
    """The neutral page shipped with mtpm (resources/site)."""
    folder = resources.files("mtpm_desktop.resources").joinpath("site")
    return {entry.name: entry.read_bytes() for entry in folder.iterdir() if entry.is_file()}


def local_site_files(folder: Path) -> dict[str, bytes]:
    """Every file under the admin's folder (relative POSIX path -> content); it must hold index.html."""
    if not folder.is_dir():
        raise InvalidSetting(msg("{folder} is not a folder.", folder=folder))
    if not (folder / "index.html").is_file():
        raise InvalidSetting(
            msg("The site folder {folder} has no index.html: the front page must be there.", folder=folder)
        )
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    }


def upload_site(session: Any, paths: SitePaths, files: dict[str, bytes]) -> None:
    """Put `files` in <root>/site/html, readable by nginx's workers; files no longer there are removed."""
    session.makedirs(paths.base, mode=0o755)
    session.chmod(paths.base, 0o755)
    session.makedirs(paths.html, mode=0o755)
    for rel, data in files.items():
        target = f"{paths.html}/{rel}"
        session.makedirs(target.rsplit("/", 1)[0], mode=0o755)
        session.write_file_atomic(target, data, mode=0o644)
    _remove_stale(session, paths.html, "", set(files))


def _remove_stale(session: Any, folder: str, prefix: str, keep: set[str]) -> None:
    for name in session.listdir(folder):
        rel = f"{prefix}{name}"
        path = f"{folder}/{name}"
        if rel in keep:
            continue
        if any(k.startswith(rel + "/") for k in keep):
            _remove_stale(session, path, rel + "/", keep)
        else:
            session.run(f"rm -rf {shlex.quote(path)}", check=False)


def write_acme_config(
    session: Any,
    paths: SitePaths,
    config: SiteConfig,
    groups: list[tuple[str, list[str]]],
    instance_id: str,
) -> bool:
    """Write acme.json for the agent; True when it changed (new names, directory, contact...)."""
    data = {
        "directory": config.acme_directory,
        "email": config.email,
        "ca_file": paths.ca_file if config.ca_file else "",
        "webroot": paths.webroot,
        "certbot_dir": paths.certbot,
        "instance_id": instance_id,
        "groups": [{"name": name, "domains": names} for name, names in groups],
    }
    text = (json.dumps(data, indent=1, sort_keys=True) + "\n").encode()
    session.makedirs(paths.webroot, mode=0o755)
    if session.exists(paths.acme_json) and session.read_file(paths.acme_json) == text:
        return False
    session.write_file_atomic(paths.acme_json, text, mode=0o600)
    return True


def upload_ca_file(session: Any, paths: SitePaths, local: Path) -> None:
    """Copy the CA bundle the ACME client must trust for the directory (a private or test CA)."""
    try:
        data = local.read_bytes()
    except OSError as exc:
        raise InvalidSetting(msg("Cannot read the CA file {path}: {error}", path=local, error=exc)) from None
    if b"-----BEGIN CERTIFICATE-----" not in data:
        raise InvalidSetting(msg("{path} holds no PEM certificate.", path=local))
    session.makedirs(paths.base, mode=0o755)
    session.write_file_atomic(paths.ca_file, data, mode=0o644)


# ------------------------------------------------------------------------------------------------ renewal


def renew(session: Any, agent_command: str, *, sudo: bool, force: bool = False) -> dict[str, Any]:
    """Run the agent's site-renew now; its status ({last_run, last_renewal, last_error, changed})."""
    cmd = agent_command + (" --force" if force else "")
    result = _sh(session, sudo)(cmd, check=False, timeout=RENEW_TIMEOUT_S)
    if result.exit_code != 0:
        raise SiteError(
            msg(
                "The certificate renewal could not run on the server: {output}",
                output=(result.stderr or result.stdout).strip()[-500:],
            )
        )
    status: dict[str, Any] = json.loads(result.stdout)
    return status


def timer_units(agent_command: str) -> dict[str, str]:
    """The systemd service + timer that renew without the desktop (twice a day, spread over an hour)."""
    service = (
        "[Unit]\nDescription=mtpm: renew the website's certificates\n"
        "After=network-online.target docker.service\nWants=network-online.target\n\n"
        "[Service]\nType=oneshot\n"
        f"ExecStart=/bin/sh -c {shlex.quote(agent_command)}\n"
    )
    timer = (
        "[Unit]\nDescription=mtpm: renew the website's certificates twice a day\n\n"
        "[Timer]\nOnCalendar=*-*-* 00,12:00:00\nRandomizedDelaySec=3600\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return {f"{TIMER_NAME}.service": service, f"{TIMER_NAME}.timer": timer}


def install_timer(session: Any, agent_command: str, *, sudo: bool) -> str:
    """Where there is systemd, install and start the timer; returns "systemd-timer" or "agent-loop"."""
    run = _sh(session, sudo)
    if run("test -d /run/systemd/system", check=False).exit_code != 0:
        return "agent-loop"  # remote_agent's loop runs site_renew when due
    for name, text in timer_units(agent_command).items():
        run(f"cat > {SYSTEMD_DIR}/{name}", stdin=text.encode())
    run(f"systemctl daemon-reload && systemctl enable --now {TIMER_NAME}.timer >/dev/null 2>&1")
    return "systemd-timer"


def remove_timer(session: Any, *, sudo: bool) -> None:
    run = _sh(session, sudo)
    if run("test -d /run/systemd/system", check=False).exit_code != 0:
        return
    run(
        f"systemctl disable --now {TIMER_NAME}.timer >/dev/null 2>&1; "
        f"rm -f {SYSTEMD_DIR}/{TIMER_NAME}.timer {SYSTEMD_DIR}/{TIMER_NAME}.service; "
        "systemctl daemon-reload; true"
    )


def renewal_mode(session: Any, *, sudo: bool) -> str:
    run = _sh(session, sudo)
    if run("test -d /run/systemd/system", check=False).exit_code != 0:
        return "agent-loop"
    return "systemd-timer"


# ------------------------------------------------------------------------------------------------ status


def present_certificates(session: Any, paths: SitePaths, names: list[str], *, sudo: bool) -> list[str]:
    """The certificate groups whose files exist on the server (certbot's folders are root's, 0700)."""
    if not names:
        return []
    tests = "; ".join(f"test -s {shlex.quote(paths.fullchain(n))} && echo {shlex.quote(n)}" for n in names)
    out = _sh(session, sudo)(f"{tests}; true").stdout
    found = set(out.split())
    return [n for n in names if n in found]


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_certificate(name: str, pem: bytes) -> CertificateInfo:
    """The leaf (first certificate) of a fullchain.pem."""
    cert = x509.load_pem_x509_certificates(pem)[0]
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = [str(n) for n in san.get_values_for_type(x509.DNSName)]
    except x509.ExtensionNotFound:
        names = []
    org = cert.issuer.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    common = cert.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)
    issuer = ", ".join(str(a.value) for a in (*org, *common)) or cert.issuer.rfc4514_string()
    return CertificateInfo(
        name=name,
        names=names,
        issuer=issuer,
        not_before=_iso(cert.not_valid_before_utc),
        not_after=_iso(cert.not_valid_after_utc),
    )


def read_certificates(
    session: Any, paths: SitePaths, names: list[str], *, sudo: bool
) -> list[CertificateInfo]:
    out = []
    for name in present_certificates(session, paths, names, sudo=sudo):
        pem = _sh(session, sudo)(f"cat {shlex.quote(paths.fullchain(name))}").stdout.encode()
        out.append(parse_certificate(name, pem))
    return out


def read_status(session: Any, paths: SitePaths) -> dict[str, Any]:
    """status.json as the last renewal wrote it ({} before the first one)."""
    if not session.exists(paths.status_json):
        return {}
    try:
        data = json.loads(session.read_file(paths.status_json))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def remove_site_files(session: Any, paths: SitePaths, *, sudo: bool) -> None:
    """Disable: the html, the webroot and acme.json go; certificates stay (re-enabling reuses them and
    spares the CA's rate limits)."""
    q = shlex.quote
    _sh(session, sudo)(
        f"rm -rf {q(paths.html)} {q(paths.webroot)} {q(paths.acme_json)} {q(paths.status_json)}"
    )
