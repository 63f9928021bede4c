"""Screenshots of every page and the main dialogs, in the dark and the light theme, under a real X server.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/screenshots/capture.py [--lang ru]

`--lang ru` gives the Russian UI; `--lang pseudo` the pseudo-locale (every string accented and 40 % longer),
whose pictures (*-pseudo.png) are checked by eye for clipped labels.
The data comes from the in-memory demo servers (`mtpm-desktop --demo`), so the pictures are reproducible.
Each picture is taken from the X server's framebuffer (QScreen.grabWindow), not rendered off-screen.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def capture(theme: str, lang: str) -> list[Path]:
    os.environ["MTPM_THEME"] = theme
    os.environ["MTPM_LANG"] = lang
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from mtpm_desktop.ui.app import demo_controller, make_app
    from mtpm_desktop.ui.window import MainWindow

    app = make_app([sys.argv[0]])
    app.setQuitOnLastWindowClosed(False)  # pictures of dialogs are taken after windows close
    QCoreApplication.setApplicationName("mtpm-desktop-screenshots")  # never touch the user's settings
    controller = demo_controller(servers=3, users=14, folder=tempfile.mkdtemp(prefix="mtpm-shots-"))
    window = MainWindow(controller)
    window.resize(1280, 800)
    window.show()

    def settle(ms: int = 400) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    controller.refresh_all()
    while any(controller.snapshot(n) is None for n in controller.servers()):
        settle(100)
    # The third server went away after its last refresh: the window keeps its data and says why.
    from mtpm_desktop.core.messages import msg
    from mtpm_desktop.remote.errors import ConnectTimeout

    backend = controller.backend("demo-3")
    backend.fail_with = ConnectTimeout(  # type: ignore[attr-defined]
        msg("The SSH handshake with {host}:{port} timed out.", host="203.0.113.12", port=22)
    )
    controller.refresh("demo-3")
    settle(600)
    window.select_server("demo-1")
    settle()

    shots: list[Path] = []

    def shoot(widget: QWidget, name: str) -> None:
        settle()
        screen = widget.screen() or QApplication.primaryScreen()
        pixmap = screen.grabWindow(widget.winId())
        path = HERE / f"{name}-{theme}{'' if lang == 'en' else '-' + lang}.png"
        pixmap.save(str(path), "PNG")
        shots.append(path)

    names = ["dashboard", "users", "traffic", "settings", "logs"]
    for i, name in enumerate(names):
        window.tabs.setCurrentIndex(i)
        if name == "traffic":
            user = window.users.model.user_at(0)
            if user is not None:
                window.traffic.user_combo.setCurrentIndex(window.traffic.user_combo.findData(user.id))
            window.traffic.range_combo.setCurrentIndex(1)
            window.traffic.load_history()
        if name == "logs":
            window.logs.load()
        if name == "users":
            window.users.table.selectRow(1)
        shoot(window, name)
    window.select_server("demo-3")
    window.tabs.setCurrentIndex(1)
    shoot(window, "unreachable")
    window.select_server("demo-1")

    user = window.users.model.user_at(0)
    assert user is not None
    qr = window.users.open_qr(user)
    qr.show()
    shoot(qr, "qr")
    qr.close()
    dlg = window.add_server()
    dlg.name_edit.setText("vps-frankfurt")
    dlg.host_edit.setText("203.0.113.50")
    dlg.key_edit.setText("~/.ssh/id_ed25519")
    dlg.result_label.setText(
        QCoreApplication.translate(
            "ServerDialog",
            'This server\'s host key is not known yet.\n{type} key fingerprint:\n{fp}\nCompare it with `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` run on the server, then press "Trust this key".',  # noqa: E501
        ).format(type="ED25519", fp="SHA256:q8m3o3Qe3H5nC4u5ZbHDE8l3wq2xJ8N4qv2Yb6mB0pA")
    )
    dlg.trust_btn.setVisible(True)
    shoot(dlg, "server-dialog")
    dlg.close()
    controller.shutdown()
    window.close()
    return shots


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="en")
    parser.add_argument("--theme", choices=["dark", "light"])
    args = parser.parse_args()
    if args.theme:
        for path in capture(args.theme, args.lang):
            print(path.relative_to(HERE.parent.parent))
        return 0
    # One process per theme: the palette and style are process-wide.
    for theme in ("light", "dark"):
        subprocess.run([sys.executable, __file__, "--theme", theme, "--lang", args.lang], check=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent.parent))
    sys.exit(main())
