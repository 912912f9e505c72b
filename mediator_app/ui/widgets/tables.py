"""The list views of the pages: read-only tables selected by whole rows, sortable by a
click on a header (``SortProxy``: the view shows the proxy's rows, so a row number of the
view is mapped to the row model with ``source_row`` before acting on it).

Column widths are declared here too (``fit_columns``): the columns holding a free text (a
title, a place, a name) stretch and share the room; every other column is as wide as its
contents, up to ``CONTENT_MAX_CHARS`` characters, so a short figure never takes the room of
a title and the table never needs a horizontal scrollbar on a 1366 px screen. When the
room is still short (a narrow window, a detail panel beside the list), the table's
``optional`` columns — what its detail panel shows anyway — are hidden first, so the
free-text columns keep ``TEXT_MIN`` pixels each."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView, QWidget

from mediator_app.ui.models.base import SortProxy

__all__ = ["CONTENT_MAX_CHARS", "TEXT_MIN", "fit_columns", "row_table", "source_row", "view_row"]

#: The widest a column sized to its contents gets, in average characters: a date, a status
#: or a count fits; a longer text is cut with « … » (its whole text is in the tooltip or the
#: detail panel), so it never pushes the stretched columns off the screen.
CONTENT_MAX_CHARS = 22
#: The least a stretched column is given before an optional column is hidden, in pixels.
TEXT_MIN = 210
#: Room either side of a cell's text (the style's margins), in pixels.
_PADDING = 14


def row_table(
    name: str,
    model: QAbstractItemModel,
    parent: QWidget,
    accessible: str = "",
    *,
    multi: bool = False,
    sortable: bool = False,
    stretch: Collection[int] = (),
    optional: Sequence[int] = (),
    max_chars: int = CONTENT_MAX_CHARS,
) -> QTableView:
    """A table over ``model`` (object name ``name``): whole rows selected, one at a time
    unless ``multi``, nothing edited in place, alternating rows, no row numbers; with
    ``sortable``, a click on a header sorts (the service's order until then); with
    ``stretch``, those columns share the room, the others fit their contents and the
    ``optional`` ones give way when the room is short (``fit_columns``, ``max_chars``)."""
    view = QTableView(parent)
    view.setObjectName(name)
    if accessible:
        view.setAccessibleName(accessible)
    if sortable:
        proxy = SortProxy(model, view)
        proxy.setObjectName(f"{name}_sort")
        view.setModel(proxy)
        # No indicator: the rows keep the order the service gave until a header is clicked.
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.horizontalHeader().setSortIndicatorClearable(True)
    else:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    if stretch:
        fit_columns(view, stretch, optional=optional, max_chars=max_chars)
    return view


def fit_columns(
    view: QTableView | QTreeView,
    stretch: Collection[int],
    *,
    optional: Sequence[int] = (),
    max_chars: int = CONTENT_MAX_CHARS,
) -> None:
    """Size the columns of ``view``: the ``stretch`` columns (title, place, name) share the
    width left; every other column fits its header and contents, at most ``max_chars``
    average characters wide. Qt re-fits them when rows arrive, so a page loaded later (or
    a longer status) still shows whole; the cap keeps the free-text columns their room.
    The ``optional`` columns, in the order given, are hidden while the view is too narrow
    to give each stretched column ``TEXT_MIN`` pixels, and come back when it widens."""
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    fm = view.fontMetrics()
    header.setStretchLastSection(False)
    header.setHighlightSections(False)
    # The cap applies to the fitted columns only: Qt never limits a stretched one by it.
    header.setMaximumSectionSize(fm.averageCharWidth() * max_chars + _PADDING)
    header.setMinimumSectionSize(fm.horizontalAdvance("0000") + _PADDING)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    if isinstance(view, QTableView):
        view.setWordWrap(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    if optional:
        _OptionalColumns(view, header, len(stretch), optional)


class _OptionalColumns(QObject):
    """Hides a view's optional columns while its width is short (see ``fit_columns``):
    re-decided after a resize and when rows arrive, on the next turn of the event loop."""

    def __init__(
        self,
        view: QTableView | QTreeView,
        header: QHeaderView,
        stretched: int,
        optional: Sequence[int],
    ) -> None:
        super().__init__(view)
        self._view = view
        self._header = header
        self._stretched = stretched
        self._optional = tuple(optional)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.update)
        view.installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
            signal.connect(self._timer.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._timer.start()
        return False

    def _wanted(self, column: int) -> int:
        """The width ``column`` fits in: its header or its widest cell, capped."""
        header = self._header
        contents = max(header.sectionSizeHint(column), self._view.sizeHintForColumn(column))
        return min(contents, header.maximumSectionSize())

    def update(self) -> None:
        header = self._header
        room = self._view.viewport().width()
        # The scrollbar's width too: hiding columns must not depend on whether it shows.
        if not self._view.verticalScrollBar().isVisible():
            room -= self._view.verticalScrollBar().sizeHint().width()
        fitted = [
            c
            for c in range(header.count())
            if header.sectionResizeMode(c) is not QHeaderView.ResizeMode.Stretch
        ]
        # Each column measured once (Qt asks the model for every visible cell's roles).
        wanted = {c: self._wanted(c) for c in fitted}
        needed = self._stretched * TEXT_MIN + sum(wanted.values())
        for column in self._optional:
            hide = needed > room
            if hide:
                needed -= wanted[column] if column in wanted else self._wanted(column)
            if header.isSectionHidden(column) != hide:
                header.setSectionHidden(column, hide)


def source_row(view: QTableView, index: QModelIndex | QPersistentModelIndex) -> int:
    """The row model's row of a view index (-1 if invalid), sorted or not."""
    if not index.isValid():
        return -1
    model = view.model()
    if isinstance(model, SortProxy):
        return model.mapToSource(model.index(index.row(), index.column())).row()
    return index.row()


def view_row(view: QTableView, row: int) -> int:
    """The view's row showing the row model's ``row`` (-1 if not shown)."""
    model = view.model()
    if isinstance(model, SortProxy):
        source = model.sourceModel()
        return model.mapFromSource(source.index(row, 0)).row()
    return row
