"""Anonymous counts of a workshop: the total, who was already accompanied, the children, and
three breakdowns (gender, the 7 age bands, 4 statuses). Each breakdown shows its « non
communiqué » remainder live (total − declared) and the rule's French message as soon as it
exceeds the total — the same rule (``validate_anonymous_counts``) the service applies on save.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from enum import StrEnum
from typing import Any
from uuid import UUID

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.entities import (
    COUNT_AGE_BANDS,
    COUNT_GENDERS,
    COUNT_STATUSES,
    AnonymousCounts,
)
from mediator_app.core.rules import MAX_COUNT
from mediator_app.core.validation import validate_anonymous_counts
from mediator_app.ui.core_labels import label
from mediator_app.ui.widgets.french import caption as french_caption
from mediator_app.ui.widgets.french import error_label, number, show_errors

_NO_ID = UUID(int=0)  # a draft, only validated, never saved


def _captions(fields: Mapping[str, StrEnum]) -> tuple[tuple[str, str], ...]:
    """(field, La Coop's label of its value) for each field of a breakdown."""
    return tuple((name, label(value)) for name, value in fields.items())


class AnonymousCountsPanel(QGroupBox):
    """The counts form. ``values()`` gives the fields for ``set_anonymous_counts``.

    Signals:
        save_requested: the user asked to save the counts.
    """

    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("anonymous_counts_panel")
        self.setTitle(self.tr("Participants anonymes"))
        self._loading = False
        self.dirty = False
        self.spins: dict[str, QSpinBox] = {}
        self.errors: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setSpacing(4)

        top = QGridLayout()
        top.setHorizontalSpacing(8)
        top.setVerticalSpacing(2)
        self._pair(top, 0, 0, "total", self.tr("&Total"))
        self._pair(top, 0, 2, "children_present", self.tr("Enfan&ts présents"))
        self._pair(top, 1, 0, "already_accompanied", self.tr("&Déjà accompagnés"))
        outer.addLayout(top)
        for key in ("total", "already_accompanied", "children_present"):
            outer.addWidget(self._error(key))

        self.remainders: dict[str, QLabel] = {}
        # La Coop's labels (core.enums), so the panel and the export say the same bands.
        sections: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
            ("gender", self.tr("Genre"), _captions(COUNT_GENDERS)),
            ("age", self.tr("Âge"), _captions(COUNT_AGE_BANDS)),
            ("status", self.tr("Statut"), _captions(COUNT_STATUSES)),
        )
        for key, title, fields in sections:
            heading = QLabel(f"<b>{title}</b>", self)
            outer.addWidget(heading)
            grid = QGridLayout()
            grid.setHorizontalSpacing(8)
            grid.setVerticalSpacing(2)
            for n, (field, caption) in enumerate(fields):
                self._pair(grid, n // 2, (n % 2) * 2, field, caption)
            outer.addLayout(grid)
            remainder = QLabel(self)
            remainder.setObjectName(f"{key}_unknown_label")
            self.remainders[key] = remainder
            outer.addWidget(remainder)
            outer.addWidget(self._error(key))

        row = QHBoxLayout()
        self.state_label = QLabel(self)
        self.state_label.setObjectName("counts_state_label")
        row.addWidget(self.state_label, 1)
        self.save_button = QPushButton(self.tr("Enregistrer les c&omptes"), self)
        self.save_button.setObjectName("counts_save_button")
        self.save_button.clicked.connect(self.save_requested)
        row.addWidget(self.save_button)
        outer.addLayout(row)
        outer.addStretch(1)
        order = [*self.spins.values(), self.save_button]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        self.set_counts(None)

    def _pair(self, grid: QGridLayout, row: int, column: int, field: str, caption: str) -> None:
        spin = QSpinBox(self)
        spin.setObjectName(f"{field}_spin")
        spin.setRange(0, MAX_COUNT)
        spin.setAccessibleName(caption.replace("&", ""))
        spin.valueChanged.connect(self._on_value_changed)
        label = QLabel(french_caption(caption), self)
        label.setBuddy(spin)
        grid.addWidget(label, row, column)
        grid.addWidget(spin, row, column + 1)
        self.spins[field] = spin

    def _error(self, key: str) -> QLabel:
        label = error_label(key, self)
        self.errors[key] = label
        return label

    # --- values -----------------------------------------------------------------------

    def values(self) -> dict[str, int]:
        return {field: spin.value() for field, spin in self.spins.items()}

    def set_counts(self, counts: AnonymousCounts | None) -> None:
        """Show stored counts (``None``: nothing recorded yet); the form is clean after."""
        self._loading = True
        try:
            for field, spin in self.spins.items():
                spin.setValue(int(getattr(counts, field)) if counts is not None else 0)
        finally:
            self._loading = False
        self.dirty = False
        self._update()

    def show_errors(self, errors: dict[str, str]) -> None:
        """The service's messages under their breakdown."""
        fallback = self.errors["total"]
        show_errors(self.errors, errors, fallback)

    def _draft(self) -> AnonymousCounts:
        values: dict[str, Any] = dict(self.values())
        return AnonymousCounts(id=_NO_ID, workshop_id=_NO_ID, **values)

    def _update(self) -> None:
        draft = self._draft()
        for key, value in (
            ("gender", draft.gender_unknown),
            ("age", draft.age_unknown),
            ("status", draft.status_unknown),
        ):
            self.remainders[key].setText(
                self.tr("Non communiqué\u00a0: {n}").format(n=number(max(value, 0)))
            )
        self.show_errors(validate_anonymous_counts(draft))
        self.state_label.setText(self.tr("● Modifications non enregistrées") if self.dirty else "")

    def _on_value_changed(self, _value: Any) -> None:
        if self._loading:
            return
        self.dirty = True
        self._update()
