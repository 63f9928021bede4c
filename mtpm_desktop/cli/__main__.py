"""``python -m mtpm_desktop.cli`` runs the ``mtpm`` command."""

import sys

from mtpm_desktop.cli.main import main

sys.exit(main())
