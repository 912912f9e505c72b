"""The Participants directory as a table model, paged in SQL.

``PagedTableModel`` is the shared base of the paged lists (participants, devices): it holds
the rows loaded so far and the total count; ``fetchMore`` asks its ``fetch_page`` callback
for the next page (the page runs the service call on the task runner and hands the result
back with ``append_page``), so scrolling down never queries on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from mediator_app.core.enums import label
from mediator_app.core.validation import format_phone
from mediator_app.local_store.services.common import Page
from mediator_app.local_store.services.participants import ParticipantRow

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)


def tr(text: str) -> str:
    # The empty context: the one pyside6-lupdate gives a bare ``tr("…")`` call (make i18n).
    return QCoreApplication.translate("", text)


def french_date(day: date | None, fmt: str = "dd/MM/yyyy") -> str:
    """A date as French people write it, through QLocale (never strftime in the UI)."""
    if day is None:
        return ""
    return FRENCH.toString(QDate(day.year, day.month, day.day), fmt)


class PagedTableModel(QAbstractTableModel, Generic[T]):
    """Frozen rows loaded page by page; subclasses say how a cell reads.

    Args:
        headers: column titles, in column order.
        fetch_page: called with the offset of the next page when the view scrolls near
            the end; it must eventually call ``append_page`` (or nothing, on error).
    """

    def __init__(
        self,
        headers: Sequence[str],
        fetch_page: Callable[[int], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._rows: list[T] = []
        self._total = 0
        self._loading = False
        self.fetch_page = fetch_page

    # --- loading --------------------------------------------------------------------

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

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rows(self) -> tuple[T, ...]:
        return tuple(self._rows)

    # --- Qt model -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self.fetch_page is None:
            return False
        return not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self.fetch_page is None:
            return
        self._loading = True
        self.fetch_page(len(self._rows))

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
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == ROW_ROLE:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.display(item, index.column())
        if role == SORT_ROLE:
            return self.sort_key(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, index.column())
        return None

    # --- per model ------------------------------------------------------------------

    def display(self, item: T, column: int) -> str:
        raise NotImplementedError

    def sort_key(self, item: T, column: int) -> Any:
        return self.display(item, column)

    def tooltip(self, item: T, column: int) -> str | None:
        return None


class ParticipantColumn(IntEnum):
    NAME = 0
    PHONE = 1
    COMMUNE = 2
    LAST_CONTACT = 3
    CONSENT = 4
    BADGE = 5


def consent_text(row: ParticipantRow) -> str:
    p = row.participant
    if p.consent_date is None:
        return tr("Non recueilli")
    day = french_date(p.consent_date)
    if p.consent_mode is None:
        return tr("Oui, le {day}").format(day=day)
    return tr("Oui ({how}), le {day}").format(how=label(p.consent_mode).lower(), day=day)


def display_name(row: ParticipantRow) -> str:
    p = row.participant
    if p.anonymised:
        return tr("Personne anonymisée")
    return f"{p.last_name.upper()} {p.first_name}".strip()


class ParticipantTableModel(PagedTableModel[ParticipantRow]):
    """The Parents directory: name, phone, commune, last contact, consent, badge."""

    def __init__(
        self, fetch_page: Callable[[int], None] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(
            (
                tr("Nom"),
                tr("Téléphone"),
                tr("Commune"),
                tr("Dernier contact"),
                tr("Consentement"),
                tr("Fiche"),
            ),
            fetch_page,
            parent,
        )

    def display(self, item: ParticipantRow, column: int) -> str:
        p = item.participant
        col = ParticipantColumn(column)
        if col is ParticipantColumn.NAME:
            return display_name(item)
        if col is ParticipantColumn.PHONE:
            return format_phone(p.phone) or (p.email or "")
        if col is ParticipantColumn.COMMUNE:
            return p.commune
        if col is ParticipantColumn.LAST_CONTACT:
            return french_date(p.last_contact_at)
        if col is ParticipantColumn.CONSENT:
            return consent_text(item)
        badges = []
        if p.anonymised:
            badges.append(tr("« anonymisé »"))
        if p.parent_resource:
            badges.append(tr("Parent Ressource"))
        return " · ".join(badges)

    def sort_key(self, item: ParticipantRow, column: int) -> Any:
        if ParticipantColumn(column) is ParticipantColumn.LAST_CONTACT:
            return (item.participant.last_contact_at or date.min).toordinal()
        return self.display(item, column).casefold()

    def tooltip(self, item: ParticipantRow, column: int) -> str | None:
        n = item.attended
        if n == 0:
            return tr("Aucun atelier suivi")
        if n == 1:
            return tr("1 atelier suivi")
        return tr("{n} ateliers suivis").format(n=n)
