"""The workshop list: a lazily paged table model over ``WorkshopService.list``.

Only the rows the view has scrolled to are in memory: the first page comes with the filter,
the next ones when the view asks (``canFetchMore``/``fetchMore``), each read on the task
runner's database thread. Every (re)load carries a generation number, so the answer of a
filter the user has since changed is dropped instead of shown.
"""

from __future__ import annotations

import logging
from enum import IntEnum
from typing import Any
from uuid import UUID

from PySide6.QtCore import QModelIndex, QObject, Signal

from mediator_app.core.enums import ReviewStatus, SyncState
from mediator_app.core.errors import KnownError
from mediator_app.local_store.services.common import Page
from mediator_app.local_store.services.workshops import (
    WorkshopFilter,
    WorkshopRow,
    WorkshopService,
)
from mediator_app.ui.core_labels import label, workshop_place
from mediator_app.ui.models.base import ROW_ROLE, SORT_ROLE, AnyIndex, RowTableModel
from mediator_app.ui.tasks import CancelToken, TaskRunner
from mediator_app.ui.widgets.french import number, places_text, plural, short_date, time_text

log = logging.getLogger(__name__)

__all__ = [
    "PAGE_SIZE",
    "ROW_ROLE",
    "SORT_ROLE",
    "WorkshopColumn",
    "WorkshopTableModel",
    "review_text",
    "sync_text",
]

PAGE_SIZE = 100


class WorkshopColumn(IntEnum):
    DATE = 0
    TIME = 1
    TITLE = 2
    FORMAT = 3
    PLACE = 4
    STATUS = 5
    PLACES = 6
    REGISTERED = 7
    PRESENT = 8
    REVIEW = 9
    SYNC = 10


def review_text(status: ReviewStatus) -> str:
    """The validation badge, as text (never colour alone)."""
    if status is ReviewStatus.NEEDS_CORRECTION:
        return "⚠ " + label(status).lower()
    if status is ReviewStatus.VALIDATED:
        return "✓ " + label(status).lower()
    return label(status).lower()


def sync_text(state: SyncState) -> str:
    """The per-record badge of DESIGN §4: saved locally / synced / needs attention."""
    prefix = {SyncState.LOCAL: "● ", SyncState.SYNCED: "✓ ", SyncState.CONFLICT: "⚠ "}
    return prefix.get(state, "") + label(state)


