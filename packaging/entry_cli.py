"""PyInstaller entry point of the `mtpm` CLI."""

import sys

from mtpm_desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
