"""Titles and emphasised labels: bold text in a larger font (size relative to the theme's)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["bold_label", "page_title"]


def bold_label(text: str, parent: QWidget, scale: float = 1.0) -> QLabel:
    """A label in bold, its font ``scale`` times the default size."""
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def page_title(text: str, parent: QWidget) -> QLabel:
    """The big title at the top of a page."""
    label = bold_label(text, parent, 1.6)
    label.setAccessibleName(text)
    return label
