"""The shared table-model base (``mediator_app.ui.models.base``): paging and cell plumbing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from mediator_app.local_store.services.common import Page
from mediator_app.ui.models.base import ROW_ROLE, SORT_ROLE, PagedTableModel


class _Numbers(PagedTableModel[int]):
    numeric_columns = frozenset({1})

    def display(self, item: int, column: int) -> str:
        return f"n°{item}" if column == 0 else str(item * 10)

    def sort_key(self, item: int, column: int) -> Any:
        return item


def test_paged_model_loads_pages_and_stops_on_an_empty_one(qtmodeltester: ModelTester) -> None:
    asked: list[int] = []
    model = _Numbers(("Nom", "Valeur"), asked.append)
    model.set_page(Page(rows=(1, 2, 3), total=9, offset=0, limit=3))
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert asked == [3]
    assert not model.canFetchMore(QModelIndex())  # one page at a time
    model.append_page(Page(rows=(4, 5), total=9, offset=3, limit=3))
    assert model.rowCount() == 5 and model.total == 9
    model.fetchMore(QModelIndex())
    model.append_page(Page(rows=(), total=9, offset=5, limit=3))
    assert model.total == 5 and not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)

    assert model.index(1, 0).data() == "n°2"
    assert model.index(1, 0).data(Qt.ItemDataRole.AccessibleTextRole) == "n°2"
    assert model.index(1, 1).data(SORT_ROLE) == 2
    assert model.index(4, 0).data(ROW_ROLE) == 5
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Valeur"
    assert model.row_at(4) == 5 and model.row_at(5) is None
    assert model.find_row(lambda n: n == 4) == 3 and model.find_row(lambda n: n > 9) == -1
