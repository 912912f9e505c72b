"""A printer a test can read back: Qt's own ``QPrinter`` set to write a PDF file, chosen
without the modal print dialog (``DocumentPrinter.choose_printer``)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget


def pdf_printer(out: Path) -> Callable[[QPrinter, QWidget | None], bool]:
    """A ``choose_printer`` step that accepts, printing to ``out`` as a PDF."""

    def choose(printer: QPrinter, _parent: QWidget | None) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    return choose


def image_widths_mm(path: Path) -> list[float]:
    """The printed width of each image of a PDF, in millimetres (poppler's pdfimages)."""
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    widths = []
    for line in listing:
        cols = line.split()
        # page num type width height color comp bpc enc interp object ID x-ppi y-ppi …
        if cols[2] == "image":
            widths.append(int(cols[3]) / float(cols[12]) * 25.4)
    return widths
