"""PyInstaller entry point of the `mtpm-desktop` GUI."""

import sys

from mtpm_desktop.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
