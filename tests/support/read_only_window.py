"""Start the real application on a data folder and report what its window says, in a
process of its own (a read-only folder is only read-only for a user without the rights, so
the test runs this as such a user). Run as ``python -m tests.support.read_only_window DIR``;
prints one JSON line: the exit code, the banner's text and whether the window was shown."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from mediator_app.app import run
from mediator_app.paths import AppPaths


def main(data_dir: str) -> None:
    app = QApplication(sys.argv[:1])
    seen: dict[str, object] = {"shown": False, "banner": ""}

    def look() -> None:
        for widget in app.topLevelWidgets():
            if widget.isVisible() and widget.objectName() != "":
                label = widget.findChild(QLabel, "read_only_banner_text")
                if label is not None:
                    seen["shown"] = True
                    seen["banner"] = label.text()
                widget.close()
        QTimer.singleShot(200, app.quit)

    QTimer.singleShot(1500, look)
    QTimer.singleShot(20_000, app.quit)
    seen["code"] = run(AppPaths.resolve(data_dir))
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
