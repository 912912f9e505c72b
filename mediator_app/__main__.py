"""``python -m mediator_app``: same as the ``mediator-app`` command."""

from __future__ import annotations

import sys

from mediator_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
