"""The bootstrap wizard against the fixture sshd: each step's state and the streamed log are shown, the
first user's link and QR appear, and a second run shows every step as already done."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from mtpm_desktop.remote.proxies.engines import Engine
from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.setup.bootstrap import StepState, run_steps
from mtpm_desktop.remote.setup.uninstall import UninstallContext, uninstall_steps
from mtpm_desktop.ui.bootstrap_wizard import BootstrapWizard, session_runner, step_titles
from tests.fixtures.docker_engine import DockerCleanup
from tests.fixtures.ports import free_port, run_id

pytestmark = [pytest.mark.ui, pytest.mark.integration, pytest.mark.usefixtures("stop_agent_after")]

RUN_TIMEOUT_MS = 300_000


def test_wizard_shows_steps_log_link_then_already_done(
    qtbot: QtBot, server_session, server_profile, test_engine: Engine, docker_cleanup: DockerCleanup
) -> None:
    root = server_profile.install_root
    port = free_port()
    service = ServerService(server_session, root=root, engine=test_engine)
    service.ensure_state()
    service.set_setting("docker_network", f"mtpm-btui-{run_id()}-{port}")
    docker_cleanup.register_instance(service.settings()["instance_id"])

    run = session_runner(server_session, root, engine=test_engine, check_host="127.0.0.1")
    wizard = BootstrapWizard("fixture", step_titles(), run)
    qtbot.addWidget(wizard)
    wizard.show()
    try:
        assert wizard.step_state("first-user") is StepState.PENDING
        wizard.first_user.setText("dora")
        wizard.first_port.setText(str(port))
        with qtbot.waitSignal(wizard.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
            wizard.start()
            assert not wizard.start_button.isEnabled()  # the GUI thread is free while it runs
        assert finished.args == [True], wizard.status.text()

        assert wizard.step_state("docker-install") is StepState.UNCHANGED
        assert "(already done)" in wizard.step_text("docker-install")
        assert wizard.step_state("first-user") is StepState.CHANGED
        assert wizard.step_text("first-user").startswith("✓")
        log_text = wizard.log_view.toPlainText()
        assert "== Create the first user" in log_text and "== Deploy and start the agent" in log_text
        assert "agent " in log_text and "running" in log_text  # the agent step's own output, streamed
        assert f"port={port}" in wizard.link_view.text() and wizard.link_view.isVisible()
        assert wizard.qr.isVisible() and not wizard.qr.pixmap().isNull()
        assert wizard.status.text() == "The server is set up."

        with qtbot.waitSignal(wizard.run_finished, timeout=RUN_TIMEOUT_MS) as again:
            wizard.start()
        assert again.args == [True]
        assert all(wizard.step_state(name) is StepState.UNCHANGED for name, _ in step_titles())
        assert wizard.status.text() == "The server was already set up."
        assert wizard.start_button.text() == "Run again"
    finally:
        if wizard.running:
            qtbot.waitSignal(wizard.run_finished, timeout=RUN_TIMEOUT_MS).wait()
        # Stops the agent's respawn loop and removes this install's containers and files.
        run_steps(uninstall_steps(), UninstallContext(server_session, root))
