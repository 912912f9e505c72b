"""Text of a PDF as a person reads it (pypdf gives Qt's word gaps as tabs, and ligatures)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    return [
        unicodedata.normalize("NFKC", page.extract_text()).replace("\t", " ")
        for page in PdfReader(path).pages
    ]


def pdf_text(path: Path) -> str:
    return "\n".join(page_texts(path))
