"""Table models of the Coordination screens.

``ReviewTableModel``: the review queue, paged in SQL (``canFetchMore`` / ``fetchMore`` ask
the page for the next page, which arrives through the task runner). ``RowsTableModel``: a
read-only table over a tuple of frozen rows described by ``TableColumn``s (sync health,
loans, connectivity lines).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any
from uuid import UUID

from PySide6.QtCore import QDate, QLocale, Qt, Signal

from mediator_app.core.enums import ReviewStatus
from mediator_app.local_store.services.workshops import WorkshopRow
from mediator_app.ui.core_labels import label
from mediator_app.ui.i18n import ui_locale
from mediator_app.ui.models.base import ROW_ROLE, SORT_ROLE, PagedTableModel, RowTableModel

__all__ = [
    "ROW_ROLE",
    "SORT_ROLE",
    "STATUS_SYMBOL",
    "ReviewColumn",
    "ReviewTableModel",
    "RowsTableModel",
    "TableColumn",
    "french_date",
    "review_status_text",
]

# Review status shown with a symbol and a word, never by colour alone.
STATUS_SYMBOL = {
    ReviewStatus.TO_REVIEW: "○",
    ReviewStatus.NEEDS_CORRECTION: "⚠",
    ReviewStatus.VALIDATED: "✓",
}


def review_status_text(status: ReviewStatus) -> str:
    """« ○ À vérifier », « ⚠ À corriger », « ✓ Validé »."""
    return f"{STATUS_SYMBOL[status]} {label(status)}"


def french_date(value: Any, fmt: str = "dd/MM/yyyy") -> str:
    """A ``date``/``datetime`` through the interface's locale ("" for None)."""
    if value is None:
        return ""
    locale = ui_locale()
    if hasattr(value, "hour"):
        from PySide6.QtCore import QDateTime

        return locale.toString(QDateTime(value).toLocalTime(), fmt + " HH:mm")
    return locale.toString(QDate(value.year, value.month, value.day), fmt)


class ReviewColumn(IntEnum):
    DATE = 0
    TITLE = 1
    FORMAT = 2
    MEDIATOR = 3
    STRUCTURE = 4
    PARTICIPANTS = 5
    STATUS = 6


class ReviewTableModel(PagedTableModel[WorkshopRow]):
    """The review queue: one row per workshop, loaded page by page.

    Args:
        structure_name: gives a place's name from its id ("" when unknown).
    """

    # The view scrolled to the end: the page should load rows from this offset.
    more_requested = Signal(int)

    numeric_columns = frozenset({ReviewColumn.PARTICIPANTS})

    def __init__(
        self,
        structure_name: Callable[[UUID | None], str] = lambda _id: "",
        parent: Any = None,
    ) -> None:
        super().__init__((), None, parent)
        self._headers = (  # in ReviewColumn order
            self.tr("Date"),
            self.tr("Atelier"),
            self.tr("Format"),
            self.tr("Médiateur·rice"),
            self.tr("Lieu"),
            self.tr("Participants"),
            self.tr("Vérification"),
        )
        self._structure_name = structure_name

    def pages_can_be_requested(self) -> bool:
        return True

    def request_page(self, offset: int) -> None:
        self.more_requested.emit(offset)

    def set_structure_names(self, structure_name: Callable[[UUID | None], str]) -> None:
        self._structure_name = structure_name
        self.column_changed(ReviewColumn.STRUCTURE)

    def replace_row(self, new: WorkshopRow) -> int:
        """Put a re-read row in place (after validate / send back); returns its row or -1."""
        n = self.row_of(new.workshop.id)
        if n >= 0:
            self._rows[n] = new
            self.rows_changed(n, n)
        return n

    def row_of(self, workshop_id: UUID) -> int:
        return self.find_row(lambda r: r.workshop.id == workshop_id)

    def display(self, item: WorkshopRow, column: int) -> str:
        w = item.workshop
        col = ReviewColumn(column)
        if col is ReviewColumn.DATE:
            return french_date(w.date)
        if col is ReviewColumn.TITLE:
            return w.title
        if col is ReviewColumn.FORMAT:
            return label(w.format)
        if col is ReviewColumn.MEDIATOR:
            return w.owner_name or self.tr("(inconnu)")
        if col is ReviewColumn.STRUCTURE:
            return self._structure_name(w.organizer_structure_id) or w.commune
        if col is ReviewColumn.PARTICIPANTS:
            return QLocale().toString(item.present + item.anonymous_total)
        return review_status_text(w.review_status)

    def sort_key(self, item: WorkshopRow, column: int) -> Any:
        col = ReviewColumn(column)
        if col is ReviewColumn.DATE:
            return item.workshop.date.isoformat()
        if col is ReviewColumn.PARTICIPANTS:
            return item.present + item.anonymous_total
        return self.display(item, column).casefold()

    def tooltip(self, item: WorkshopRow, column: int) -> str | None:
        if column == ReviewColumn.STATUS and item.workshop.review_comment:
            return item.workshop.review_comment
        return None


@dataclass(frozen=True)
class TableColumn:
    """One column of a ``RowsTableModel``: header, shown text, and an optional sort key."""

    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    numeric: bool = False
    #: The cell's icon (``DecorationRole``), e.g. a status marker.
    decoration: Callable[[Any], Any] | None = None


class RowsTableModel(RowTableModel[Any]):
    """A read-only table over frozen rows (any objects), described by columns."""

    def __init__(self, columns: Sequence[TableColumn], parent: Any = None) -> None:
        super().__init__([c.header for c in columns], parent)
        self._columns = tuple(columns)
        self.numeric_columns = frozenset(n for n, c in enumerate(self._columns) if c.numeric)

    def display(self, item: Any, column: int) -> str:
        return self._columns[column].text(item)

    def cell(self, item: Any, column: int, role: int) -> Any:
        decoration = self._columns[column].decoration
        if role == Qt.ItemDataRole.DecorationRole and decoration is not None:
            return decoration(item)
        return super().cell(item, column, role)

    def sort_key(self, item: Any, column: int) -> Any:
        sort = self._columns[column].sort
        return sort(item) if sort is not None else self.display(item, column).casefold()
