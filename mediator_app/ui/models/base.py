"""The shared plumbing of the UI's table models.

``RowTableModel`` is a read-only table over frozen rows: it answers ``rowCount``,
``columnCount``, ``headerData``, ``flags`` and the ``ROW_ROLE`` of ``data``; a subclass says
how a cell reads (``display``, ``sort_key``, ``tooltip``, or ``cell`` for other roles) and
which columns are numbers (right-aligned). ``PagedTableModel`` adds the rows loaded page by
page: ``fetchMore`` asks its ``fetch_page`` callback for the next page (the page runs the
service call on the task runner and hands the result back with ``append_page``), so
scrolling down never queries on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCollator,
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTime,
)

from mediator_app.local_store.services.common import Page
from mediator_app.ui.i18n import ui_locale

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)

_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def tr(text: str) -> str:
    # The empty context: the one pyside6-lupdate gives a bare ``tr("…")`` call (make i18n).
    return QCoreApplication.translate("", text)


def french_date(day: date | None, fmt: str = "dd/MM/yyyy") -> str:
    """A date through the interface's locale (never strftime in the UI): French, or the
    chosen language's month and day names."""
    if day is None:
        return ""
    return ui_locale().toString(QDate(day.year, day.month, day.day), fmt)


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Frozen rows shown read-only in columns; subclasses say how a cell reads.

    Args:
        headers: column titles, in column order (already translated).
    """

    #: Columns holding numbers: right-aligned.
    numeric_columns: frozenset[int] = frozenset()

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._rows: list[T] = []

    # --- rows -------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[T]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> tuple[T, ...]:
        return tuple(self._rows)

    def row_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find_row(self, match: Callable[[T], bool]) -> int:
        """The number of the first loaded row ``match`` accepts, or -1."""
        for n, item in enumerate(self._rows):
            if match(item):
                return n
        return -1

    def rows_changed(self, first: int = 0, last: int | None = None) -> None:
        """Repaint rows ``first`` to ``last`` (default: to the end), every column."""
        last = len(self._rows) - 1 if last is None else last
        if 0 <= first <= last:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._headers) - 1))

    def column_changed(self, column: int) -> None:
        """Repaint one column of every row (its text depends on something outside the row)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    # --- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks for every role of every visible cell: two calls into Qt, not five (an
        # invalid index is at row and column -1).
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(self._headers)):
            return None
        item = self._rows[row]
        if role == ROW_ROLE:
            return item
        return self.cell(item, column, role)

    # --- per model --------------------------------------------------------------------

    def cell(self, item: T, column: int, role: int) -> Any:
        """What a cell holds for ``role``; override for roles beyond text, sort, tooltip."""
        if role in _TEXT_ROLES:
            return self.display(item, column)
        if role == SORT_ROLE:
            return self.sort_key(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.numeric_columns:
            return _RIGHT
        return None

    def display(self, item: T, column: int) -> str:
        raise NotImplementedError

    def sort_key(self, item: T, column: int) -> Any:
        return self.display(item, column)

    def tooltip(self, item: T, column: int) -> str | None:
        return None


class PagedTableModel(RowTableModel[T]):
    """Frozen rows loaded page by page.

    Args:
        headers: column titles, in column order.
        fetch_page: called with the offset of the next page when the view scrolls near
            the end; it must eventually call ``append_page`` (or ``loading_failed``).
    """

    def __init__(
        self,
        headers: Sequence[str],
        fetch_page: Callable[[int], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(headers, parent)
        self._total = 0
        self._loading = False
        self.fetch_page = fetch_page

    def set_page(self, page: Page[T]) -> None:
        """Replace everything with a first page."""
        self.beginResetModel()
        self._rows = list(page.rows)
        self._total = max(page.total, len(self._rows))
        self._loading = False
        self.endResetModel()

    def append_page(self, page: Page[T]) -> None:
        """Add the next page (ignored if it does not follow what is loaded)."""
        self._loading = False
        if page.offset != len(self._rows):
            return
        self._total = max(page.total, len(self._rows) + len(page.rows))
        if not page.rows:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self.endInsertRows()

    def loading_failed(self) -> None:
        self._loading = False

    @property
    def total(self) -> int:
        """How many rows match, loaded or not."""
        return self._total

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or not self.pages_can_be_requested():
            return False
        return not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._loading = True
        self.request_page(len(self._rows))

    def pages_can_be_requested(self) -> bool:
        return self.fetch_page is not None

    def request_page(self, offset: int) -> None:
        """Ask for the rows from ``offset`` (the answer comes through ``append_page``)."""
        if self.fetch_page is not None:
            self.fetch_page(offset)


def _sort_value(value: Any) -> Any:
    """QDate and QTime (what Qt may hand back for a date) as Python values."""
    if isinstance(value, QDate | QTime | QDateTime):
        return value.toPython()
    return value


def sort_less(left: Any, right: Any, collator: QCollator) -> bool:
    """The order of two sort keys: empty first, then numbers as numbers, dates and times
    as such, text the French way (accents and case ignored, « 2 » before « 10 »)."""
    a, b = _sort_value(left), _sort_value(right)
    if a is None or a == "":
        return not (b is None or b == "")
    if b is None or b == "":
        return False
    if isinstance(a, str) and isinstance(b, str):
        return collator.compare(a, b) < 0
    try:
        return bool(a < b)
    except TypeError:  # mixed kinds: compare as text, never crash on a click
        return collator.compare(str(a), str(b)) < 0


def french_collator() -> QCollator:
    collator = QCollator(FRENCH)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    collator.setNumericMode(True)
    return collator


class SortProxy(QSortFilterProxyModel):
    """Sorts a row model when a header is clicked, by its ``SORT_ROLE`` (``sort_key``):
    dates and numbers as such, names with QCollator in French. Until a header is clicked
    the rows keep the service's order. Views show the proxy's rows: map an index with
    ``mapToSource`` before asking the row model (``ROW_ROLE`` passes through as is)."""

    def __init__(self, source: QAbstractItemModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self._collator = french_collator()

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        return sort_less(left.data(SORT_ROLE), right.data(SORT_ROLE), self._collator)
