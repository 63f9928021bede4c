"""The site's certificates, kept on the server without the desktop: `python3 -m mtpm_agent site-renew`.

The desktop writes `<root>/site/acme.json` (the ACME directory, the contact, the CA bundle for the directory,
the certificate groups and their names). This runs certbot (the distribution's package) once per group:
`certonly --webroot` with `--keep-until-expiring` is a no-op for a certificate that is still fresh and has the
same names, gets a new one when names changed, and renews one that is due (`--force-renewal` with --force).
When any certificate file changed, the site's nginx container gets SIGHUP through the Docker API: nginx
re-reads its certificates and starts new workers, and the old ones finish their open connections (a proxy
connection passing through the router is never cut).

The outcome goes to `<root>/site/status.json` ({last_run, last_renewal, last_error}), which the desktop
shows. It runs from a systemd timer (mtpm-site-renew.timer) where there is systemd, else from the agent's
loop (`due()`), twice a day as certbot itself recommends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import urllib.parse
from typing import Any

from .dockerapi import DockerApi, DockerApiError
from .fsutil import atomic_write_json, read_json

CERTBOT = "certbot"
RUN_EVERY_S = 12 * 3600
SYSTEMD_MARKER = "/run/systemd/system"  # present when systemd is PID 1 (then the timer renews)
CERTBOT_TIMEOUT_S = 600


def site_dir(root: str) -> str:
    return os.path.join(root, "site")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _fingerprints(config_dir: str, names: list[str]) -> dict[str, str]:
    out = {}
    for name in names:
        path = os.path.join(config_dir, "live", name, "fullchain.pem")
        try:
            with open(path, "rb") as fh:
                out[name] = hashlib.sha256(fh.read()).hexdigest()
        except OSError:
            out[name] = ""
    return out


def certbot_command(cfg: dict[str, Any], group: dict[str, Any], force: bool) -> list[str]:
    """certbot's arguments for one certificate group (everything under <root>/site, nothing in /etc)."""
    base = cfg["certbot_dir"]
    cmd = [
        CERTBOT, "certonly", "--non-interactive", "--agree-tos", "--webroot",
        "--webroot-path", cfg["webroot"],
        "--config-dir", base, "--work-dir", os.path.join(base, "work"),
        "--logs-dir", os.path.join(base, "logs"),
        "--server", cfg["directory"], "--cert-name", group["name"],
        "--domains", ",".join(group["domains"]),
        "--expand", "--force-renewal" if force else "--keep-until-expiring",
    ]  # fmt: skip
    if cfg.get("email"):
        cmd += ["--email", cfg["email"]]
    else:
        cmd += ["--register-unsafely-without-email"]
    return cmd


def _reload_nginx(instance_id: str) -> None:
    api = DockerApi()
    try:
        labels = ["mtpm.managed=1", "mtpm.instance=" + instance_id, "mtpm.role=nginx"]
        query = urllib.parse.urlencode({"filters": json.dumps({"label": labels})})
        for item in api._request("GET", "/containers/json?" + query) or []:
            api._request("POST", "/containers/" + item["Id"] + "/kill?signal=HUP")
    finally:
        api.close()


def _tail(text: str, limit: int = 600) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(lines)[-limit:]


def run(root: str, force: bool = False) -> dict[str, Any]:
    """One pass over every certificate group; returns (and stores) the status."""
    folder = site_dir(root)
    cfg = read_json(os.path.join(folder, "acme.json"))
    if not cfg:
        raise ValueError("the site is not enabled on this server (no " + folder + "/acme.json)")
    status_path = os.path.join(folder, "status.json")
    status = read_json(status_path, {}) or {}
    names = [g["name"] for g in cfg["groups"]]
    before = _fingerprints(cfg["certbot_dir"], names)
    env = dict(os.environ)
    if cfg.get("ca_file"):
        env["REQUESTS_CA_BUNDLE"] = cfg["ca_file"]  # certbot trusts this bundle for the directory
    errors = []
    for group in cfg["groups"]:
        try:
            done = subprocess.run(
                certbot_command(cfg, group, force), env=env, capture_output=True, text=True,
                timeout=CERTBOT_TIMEOUT_S,
            )  # fmt: skip
        except (OSError, subprocess.TimeoutExpired) as exc:
            errors.append(group["name"] + ": " + str(exc))
            continue
        if done.returncode != 0:
            errors.append(group["name"] + ": " + _tail(done.stderr or done.stdout))
    after = _fingerprints(cfg["certbot_dir"], names)
    changed = [n for n in names if after[n] and after[n] != before[n]]
    status["last_run"] = _now()
    if changed:
        status["last_renewal"] = status["last_run"]
        try:
            _reload_nginx(cfg["instance_id"])
        except DockerApiError as exc:
            errors.append("nginx reload: " + str(exc))
    status["last_error"] = "; ".join(errors) or None
    status["changed"] = changed
    atomic_write_json(status_path, status, mode=0o644)
    return status


def due(root: str, now: float | None = None) -> bool:
    """Whether the agent's loop should run a pass now: no systemd timer, site on, last pass 12 h ago."""
    if os.path.isdir(SYSTEMD_MARKER):
        return False  # the timer does it
    folder = site_dir(root)
    if not os.path.isfile(os.path.join(folder, "acme.json")):
        return False
    try:
        last = os.path.getmtime(os.path.join(folder, "status.json"))
    except OSError:
        return True
    return ((now if now is not None else dt.datetime.now().timestamp()) - last) >= RUN_EVERY_S
