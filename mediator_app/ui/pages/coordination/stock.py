"""The *Matériel* tab: the département's inventory, loans, late returns and lines."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from uuid import UUID

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.enums import DeviceStatus
from mediator_app.core.errors import KnownError
from mediator_app.local_store.services.devices import LineCounts
from mediator_app.local_store.services.handouts import HandoutRow
from mediator_app.local_store.services.review import ReviewChoices
from mediator_app.ui.core_labels import label
from mediator_app.ui.models.review_table import (
    RowsTableModel,
    TableColumn,
    french_date,
)
from mediator_app.ui.pages.coordination.shared import (
    LINES_WITHIN_DAYS,
    STOCK_STATUSES,
    CoordinationBase,
    Figure,
    page_table,
    page_title,
)
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.french import number, plural


@dataclass(frozen=True)
class StockLoad:
    counts: dict[DeviceStatus, int]
    open_loans: tuple[HandoutRow, ...]
    overdue: tuple[HandoutRow, ...]
    lines: tuple[LineCounts, ...]
    structures: dict[UUID, str]


class StockTab(CoordinationBase):
    """Devices by status, open loans, overdue returns and connection lines by place."""

    _stock_generation = 0

    def _build_stock_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("stock_tab")
        scroll = QScrollArea(self)
        scroll.setObjectName("stock_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(page_title(self.tr("Inventaire du département"), tab, 1.2))
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        self._stock_figures: dict[DeviceStatus, Figure] = {}
        for n, status in enumerate(STOCK_STATUSES):
            fig = Figure(f"stock_{status.value}", label(status), tab)
            self._stock_figures[status] = fig
            grid.addWidget(fig, 0, n)
        layout.addLayout(grid)

        def devices(h: HandoutRow) -> str:
            return ", ".join(h.asset_tags)

        def place(h: HandoutRow) -> str:
            return self._structure_name(h.handout.structure_id)

        def handed(h: HandoutRow) -> str:
            return french_date(h.handout.handed_at.date())

        def due(h: HandoutRow) -> str:
            return french_date(h.handout.expected_return) or self.tr("non fixé")

        def due_key(h: HandoutRow) -> str:
            d = h.handout.expected_return
            return d.isoformat() if d else "9999"

        family = TableColumn(self.tr("Bénéficiaire"), lambda _h: self.tr("famille"))
        self.loans_model = RowsTableModel(
            (
                TableColumn(self.tr("Équipements"), devices),
                TableColumn(self.tr("Lieu"), place),
                TableColumn(
                    self.tr("Remis le"), handed, sort=lambda h: h.handout.handed_at.isoformat()
                ),
                TableColumn(self.tr("Retour prévu"), due, sort=due_key),
                family,
            ),
            self,
        )
        self.overdue_model = RowsTableModel(
            (
                TableColumn(self.tr("Équipements"), devices),
                TableColumn(self.tr("Lieu"), place),
                TableColumn(self.tr("Retour prévu"), due, sort=due_key),
                TableColumn(
                    self.tr("Retard"),
                    lambda h: plural(
                        h.days_late(self._today()), self.tr("{n} jour"), self.tr("{n} jours")
                    ),
                    sort=lambda h: h.days_late(self._today()),
                    numeric=True,
                ),
                family,
            ),
            self,
        )
        # Counts only: a line's number or SIM never reaches the coordination (the server
        # strips them), and a list of lines would say no more than these figures.
        self.lines_model = RowsTableModel(
            (
                TableColumn(self.tr("Lieu"), lambda c: self._structure_name(c.structure_id)),
                TableColumn(
                    self.tr("Actives"),
                    lambda c: number(c.active),
                    sort=lambda c: c.active,
                    numeric=True,
                ),
                TableColumn(
                    self.tr("Fin sous 30 jours"),
                    lambda c: number(c.ending_soon),
                    sort=lambda c: c.ending_soon,
                    numeric=True,
                ),
                TableColumn(
                    self.tr("Fin dépassée"),
                    lambda c: number(c.past_end),
                    sort=lambda c: c.past_end,
                    numeric=True,
                ),
            ),
            self,
        )
        self._stock_titles: dict[str, QLabel] = {}
        tables: list[QTableView] = []
        row = QHBoxLayout()
        for key, model, accessible in (
            ("overdue", self.overdue_model, self.tr("Retours en retard")),
            ("loans", self.loans_model, self.tr("Prêts en cours")),
            ("lines", self.lines_model, self.tr("Lignes de connexion par lieu")),
        ):
            box = QVBoxLayout()
            title = QLabel(accessible, tab)
            title.setObjectName(f"{key}_title_label")
            font = QFont(title.font())
            font.setBold(True)
            title.setFont(font)
            self._stock_titles[key] = title
            # The place is the longest text: it takes the room left.
            view = page_table(f"{key}_table", model, tab, accessible, (0 if key == "lines" else 1,))
            view.setMinimumHeight(160)
            title.setBuddy(view)
            box.addWidget(title)
            box.addWidget(view, 1)
            tables.append(view)
            if key == "lines":
                layout.addLayout(box, 1)
            else:
                row.addLayout(box, 1)
                if key == "loans":
                    layout.addLayout(row, 2)
        self._stock_message = QLabel(tab)
        self._stock_message.setObjectName("stock_message_label")
        self._stock_message.setWordWrap(True)
        self._stock_message.setText(
            self.tr(
                "Les noms des familles ne sont pas transmis à la coordination : les prêts "
                "apparaissent au nom de « famille »."
            )
        )
        layout.addWidget(self._stock_message)
        for a, b in itertools.pairwise(tables):
            QWidget.setTabOrder(a, b)
        scroll.setWidget(tab)
        return scroll

    def refresh_stock(self) -> None:
        """Read the stock of the page filter's département and structure (a stock is
        today's: the period does not apply)."""
        services = self._ctx.services
        today = self._today()
        view = self.view_filter.value()
        self._stock_generation += 1
        generation = self._stock_generation

        def load(_token: CancelToken) -> StockLoad:
            return StockLoad(
                counts=services.devices.status_counts(view),
                open_loans=services.handouts.open_loans(view),
                overdue=services.handouts.overdue(today, view),
                lines=services.devices.line_counts(LINES_WITHIN_DAYS, today, view),
                structures=dict(services.review.choices().structures),
            )

        def done(res: StockLoad) -> None:
            if generation == self._stock_generation:
                self._on_stock_loaded(res)

        self._ctx.runner.run(load, on_done=done, on_error=self._on_stock_failed)

    def _on_stock_loaded(self, res: StockLoad) -> None:
        for status, fig in self._stock_figures.items():
            fig.set_value(number(res.counts.get(status, 0)))
        if not self._choices.structures and res.structures:
            self._choices = ReviewChoices(self._choices.owners, tuple(res.structures.items()))
        self.loans_model.set_rows(res.open_loans)
        overdue = sorted(res.overdue, key=lambda h: -h.days_late(self._today()))
        self.overdue_model.set_rows(overdue)
        self.lines_model.set_rows(res.lines)
        self._stock_titles["loans"].setText(
            plural(
                len(res.open_loans), self.tr("Prêt en cours ({n})"), self.tr("Prêts en cours ({n})")
            )
        )
        self._stock_titles["overdue"].setText(
            plural(
                len(overdue),
                self.tr("⚠ Retour en retard ({n})"),
                self.tr("⚠ Retours en retard ({n})"),
            )
            if overdue
            else self.tr("Aucun retour en retard")
        )
        days = str(LINES_WITHIN_DAYS)
        soon = sum(c.ending_soon + c.past_end for c in res.lines)
        one = self.tr("Lignes de connexion : {n} se termine dans les {d} jours ou est échue")
        many = self.tr("Lignes de connexion : {n} se terminent dans les {d} jours ou sont échues")
        self._stock_titles["lines"].setText(
            plural(soon, one.replace("{d}", days), many.replace("{d}", days))
        )

    def _on_stock_failed(self, error: KnownError) -> None:
        self._stock_message.setText(f"⚠ {error.message}")
