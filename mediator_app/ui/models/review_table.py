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

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from mediator_app.core.enums import ReviewStatus, label
from mediator_app.local_store.services.common import Page
from mediator_app.local_store.services.workshops import WorkshopRow

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

#: Review status shown with a symbol and a word, never by colour alone.
STATUS_SYMBOL = {
    ReviewStatus.TO_REVIEW: "○",
    ReviewStatus.NEEDS_CORRECTION: "⚠",
    ReviewStatus.VALIDATED: "✓",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReviewTableModel", text)


def review_status_text(status: ReviewStatus) -> str:
    """« ○ À vérifier », « ⚠ À corriger », « ✓ Validé »."""
    return f"{STATUS_SYMBOL[status]} {label(status)}"


def french_date(value: Any, fmt: str = "dd/MM/yyyy") -> str:
    """A ``date``/``datetime`` through the French locale ("" for None)."""
    if value is None:
        return ""
    locale = QLocale(QLocale.Language.French, QLocale.Country.France)
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


_REVIEW_HEADERS = {
    ReviewColumn.DATE: "Date",
    ReviewColumn.TITLE: "Atelier",
    ReviewColumn.FORMAT: "Format",
    ReviewColumn.MEDIATOR: "Médiateur·rice",
    ReviewColumn.STRUCTURE: "Lieu",
    ReviewColumn.PARTICIPANTS: "Participants",
    ReviewColumn.STATUS: "Vérification",
}


class ReviewTableModel(QAbstractTableModel):
    """The review queue: one row per workshop, loaded page by page.

    Args:
        structure_name: gives a place's name from its id ("" when unknown).
    """

    #: The view scrolled to the end: the page should load rows from this offset.
    more_requested = Signal(int)

    def __init__(
        self,
        structure_name: Callable[[UUID | None], str] = lambda _id: "",
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._rows: list[WorkshopRow] = []
        self._total = 0
        self._loading = False
        self._structure_name = structure_name

    # --- loading ----------------------------------------------------------------------

    def set_structure_names(self, structure_name: Callable[[UUID | None], str]) -> None:
        self._structure_name = structure_name
        if self._rows:
            self.dataChanged.emit(
                self.index(0, ReviewColumn.STRUCTURE),
                self.index(len(self._rows) - 1, ReviewColumn.STRUCTURE),
            )

    def set_page(self, page: Page[WorkshopRow]) -> None:
        """Replace the rows with the first page of a new query."""
        self.beginResetModel()
        self._rows = list(page.rows)
        self._total = page.total
        self._loading = False
        self.endResetModel()

    def append_page(self, page: Page[WorkshopRow]) -> None:
        """Add the next page (ignored if it does not follow the rows held)."""
        self._loading = False
        if page.offset != len(self._rows) or not page.rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self._total = page.total
        self.endInsertRows()

    def replace_row(self, new: WorkshopRow) -> int:
        """Put a re-read row in place (after validate / send back); returns its row or -1."""
        for n, old in enumerate(self._rows):
            if old.workshop.id == new.workshop.id:
                self._rows[n] = new
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(ReviewColumn) - 1))
                return n
        return -1

    @property
    def total(self) -> int:
        return self._total

    def row_at(self, row: int) -> WorkshopRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, workshop_id: UUID) -> int:
        for n, r in enumerate(self._rows):
            if r.workshop.id == workshop_id:
                return n
        return -1

    # --- Qt model API -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ReviewColumn)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self._loading = True
            self.more_requested.emit(len(self._rows))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(ReviewColumn)
        ):
            return _tr(_REVIEW_HEADERS[ReviewColumn(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        w = r.workshop
        col = ReviewColumn(index.column())
        if role == ROW_ROLE:
            return r
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col is ReviewColumn.DATE:
                return french_date(w.date)
            if col is ReviewColumn.TITLE:
                return w.title
            if col is ReviewColumn.FORMAT:
                return label(w.format)
            if col is ReviewColumn.MEDIATOR:
                return w.owner_name or _tr("(inconnu)")
            if col is ReviewColumn.STRUCTURE:
                return self._structure_name(w.structure_id) or w.commune
            if col is ReviewColumn.PARTICIPANTS:
                return QLocale().toString(r.present + r.anonymous_total)
            return review_status_text(w.review_status)
        if role == SORT_ROLE:
            if col is ReviewColumn.DATE:
                return w.date.isoformat()
            if col is ReviewColumn.PARTICIPANTS:
                return r.present + r.anonymous_total
            return str(self.data(index, Qt.ItemDataRole.DisplayRole)).casefold()
        if role == Qt.ItemDataRole.ToolTipRole and col is ReviewColumn.STATUS and w.review_comment:
            return w.review_comment
        if role == Qt.ItemDataRole.TextAlignmentRole and col is ReviewColumn.PARTICIPANTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


@dataclass(frozen=True)
class TableColumn:
    """One column of a ``RowsTableModel``: header, shown text, and an optional sort key."""

    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    numeric: bool = False


class RowsTableModel(QAbstractTableModel):
    """A read-only table over frozen rows (any objects), described by columns."""

    def __init__(self, columns: Sequence[TableColumn], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: tuple[Any, ...] = ()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def rows(self) -> tuple[Any, ...]:
        return self._rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self._columns)):
            return None
        row = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return col.text(row)
        if role == SORT_ROLE:
            return col.sort(row) if col.sort is not None else col.text(row).casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and col.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
