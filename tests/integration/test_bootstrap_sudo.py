"""Bootstrap as a non-root admin whose sudo needs a password (kept in a keyring backend set up here).

The streamed commands (package installs, `docker load` of a pushed image) run through their own SSH channel
with sudo's password line sent first; this checks that the data after it reaches the command intact and that
the whole bootstrap works for such a login.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from keyrings.alt.file import PlaintextKeyring

from mtpm_desktop.remote.proxies.engines import Engine
from mtpm_desktop.remote.service_models import LinkVerdict
from mtpm_desktop.remote.setup.bootstrap import run_steps
from mtpm_desktop.remote.setup.bootstrap_steps import bootstrap_steps
from mtpm_desktop.remote.setup.context import BootstrapContext, BootstrapOptions, stream
from mtpm_desktop.remote.setup.uninstall import UninstallContext, uninstall_steps
from mtpm_desktop.remote.ssh.credentials import CredentialStore
from mtpm_desktop.remote.ssh.profiles import ServerProfile
from mtpm_desktop.remote.ssh.session import connect
from tests.fixtures.docker_engine import DockerCleanup
from tests.fixtures.fresh_vps import wait_links_accepted
from tests.fixtures.ports import free_port, run_id
from tests.fixtures.remote import LocalUser

pytestmark = pytest.mark.integration


def test_bootstrap_as_sudo_user_with_password(
    make_local_user: Callable[..., LocalUser], remote_data_dir: Path, tmp_path: Path,
    test_engine: Engine, docker_cleanup: DockerCleanup,
) -> None:  # fmt: skip
    password = "Sudo-" + os.urandom(6).hex()
    user = make_local_user(password=password, sudo="password")
    root = tmp_path / "root-owned"
    root.mkdir(mode=0o755)
    os.chown(root, 0, 0)
    install_root = str(root / "mtpm")
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")
    creds = CredentialStore(backend)
    profile = ServerProfile(
        name=f"sudo-{user.name}", host=user.sshd.host, port=user.sshd.port, user=user.name, auth="key",
        key_path=str(user.key_path), install_root=install_root,
    )  # fmt: skip
    creds.set(profile, "sudo_password", password)
    port = free_port()
    with connect(profile, data_dir=remote_data_dir, credentials=creds) as session:
        ctx = BootstrapContext(
            session, BootstrapOptions(first_user_port=port), root=install_root, engine=test_engine,
            check_host="127.0.0.1",
        )  # fmt: skip
        # Streaming through sudo: 3 MB of stdin after the password line arrive intact, as root.
        lines: list[str] = []
        chunks = [bytes([i]) * (1 << 20) for i in range(1, 4)]
        stream(ctx, "sha256sum | cut -c1-16; id -u", lines.append, stdin_chunks=iter(chunks), timeout=120)
        import hashlib

        assert lines == [hashlib.sha256(b"".join(chunks)).hexdigest()[:16], "0"]
        assert password not in "\n".join(lines)

        ctx.service.ensure_state()
        ctx.service.set_setting("docker_network", f"mtpm-btsudo-{run_id()}-{port}")
        docker_cleanup.register_instance(ctx.service.settings()["instance_id"])
        try:
            report = run_steps(bootstrap_steps(), ctx)
            assert report.ok, report.failed and (report.failed.name, report.failed.output)
            check = wait_links_accepted(ctx.service)
            assert [r.verdict for r in check.results] == [LinkVerdict.ACCEPTED], check.to_json()
        finally:
            removal = run_steps(uninstall_steps(), UninstallContext(session, install_root))
        assert removal.ok, removal.failed and (removal.failed.name, removal.failed.output)
        assert not Path(install_root).exists()