class WorkshopTableModel(RowTableModel[WorkshopRow]):
    """Workshops matching a filter, fetched page by page.

    Args:
        runner: where the reads run (the database thread; ``InlineRunner`` in tests).
        service: the workshop service.
        page_size: rows per SQL page.

    Signals:
        loaded(int): a (re)load finished and its rows are in the model; carries the total.
        failed(str): a read failed (French message).
    """

    loaded = Signal(int)
    failed = Signal(str)

    numeric_columns = frozenset({WorkshopColumn.REGISTERED, WorkshopColumn.PRESENT})

    def __init__(
        self,
        runner: TaskRunner,
        service: WorkshopService,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__((), parent)
        self._runner = runner
        self._service = service
        self._page_size = page_size
        self._total = 0
        self._filter = WorkshopFilter()
        self._newest_first = True
        self._generation = 0
        self._fetching = False
        self._place_names: dict[UUID, str] = {}
        self._headers = (  # in WorkshopColumn order
            self.tr("Date"),
            self.tr("Heure"),
            self.tr("Titre"),
            self.tr("Format"),
            self.tr("Lieu"),
            self.tr("Statut"),
            self.tr("Places"),
            self.tr("Inscrits"),
            self.tr("Présents"),
            self.tr("Validation"),
            self.tr("Synchro"),
        )

    # --- loading ----------------------------------------------------------------------

    @property
    def total(self) -> int:
        """How many workshops match the filter (not only the loaded ones)."""
        return self._total

    @property
    def current_filter(self) -> WorkshopFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._fetching

    def set_place_names(self, names: dict[UUID, str]) -> None:
        self._place_names = dict(names)
        self.column_changed(WorkshopColumn.PLACE)

    def set_filter(self, flt: WorkshopFilter, *, newest_first: bool = True) -> None:
        """Show the first page of ``flt``; the answer of any earlier filter is dropped."""
        self._filter = flt
        self._newest_first = newest_first
        self._load(self._page_size)

    def reload(self) -> None:
        """Read again what is shown (after a write), keeping as many rows as are loaded."""
        self._load(max(self._page_size, len(self._rows)))

    def _load(self, limit: int) -> None:
        self._generation += 1
        generation = self._generation
        self._fetching = True
        flt, newest, service = self._filter, self._newest_first, self._service

        def read(token: CancelToken) -> Page[WorkshopRow]:
            return service.list(flt, offset=0, limit=limit, newest_first=newest)

        self._runner.run(
            read,
            on_done=lambda page: self._on_first_page(generation, page),
            on_error=lambda error: self._on_read_failed(generation, error),
        )

    def _on_first_page(self, generation: int, page: Page[WorkshopRow]) -> None:
        if generation != self._generation:
            return  # a newer filter was set while this one was read
        self._fetching = False
        old_ids = [r.workshop.id for r in self._rows]
        new_ids = [r.workshop.id for r in page.rows]
        if old_ids and old_ids == new_ids:
            # Same rows in the same order (a reload after an edit): keep the selection.
            self._rows = list(page.rows)
            self._total = page.total
            self.rows_changed()
        else:
            self.beginResetModel()
            self._rows = list(page.rows)
            self._total = page.total
            self.endResetModel()
        self.loaded.emit(self._total)

    def _on_read_failed(self, generation: int, error: KnownError) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        log.info("workshop list read failed: %s", error.code)
        self.failed.emit(error.message)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid():
            return False
        return not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        offset = len(self._rows)
        flt, newest, service, limit = (
            self._filter,
            self._newest_first,
            self._service,
            self._page_size,
        )

        def read(token: CancelToken) -> Page[WorkshopRow]:
            return service.list(flt, offset=offset, limit=limit, newest_first=newest)

        self._runner.run(
            read,
            on_done=lambda page: self._on_next_page(generation, offset, page),
            on_error=lambda error: self._on_read_failed(generation, error),
        )

    def _on_next_page(self, generation: int, offset: int, page: Page[WorkshopRow]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._fetching = False
        self._total = page.total
        if not page.rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self.endInsertRows()

    # --- access ----------------------------------------------------------------------

    def row_of(self, workshop_id: UUID) -> int:
        """The row number of a loaded workshop, or -1."""
        return self.find_row(lambda r: r.workshop.id == workshop_id)

    # --- cells -----------------------------------------------------------------------

    def _place(self, row: WorkshopRow) -> str:
        w = row.workshop
        name = self._place_names.get(w.venue_structure_id, "") if w.venue_structure_id else ""
        return workshop_place(w.place_type, name, w.venue_address, w.commune)

    def display(self, row: WorkshopRow, column: int) -> str:
        column = WorkshopColumn(column)
        w = row.workshop
        if column is WorkshopColumn.DATE:
            return short_date(w.date)
        if column is WorkshopColumn.TIME:
            return time_text(w.start_time)
        if column is WorkshopColumn.TITLE:
            return w.title
        if column is WorkshopColumn.FORMAT:
            return label(w.format)
        if column is WorkshopColumn.PLACE:
            return self._place(row)
        if column is WorkshopColumn.STATUS:
            return label(w.status)
        if column is WorkshopColumn.PLACES:
            text = places_text(row)
            if row.waitlisted:
                text += f" (+{number(row.waitlisted)})"
            return text
        if column is WorkshopColumn.REGISTERED:
            return number(row.registered)
        if column is WorkshopColumn.PRESENT:
            if row.anonymous_total:
                return f"{number(row.present)} (+{number(row.anonymous_total)})"
            return number(row.present)
        if column is WorkshopColumn.REVIEW:
            return review_text(w.review_status)
        return sync_text(w.sync_state)

    def tooltip(self, row: WorkshopRow, column: int) -> str | None:
        column = WorkshopColumn(column)
        w = row.workshop
        if column is WorkshopColumn.PRESENT:
            return self.tr("{p} parent(s) identifié(s), {a} participant(s) anonyme(s)").format(
                p=number(row.present), a=number(row.anonymous_total)
            )
        if column is WorkshopColumn.REVIEW and w.review_comment:
            return w.review_comment
        if column is WorkshopColumn.PLACES and row.waitlisted:
            return plural(
                row.waitlisted,
                self.tr("{n} personne en liste d’attente"),
                self.tr("{n} personnes en liste d’attente"),
            )
        if column in (WorkshopColumn.TITLE, WorkshopColumn.PLACE, WorkshopColumn.SYNC):
            return self.display(row, column)
        return None

    def sort_key(self, row: WorkshopRow, column: int) -> Any:
        column = WorkshopColumn(column)
        w = row.workshop
        if column in (WorkshopColumn.DATE, WorkshopColumn.TIME):
            return f"{w.date.isoformat()} {time_text(w.start_time)}"
        if column is WorkshopColumn.PLACES:
            return -1 if row.places_left is None else row.places_left
        if column is WorkshopColumn.REGISTERED:
            return row.registered
        if column is WorkshopColumn.PRESENT:
            return row.present + row.anonymous_total
        return self.display(row, column)
