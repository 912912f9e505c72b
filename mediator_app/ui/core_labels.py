"""The core's French wordings (enum labels, field and entity names, « oui »/« non »…) in
the interface's language.

``mediator_app/core`` stays Qt-free (the server and the CLI use it): its ``label()`` and
``labels`` give French. The interface shows them through these wrappers, which translate
the French wording at display time in the ``labels`` context. lupdate only extracts
literal strings, so ``label_catalogue.py`` lists every core wording as
``QT_TRANSLATE_NOOP("labels", "…")``; it is generated from the core
(``python -m mediator_app.ui.core_labels --write``) and a test fails when it drifts.
Exports and PDFs keep calling the core directly: they stay French. See
docs/translations.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from mediator_app.core import enums
from mediator_app.core import labels as core

CONTEXT = "labels"
CATALOGUE_FILE = Path(__file__).with_name("label_catalogue.py")


def translated(french: str) -> str:
    """A core wording in the interface's language (itself when untranslated)."""
    return QCoreApplication.translate(CONTEXT, french)


def label(value: StrEnum) -> str:
    return translated(enums.label(value))


def field_label(name: str) -> str:
    return translated(core.field_label(name))


def entity_label(name: str) -> str:
    return translated(core.entity_label(name))


def workshop_place(place_type: Any, venue_name: str, venue_address: str, commune: str) -> str:
    """``core.labels.workshop_place``, its place-type fallback translated (names and
    addresses are what people typed: never translated)."""
    text = core.workshop_place(place_type, venue_name, venue_address, commune)
    if not (venue_name or venue_address or commune):
        return translated(text)
    return text


def catalogue_source() -> str:
    """The text of ``label_catalogue.py``: every core wording, literal, for lupdate."""
    lines = [
        '"""Every French wording of the core (``core.labels.wordings()``), literal, so that',
        "``make i18n`` extracts them into the ``labels`` context.",
        "",
        "Generated: ``python -m mediator_app.ui.core_labels --write``; do not edit by hand",
        "(tests/ui/test_core_labels.py fails when it drifts from the core).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP",
        "",
        "WORDINGS: tuple[object, ...] = (  # QT_TRANSLATE_NOOP returns its text",
    ]
    for text in core.wordings():
        lines.append(f'    QT_TRANSLATE_NOOP("labels", {json.dumps(text, ensure_ascii=False)}),')
    lines.append(")")
    return "\n".join(lines) + "\n"


def catalogue_command(
    module: str, file: Path, source: Callable[[], str], argv: Sequence[str] | None
) -> int:
    """``python -m <module> [--write]``: print a generated catalogue, or rewrite ``file``
    with it (the label and the message catalogues alike)."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}")
    parser.add_argument("--write", action="store_true", help=f"rewrite {file.name}")
    args = parser.parse_args(argv)
    text = source()
    if args.write:
        file.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m mediator_app.ui.core_labels --write``: regenerate the catalogue."""
    return catalogue_command("mediator_app.ui.core_labels", CATALOGUE_FILE, catalogue_source, argv)


if __name__ == "__main__":
    sys.exit(main())
