"""Entry script of the PyInstaller bundle: the ``mediator-app`` console script, frozen."""

from __future__ import annotations

import sys

from mediator_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
