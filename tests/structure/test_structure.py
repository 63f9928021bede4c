"""The shape of mtpm_desktop: no import cycles, imports run only downwards, the desktop side is portable.

The rules are checked over the package's own imports, read with `ast`; the second half of the file shows on
small synthetic packages that each rule fails when its fault is put back.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import mtpm_desktop
from tests.structure.imports import cycles, forbidden_imports, import_graph, posix_only_uses

pytestmark = pytest.mark.unit

PACKAGE_ROOT = Path(mtpm_desktop.__file__).resolve().parent

# Which layer may not import which: core <- remote <- ui/cli, and inside remote the lower wings never reach
# the facade or the wings above them.
LAYER_RULES: dict[str, tuple[str, ...]] = {
    "mtpm_desktop.core": ("mtpm_desktop.remote", "mtpm_desktop.ui", "mtpm_desktop.cli", "PySide6"),
    "mtpm_desktop.remote": ("mtpm_desktop.ui", "mtpm_desktop.cli", "PySide6"),
    "mtpm_desktop.cli": ("mtpm_desktop.ui", "PySide6"),
    "mtpm_desktop.remote.ssh": (
        "mtpm_desktop.remote.service",
        "mtpm_desktop.remote.proxies",
        "mtpm_desktop.remote.port443",
        "mtpm_desktop.remote.setup",
        "mtpm_desktop.remote.checks",
        "mtpm_desktop.remote.agent_client",
        "mtpm_desktop.remote.migrate",
    ),
    "mtpm_desktop.remote.proxies": (
        "mtpm_desktop.remote.service",
        "mtpm_desktop.remote.port443",
        "mtpm_desktop.remote.setup",
        "mtpm_desktop.remote.checks",
        "mtpm_desktop.remote.migrate",
    ),
    "mtpm_desktop.remote.port443": (
        "mtpm_desktop.remote.service",
        "mtpm_desktop.remote.setup",
        "mtpm_desktop.remote.checks",
        "mtpm_desktop.remote.migrate",
    ),
    # Moves and backups are built on the service; the service and the wings it uses never import them.
    "mtpm_desktop.remote.service": ("mtpm_desktop.remote.migrate",),
    "mtpm_desktop.remote.setup": ("mtpm_desktop.remote.migrate",),
    "mtpm_desktop.remote.checks": ("mtpm_desktop.remote.migrate",),
    "mtpm_desktop.remote.site": (
        "mtpm_desktop.remote.service",
        "mtpm_desktop.remote.setup",
        "mtpm_desktop.remote.checks",
    ),
}


def test_no_import_cycle_in_mtpm_desktop() -> None:
    graph = import_graph(PACKAGE_ROOT, "mtpm_desktop")
    assert len(graph) > 50  # the whole package was read, not an empty folder
    assert cycles(graph) == []


def test_layers_import_only_downwards() -> None:
    assert forbidden_imports(PACKAGE_ROOT, "mtpm_desktop", LAYER_RULES) == []


def test_desktop_side_uses_no_posix_only_module_or_call() -> None:
    assert posix_only_uses(PACKAGE_ROOT, "mtpm_desktop") == []


def test_the_service_imports_no_qt() -> None:
    code = "import sys, mtpm_desktop.remote.service; print(sorted(m for m in sys.modules if 'PySide6' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_remote_wing_says_what_it_does_and_may_import() -> None:
    wings = [p for p in (PACKAGE_ROOT / "remote").iterdir() if (p / "__init__.py").is_file()]
    assert {w.name for w in wings} >= {"ssh", "proxies", "port443", "setup", "checks"}
    for wing in wings:
        doc = (wing / "__init__.py").read_text(encoding="utf-8").strip()
        assert doc.startswith('"""') and "Imports" in doc, wing.name


# --- the rules themselves, on synthetic packages --------------------------------------------------------


