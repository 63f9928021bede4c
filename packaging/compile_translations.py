"""Compile resources/translations/*.ts to .qm with pyside6-lrelease (run at build and test time)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"


def lrelease() -> str:
    found = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    if not Path(found).exists():
        raise SystemExit("pyside6-lrelease not found: install PySide6-Essentials into this Python")
    return found


def main() -> int:
    sources = sorted(TRANSLATIONS.glob("*.ts"))
    for ts in sources:
        subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    print(f"compiled {len(sources)} translation(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
