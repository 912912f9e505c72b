"""The list views of the pages: read-only tables selected by whole rows, sortable by a
click on a header (``SortProxy``: the view shows the proxy's rows, so a row number of the
view is mapped to the row model with ``source_row`` before acting on it)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from mediator_app.ui.models.base import SortProxy

__all__ = ["row_table", "source_row", "view_row"]


def row_table(
    name: str,
    model: QAbstractItemModel,
    parent: QWidget,
    accessible: str = "",
    *,
    multi: bool = False,
    sortable: bool = False,
) -> QTableView:
    """A table over ``model`` (object name ``name``): whole rows selected, one at a time
    unless ``multi``, nothing edited in place, alternating rows, no row numbers; with
    ``sortable``, a click on a header sorts (the service's order until then)."""
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
    return view


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
