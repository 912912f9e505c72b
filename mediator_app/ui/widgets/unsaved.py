"""« Modifications non enregistrées » : an editor never throws typed work away silently.

``UnsavedChanges(dialog)`` remembers what every input of the dialog holds; ``mark_clean()``
after a load or a save; ``confirm_discard()`` (from the dialog's ``reject``) asks before
closing when something changed, and returns whether the dialog may close.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)


def _value(w: QWidget) -> Any:
    if isinstance(w, QLineEdit):
        return w.text()
    if isinstance(w, QPlainTextEdit):
        return w.toPlainText()
    if isinstance(w, QTextEdit):
        return w.toPlainText()
    if isinstance(w, QComboBox):
        return (w.currentIndex(), w.currentText() if w.isEditable() else "")
    if isinstance(w, QDateTimeEdit):
        return w.dateTime().toString("yyyy-MM-ddTHH:mm")
    if isinstance(w, QSpinBox):
        return w.value()
    if isinstance(w, QAbstractSpinBox):
        return w.text()
    if isinstance(w, QAbstractButton) and w.isCheckable():
        return w.isChecked()
    return None


class UnsavedChanges:
    """What the inputs of ``dialog`` held when last marked clean."""

    def __init__(self, dialog: QWidget) -> None:
        self._dialog = dialog
        self._clean = self.snapshot()

    def _inputs(self) -> list[QWidget]:
        kinds = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)
        out: list[QWidget] = []
        for w in self._dialog.findChildren(QWidget):
            if isinstance(w, QLineEdit) and isinstance(w.parent(), (QComboBox, QAbstractSpinBox)):
                continue  # the line edit inside a combo or a spin box: its owner counts
            if isinstance(w, kinds) or (isinstance(w, QAbstractButton) and w.isCheckable()):
                out.append(w)
        return out

    def snapshot(self) -> tuple[Any, ...]:
        return tuple(_value(w) for w in self._inputs())

    def mark_clean(self) -> None:
        self._clean = self.snapshot()

    @property
    def dirty(self) -> bool:
        return self.snapshot() != self._clean

    def confirm_discard(self) -> bool:
        """Whether the dialog may close: nothing changed, or the person chose to abandon."""
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self._dialog,
            QCoreApplication.translate("UnsavedChanges", "Modifications non enregistrées"),
            QCoreApplication.translate(
                "UnsavedChanges",
                "Vous avez fait des modifications qui ne sont pas enregistrées. Les abandonner ?",
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard
