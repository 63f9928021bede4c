"""`mtpm-desktop`: start the Qt application and show the main window."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from mtpm_desktop import __version__

if TYPE_CHECKING:
    from mtpm_desktop.ui.controller import Controller

ORG = "mtpm"
DEMO_REFRESH_MS = 5000
APP = "mtpm-desktop"


def app_icon() -> QIcon:
    from importlib.resources import as_file, files

    icon = QIcon()
    folder = files("mtpm_desktop.resources") / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256):
        f = folder / f"mtpm-{size}.png"
        if f.is_file():
            with as_file(f) as path:
                icon.addFile(str(path))
    return icon


def make_app(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication with our names, theme and translators (re-uses an existing one in tests)."""
    QCoreApplication.setOrganizationName(ORG)
    QCoreApplication.setApplicationName(APP)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv[:1]))
    from mtpm_desktop.ui import i18n, theme

    i18n.install(app)
    theme.apply_theme(app)
    theme.follow_system(app)
    app.setWindowIcon(app_icon())
    return app


def smoke_check() -> list[str]:
    """Data files the app needs at run time; a frozen bundle missing one must fail its smoke test."""
    from mtpm_desktop.ui import i18n, icons, theme
    from mtpm_desktop.ui.dlg_help import guide_text
    from mtpm_desktop.ui.dlg_qr import qr_image
    from mtpm_desktop.ui.dlg_user import domain_pool

    problems = []
    if i18n.qm_path("ru") is None:
        problems.append("the Russian translation (mtpm_ru.qm) is missing")
    if not theme.style_sheet("dark") or not theme.style_sheet("light"):
        problems.append("the theme style sheets are missing")
    if app_icon().isNull():
        problems.append("the application icons are missing")
    if not domain_pool():
        problems.append("the SNI domain pool is missing")
    if qr_image("https://t.me/proxy?server=example.org&port=443&secret=ee00").isNull():
        problems.append("QR rendering does not work")
    if icons.icon("refresh-cw").isNull():
        problems.append("the action icons (or the SVG image support) are missing")
    if guide_text("user-guide", "ru") is None or guide_text("troubleshooting", "en") is None:
        problems.append("the user guides are missing")
    return problems


def demo_controller(servers: int = 2, users: int = 12, folder: str | None = None) -> Controller:
    """A controller over in-memory demo servers, with its profiles and cache in a temp folder."""
    import tempfile
    from pathlib import Path

    from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile
    from mtpm_desktop.ui.controller import Controller
    from mtpm_desktop.ui.demo_backend import DemoBackend, DemoSimulation
    from mtpm_desktop.ui.snapshot import SnapshotCache

    root = Path(folder or tempfile.mkdtemp(prefix="mtpm-demo-"))
    store = ProfileStore(root / "profiles")
    backends = {}
    for i in range(servers):
        name = f"demo-{i + 1}"
        store.save(ServerProfile(name=name, host=f"203.0.113.{10 + i}", auth="agent"))
        backends[name] = DemoBackend(name, users=users if i == 0 else max(1, users // 3), seed=i)

    def factory(p: ServerProfile) -> DemoBackend:
        # A server added in the demo is one more in-memory server, empty until "Set up server".
        return backends.setdefault(p.name, DemoBackend(p.name, users=0, seed=len(backends)))

    controller = Controller(store, SnapshotCache(root / "cache"), backend_factory=factory, auto_refresh=False)
    controller.simulation = DemoSimulation(backends)
    return controller


def start_controller(demo: bool, smoke_test: bool = False, folder: str | None = None) -> Controller:
    """The controller `main` starts with: over the profiles, or (demo) over in-memory servers that
    refresh themselves so the live rate and counters move."""
    from mtpm_desktop.ui.controller import Controller

    if not demo:
        return Controller(auto_refresh=not smoke_test)
    controller = demo_controller(folder=folder)
    if not smoke_test:
        controller.start_auto_refresh(DEMO_REFRESH_MS)
    return controller


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mtpm-desktop", description="MTProto proxy manager (desktop)")
    parser.add_argument("--version", action="version", version=f"mtpm-desktop {__version__}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the main window, visit every page, and quit with status 0 (packaging check)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="show two in-memory demo servers instead of your own (no SSH)"
    )
    args, qt_args = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = make_app([sys.argv[0], *qt_args])

    from mtpm_desktop.ui.window import MainWindow

    controller = start_controller(demo=args.demo, smoke_test=args.smoke_test)
    window = MainWindow(controller)
    window.show()
    status = {"code": 0}
    if args.smoke_test:

        def visit(i: int = 0) -> None:
            if i < window.tabs.count():
                window.tabs.setCurrentIndex(i)
                QTimer.singleShot(50, lambda: visit(i + 1))
            else:
                problems = smoke_check()
                for p in problems:
                    print(f"smoke test: {p}", file=sys.stderr)
                if not problems:
                    print("smoke test passed", flush=True)
                status["code"] = 1 if problems else 0
                window.close()

        QTimer.singleShot(0, visit)
    else:
        controller.refresh_all()
    app.aboutToQuit.connect(controller.shutdown)
    code = int(app.exec())
    return code or status["code"]


if __name__ == "__main__":
    sys.exit(main())
