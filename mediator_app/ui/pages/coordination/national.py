"""The national view on the national team's dashboard: the dashboard's and the programme's figures
of each département side by side and the national total (``reports/national.py``), masked
like everywhere else (``core.masking``), with the PDF and XLSX exports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.errors import KnownError
from mediator_app.reports import national
from mediator_app.ui.context import AppContext
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.french import number
from mediator_app.ui.widgets.labels import bold_label
from mediator_app.ui.widgets.tables import row_table


def cell_text(v: int | float | str) -> str:
    """A figure in French: « 4,5 », « 1 234 », « < 5 »."""
    if isinstance(v, float):
        return f"{v:.1f}".replace(".", ",")
    return number(v) if isinstance(v, int) else v


class NationalSection(QWidget):
    """Each département's figures in a column, the national total last; on the national
    team's dashboard, for the dashboard's period (``period``)."""

    def __init__(
        self,
        ctx: AppContext,
        period: Callable[[], tuple[date | None, date | None]],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("national_section")
        self._ctx = ctx
        self._period = period
        self._token: CancelToken | None = None
        self._generation = 0
        self.figures: national.National | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        title = bold_label(self.tr("Par département"), self, 1.2)
        layout.addWidget(title)
        self.sentence = QLabel(self)
        self.sentence.setObjectName("national_sentence_label")
        self.sentence.setWordWrap(True)
        layout.addWidget(self.sentence)
        self.model = QStandardItemModel(self)
        self.view = row_table(
            "national_table", self.model, self, self.tr("Chiffres par département")
        )
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        title.setBuddy(self.view)
        layout.addWidget(self.view)
        self.message = QLabel(self)
        self.message.setObjectName("national_message_label")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        """Compute the figures of the chosen period on the database lane (cancellable)."""
        start, end = self._period()
        assert start is not None and end is not None
        if self._token is not None:
            self._token.cancel()
        if start > end:
            return  # the dashboard says it
        store = self._ctx.store
        self._generation += 1
        generation = self._generation
        self.message.setText(self.tr("Calcul en cours…"))

        def load(token: CancelToken) -> national.National:
            token.check()
            return national.national(store, start, end)

        self._token = self._ctx.runner.run(
            load,
            on_done=lambda n: self._on_loaded(generation, n),
            on_error=lambda e: self._on_failed(generation, e),
        )

    def cell(self, row: int, column: int) -> str:
        """The text shown at ``row``, ``column`` (tests and screen readers)."""
        return self.model.item(row, column).text()

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()
        self._generation += 1
        self._token = None

    def _on_loaded(self, generation: int, n: national.National) -> None:
        if generation != self._generation:
            return
        self._token = None
        self.figures = n
        threshold = self._ctx.small_count_threshold
        lines = (*n.lines, n.total)
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [self.tr("Indicateur")]
            + [line.title if line.code else self.tr("Total national") for line in lines]
        )
        for key, label in national.columns():
            row = [QStandardItem(label)]
            for line in lines:
                item = QStandardItem(cell_text(national.shown_value(line, key, threshold)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                row.append(item)
            self.model.appendRow(row)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(lines) + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Every row shows: the dashboard's page scrolls, not the table.
        rows_height = sum(self.view.rowHeight(r) for r in range(self.model.rowCount()))
        self.view.setFixedHeight(header.height() + rows_height + 2 * self.view.frameWidth() + 2)
        self.sentence.setText(n.total.coverage.sentence)
        self.message.setText(
            self.tr("Les effectifs inférieurs à {n} sont masqués (« < {n} »).").replace(
                "{n}", str(threshold)
            )
            if n.lines
            else self.tr("Aucun département dans les données de ce poste.")
        )

    def _on_failed(self, generation: int, error: KnownError) -> None:
        if generation != self._generation:
            return
        self._token = None
        self.message.setText(f"⚠ {error.message}")