def make_package(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` ({relative path: source}) as package `pkg` under ``root``; returns its folder."""
    pkg = root / "pkg"
    for rel, source in files.items():
        path = pkg / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        for parent in path.relative_to(pkg).parents:
            init = pkg / parent / "__init__.py"
            if not init.exists():
                init.write_text("", encoding="utf-8")
    return pkg


def test_a_two_module_cycle_is_found(tmp_path: Path) -> None:
    pkg = make_package(
        tmp_path, {"a.py": "from pkg import b\n", "b.py": "import pkg.a\n", "c.py": "import pkg.a\n"}
    )
    assert cycles(import_graph(pkg, "pkg")) == [["pkg.a", "pkg.b"]]


def test_a_cycle_through_type_checking_and_a_lazy_import_counts(tmp_path: Path) -> None:
    pkg = make_package(
        tmp_path,
        {
            "low.py": """
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    from pkg.mid import Thing
            """,
            "mid.py": """
                def use():
                    from .high import run
                    return run
            """,
            "high.py": "from .low import *\n",
        },
    )
    assert cycles(import_graph(pkg, "pkg")) == [["pkg.high", "pkg.low", "pkg.mid"]]


def test_relative_imports_and_subpackages_resolve(tmp_path: Path) -> None:
    pkg = make_package(
        tmp_path,
        {
            "wing/one.py": "from ..top import x\n",
            "top.py": "from .wing import one\n",
            "other/two.py": "from . import three\n",
            "other/three.py": "x = 1\n",
        },
    )
    graph = import_graph(pkg, "pkg")
    assert graph["pkg.top"] == {"pkg.wing.one"}
    assert graph["pkg.other.two"] == {"pkg.other.three"}
    assert cycles(graph) == [["pkg.top", "pkg.wing.one"]]


def test_a_package_without_cycles_passes(tmp_path: Path) -> None:
    pkg = make_package(
        tmp_path, {"a.py": "import pkg.b\n", "b.py": "import pkg.c\n", "c.py": "import json\n"}
    )
    assert cycles(import_graph(pkg, "pkg")) == []


def test_an_upward_import_breaks_the_layering(tmp_path: Path) -> None:
    rules = {"pkg.core": ("pkg.remote", "pkg.ui", "PySide6"), "pkg.remote": ("pkg.ui", "PySide6")}
    clean = make_package(
        tmp_path / "clean", {"core/state.py": "x = 1\n", "remote/service.py": "from pkg.core import state\n"}
    )
    assert forbidden_imports(clean, "pkg", rules) == []
    broken = make_package(
        tmp_path / "broken",
        {
            "core/state.py": "def f():\n    from pkg.remote import service\n",
            "remote/service.py": "from PySide6.QtCore import QObject\n",
            "ui/window.py": "x = 1\n",
        },
    )
    assert forbidden_imports(broken, "pkg", rules) == [
        "pkg.core.state (line 2) imports pkg.remote.service",
        "pkg.remote.service (line 1) imports PySide6.QtCore",
    ]


def test_posix_only_code_is_found_unless_guarded(tmp_path: Path) -> None:
    pkg = make_package(
        tmp_path,
        {
            "bad.py": """
                import os
                import fcntl
                from pwd import getpwuid
                def who():
                    return os.geteuid()
            """,
            "good.py": """
                import os
                import sys
                try:
                    import termios
                except ImportError:
                    termios = None
                if sys.platform != "win32":
                    import resource
                def pid():
                    if hasattr(os, "fork"):
                        return os.fork()
                    return os.getpid()
            """,
        },
    )
    assert posix_only_uses(pkg, "pkg") == [
        "pkg.bad (line 3) imports fcntl",
        "pkg.bad (line 4) imports pwd",
        "pkg.bad (line 6) calls os.geteuid()",
    ]


def test_test_files_in_folders_without_init_have_unique_names() -> None:
    # pytest imports a test file of a folder without __init__.py by its bare name: two such files with one
    # name anywhere in the suite make collection fail ("import file mismatch") on a clean checkout.
    tests = Path(__file__).resolve().parent.parent
    seen: dict[str, Path] = {}
    clashes = []
    for path in sorted(tests.rglob("test_*.py")):
        if (path.parent / "__init__.py").exists():
            continue
        if path.name in seen:
            clashes.append(f"{seen[path.name].relative_to(tests)} and {path.relative_to(tests)}")
        seen.setdefault(path.name, path)
    assert len(seen) > 20
    assert clashes == []
