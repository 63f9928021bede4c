#!/usr/bin/env bash
# Build the one-folder bundle (dist/mtpm/) with `mtpm-desktop` and `mtpm`, plus a tarball with the
# desktop entry, AppStream metadata and icons laid out as under /usr/local.
# Usage: packaging/build_bundle.sh [python]   (default: .venv/bin/python, set up by `./dev setup` if absent)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${1:-}" ]; then
  PY="$1"
else
  # A fresh clone has no venv yet: make it (and install mtpm into it) as `./dev app` would.
  ./dev setup
  PY="${MTPM_VENV:-$PWD/.venv}/bin/python"
fi
DIST="${MTPM_DIST:-dist}"            # where dist/mtpm lands (tests build into a temp dir)
WORK="${MTPM_BUILD:-build/pyinstaller}"

"$PY" -m pip show pyinstaller >/dev/null 2>&1 || "$PY" -m pip install -q "pyinstaller>=6.10"

# Translations are compiled at build time from the .ts sources.
"$PY" packaging/compile_translations.py

"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" packaging/mtpm.spec

# Desktop integration files next to the binaries (share/ as under a prefix).
share="$DIST/mtpm/share"
install -Dm644 packaging/linux/io.github.mtpm.Desktop.desktop "$share/applications/io.github.mtpm.Desktop.desktop"
install -Dm644 packaging/linux/io.github.mtpm.Desktop.metainfo.xml "$share/metainfo/io.github.mtpm.Desktop.metainfo.xml"
for png in resources/icons/mtpm-*.png; do
  size=$(basename "$png" .png); size=${size#mtpm-}
  install -Dm644 "$png" "$share/icons/hicolor/${size}x${size}/apps/io.github.mtpm.Desktop.png"
done
install -Dm644 resources/icons/mtpm.svg "$share/icons/hicolor/scalable/apps/io.github.mtpm.Desktop.svg"

version=$("$PY" -c 'import mtpm_desktop; print(mtpm_desktop.__version__)')
tar -C "$DIST" -czf "$DIST/mtpm-${version}-linux-$(uname -m).tar.gz" mtpm
echo "built $DIST/mtpm (mtpm-desktop, mtpm) and $DIST/mtpm-${version}-linux-$(uname -m).tar.gz"
