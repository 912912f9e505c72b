"""Form helpers shared by the dialogs and pages: inline field errors, the bottom button
row, labelled buddies, enum combo boxes, an explicit tab order.

Error labels take the error tone of ``ui.style``, which reads on
light and dark themes alike, and always start with "⚠" (never colour alone).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from mediator_app.ui import style
from mediator_app.ui.core_labels import label
from mediator_app.ui.core_messages import core_text


class FieldErrors:
    """Inline validation messages: one hidden ``<field>_error`` label per field.

    Messages for fields without a label of their own go to the form's general label.
    """

    def __init__(self, general: QLabel) -> None:
        self._labels: dict[str, QLabel] = {}
        self._general = general
        self._general.setObjectName("form_error")
        self._prepare(general)

    @staticmethod
    def _prepare(label_: QLabel) -> None:
        label_.setWordWrap(True)
        label_.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        style.mark(label_, "error")
        label_.hide()

    def label(self, field: str, parent: QWidget, *aliases: str) -> QLabel:
        """The error label of ``field`` (created hidden); ``aliases`` route other field
        names of the rules to the same label."""
        lab = QLabel(parent)
        lab.setObjectName(f"{field}_error")
        self._prepare(lab)
        for name in (field, *aliases):
            self._labels[name] = lab
        return lab

    def clear(self) -> None:
        for lab in {*self._labels.values(), self._general}:
            lab.clear()
            lab.hide()

    def show(self, errors: Mapping[str, str]) -> list[str]:
        """Show each message under its field; returns the fields that got a label."""
        self.clear()
        shown: list[str] = []
        general: list[str] = []
        for field, message in errors.items():
            lab = self._labels.get(field)
            if lab is None:
                general.append(message)
                continue
            text = f"⚠ {core_text(message)}"
            lab.setText(f"{lab.text()}\n{text}" if lab.text() else text)
            lab.show()
            shown.append(field)
        if general:
            self.show_general("\n".join(general))
        return shown

    def show_general(self, message: str) -> None:
        self._general.setText(f"⚠ {core_text(message)}")
        self._general.show()

    def text(self, field: str) -> str:
        lab = self._labels.get(field)
        return lab.text() if lab is not None and lab.isVisible() else ""


def chain_tab_order(widgets: Iterable[QWidget]) -> None:
    """An explicit tab order through ``widgets``, in the order given."""
    items = list(widgets)
    for a, b in itertools.pairwise(items):
        QWidget.setTabOrder(a, b)


# A dialog button: its text, object name and what a click does.
ButtonSpec = tuple[str, str, Callable[[], object]]


def button_row(
    parent: QWidget, secondary: ButtonSpec, primary: ButtonSpec
) -> tuple[QHBoxLayout, QPushButton, QPushButton]:
    """The bottom row of a dialog, right-aligned: ``secondary`` (Annuler, Fermer) then
    ``primary``, the default button. Returns the row and the two buttons."""
    row = QHBoxLayout()
    row.addStretch(1)
    buttons = []
    for text, name, slot in (secondary, primary):
        button = QPushButton(text, parent)
        button.setObjectName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
        buttons.append(button)
    buttons[1].setDefault(True)
    return row, buttons[0], buttons[1]


def buddy(text: str, widget: QWidget, parent: QWidget) -> QLabel:
    """A form label with its mnemonic bound to ``widget``."""
    lab = QLabel(text, parent)
    lab.setBuddy(widget)
    return lab


def enum_combo(
    parent: QWidget, values: Iterable[Any], *, empty: str | None, name: str
) -> QComboBox:
    """A combo box of enum labels (data = the enum), with an optional empty first choice."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    if empty is not None:
        combo.addItem(empty, None)
    for v in values:
        # The raw value: Qt turns a StrEnum into a plain string anyway.
        combo.addItem(label(v), v.value)
    return combo


E = TypeVar("E", bound=StrEnum)


def enum_data(combo: QComboBox, cls: type[E]) -> E | None:
    """The enum chosen in a combo made by ``enum_combo`` (``None`` for the empty choice)."""
    data = combo.currentData()
    return None if data is None else cls(data)


def select_data(combo: QComboBox, value: Any) -> None:
    if isinstance(value, StrEnum):
        value = value.value
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))
