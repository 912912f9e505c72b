"""The list views of the pages: read-only tables selected by whole rows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

__all__ = ["row_table"]


def row_table(
    name: str,
    model: QAbstractItemModel,
    parent: QWidget,
    accessible: str = "",
    *,
    multi: bool = False,
) -> QTableView:
    """A table over ``model`` (object name ``name``): whole rows selected, one at a time
    unless ``multi``, nothing edited in place, alternating rows, no row numbers."""
    view = QTableView(parent)
    view.setObjectName(name)
    if accessible:
        view.setAccessibleName(accessible)
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
