"""Table models of the Matériel screen: the inventory (paged in SQL), the handout lists
(overdue, due soon, open) and the line-by-line report of a CSV import."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt

from mediator_app.core.entities import Device
from mediator_app.core.enums import HandoutNature
from mediator_app.local_store.services.handouts import HandoutRow
from mediator_app.ui.core_labels import label
from mediator_app.ui.models.base import (
    ROW_ROLE,
    SORT_ROLE,
    PagedTableModel,
    RowTableModel,
    french_date,
    tr,
)
from mediator_app.ui.widgets.status_marks import status_mark

__all__ = [
    "ROW_ROLE",
    "SORT_ROLE",
    "DeviceColumn",
    "DeviceTableModel",
    "HandoutColumn",
    "HandoutTableModel",
    "ImportErrorModel",
    "late_text",
]


class DeviceColumn(IntEnum):
    TAG = 0
    TYPE = 1
    MODEL = 2
    SERIAL = 3
    CONDITION = 4
    STATUS = 5


class DeviceTableModel(PagedTableModel[Device]):
    """The inventory: asset tag, type, brand and model, serial, condition, status."""

    def __init__(
        self, fetch_page: Callable[[int], None] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(
            (
                tr("N° d’inventaire"),
                tr("Type"),
                tr("Marque et modèle"),
                tr("N° de série"),
                tr("État"),
                tr("Statut"),
            ),
            fetch_page,
            parent,
        )

    def display(self, item: Device, column: int) -> str:
        col = DeviceColumn(column)
        if col is DeviceColumn.TAG:
            return item.asset_tag
        if col is DeviceColumn.TYPE:
            return label(item.device_type)
        if col is DeviceColumn.MODEL:
            return " ".join(x for x in (item.brand, item.model) if x)
        if col is DeviceColumn.SERIAL:
            return item.serial_number
        if col is DeviceColumn.CONDITION:
            return label(item.condition)
        return label(item.status)

    def cell(self, item: Device, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == DeviceColumn.STATUS:
            return status_mark(item.status)
        return super().cell(item, column, role)


class HandoutColumn(IntEnum):
    FAMILY = 0
    DEVICES = 1
    NATURE = 2
    HANDED = 3
    DUE = 4
    LATE = 5


def late_text(row: HandoutRow, today: date) -> str:
    """« 3 jours de retard » / « à rendre dans 2 jours » (0 and 1 singular)."""
    h = row.handout
    if h.returned_at is not None:
        return tr("Rendu le {day}").format(day=french_date(h.returned_at.date()))
    if h.nature is HandoutNature.GIFT or h.expected_return is None:
        return tr("Pas de retour prévu")
    late = row.days_late(today)
    if late >= 2:
        return tr("⚠ {n} jours de retard").format(n=late)
    if late == 1:
        return tr("⚠ 1 jour de retard")
    left = (h.expected_return - today).days
    if left == 0:
        return tr("À rendre aujourd’hui")
    if left == 1:
        return tr("À rendre demain")
    return tr("À rendre dans {n} jours").format(n=left)


class HandoutTableModel(RowTableModel[HandoutRow]):
    """Handouts (loans and gifts) with their family, devices, dates and lateness."""

    def __init__(self, today: date | None = None, parent: QObject | None = None) -> None:
        super().__init__(
            (
                tr("Famille"),
                tr("Équipements"),
                tr("Nature"),
                tr("Remis le"),
                tr("Retour prévu"),
                tr("Situation"),
            ),
            parent,
        )
        self.today = today or date.today()

    def display(self, item: HandoutRow, column: int) -> str:
        h = item.handout
        col = HandoutColumn(column)
        if col is HandoutColumn.FAMILY:
            return item.guardian_name or tr("(fiche anonymisée)")
        if col is HandoutColumn.DEVICES:
            return ", ".join(item.asset_tags)
        if col is HandoutColumn.NATURE:
            return label(h.nature)
        if col is HandoutColumn.HANDED:
            return french_date(h.handed_at.astimezone().date())
        if col is HandoutColumn.DUE:
            return french_date(h.expected_return)
        return late_text(item, self.today)

    def sort_key(self, item: HandoutRow, column: int) -> Any:
        h = item.handout
        col = HandoutColumn(column)
        if col is HandoutColumn.HANDED:
            return h.handed_at.isoformat()
        if col is HandoutColumn.DUE:
            return (h.expected_return or date.max).toordinal()
        if col is HandoutColumn.LATE:
            return item.days_late(self.today)
        return self.display(item, column)


_LINE_RE = re.compile(r"^Ligne (\d+)\s*:\s*(.*)$", re.DOTALL)


class ImportErrorModel(RowTableModel[tuple[int | None, str]]):
    """The report of a CSV import: one row per problem, with its line number."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((tr("Ligne"), tr("Problème")), parent)

    def set_errors(self, errors: Sequence[str]) -> None:
        rows: list[tuple[int | None, str]] = []
        for message in errors:
            m = _LINE_RE.match(message)
            if m:
                text = m.group(2)
                rows.append((int(m.group(1)), text[:1].upper() + text[1:]))
            else:
                rows.append((None, message))
        self.set_rows(rows)

    def display(self, item: tuple[int | None, str], column: int) -> str:
        line, message = item
        if column == 0:
            return "" if line is None else str(line)
        return message

    def sort_key(self, item: tuple[int | None, str], column: int) -> Any:
        line, message = item
        return (line or 0) if column == 0 else message

    def tooltip(self, item: tuple[int | None, str], column: int) -> str | None:
        return item[1] if column == 1 else None

    def line_numbers(self) -> list[int]:
        return [line for line, _ in self._rows if line is not None]
