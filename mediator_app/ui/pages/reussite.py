"""« Réussite Connectée »: the programme's collèges, their counts and their three meetings.

Shown to coordinators (a tab of Coordination) and to mediators (a tab of Matériel, where
hand-outs are made). Figures are read on the task runner (``ReussiteService``, see
docs/architecture.md « Réussite Connectée »); the rule « 1 atelier de formation + 2 cafés
des parents » is ``core.programme.college_meetings``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core import programme
from mediator_app.core.errors import KnownError
from mediator_app.local_store.services.programme import ProgrammeService
from mediator_app.local_store.services.reussite import (
    CollegeLine,
    ReussiteFigures,
    ReussiteService,
)
from mediator_app.ui.context import AppContext
from mediator_app.ui.models.review_table import RowsTableModel, TableColumn
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.labels import bold_label
from mediator_app.ui.widgets.tables import row_table


class ReussiteTab(QWidget):
    """The collèges of Réussite Connectée for a school year, with the rule's status."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reussite_tab")
        self._ctx = ctx
        self._svc = ReussiteService(ctx.store)
        self._generation = 0
        self.figures_shown: ReussiteFigures | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        top = QHBoxLayout()
        year_label = QLabel(self.tr("Année sc&olaire :"), self)
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("reussite_year_combo")
        # « 2025-2026 » whole, at any scale.
        self.year_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year_combo.setMinimumContentsLength(10)
        year_label.setBuddy(self.year_combo)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(year_label)
        top.addWidget(self.year_combo)
        top.addStretch(1)
        layout.addLayout(top)

        self.summary_label = bold_label("", self, 1.1)
        self.summary_label.setObjectName("reussite_summary_label")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.rule_label = QLabel(
            self.tr(
                "Dans chaque collège : 1 atelier de formation aux outils numériques du collège "
                "et 2 cafés des parents réalisés. Les ateliers comptés sont ceux dont l’école "
                "est le collège de l’élève."
            ),
            self,
        )
        self.rule_label.setWordWrap(True)
        layout.addWidget(self.rule_label)

        from mediator_app.ui.pages.coordination import Figure

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        self.figures: dict[str, Figure] = {}
        for n, (key, caption) in enumerate(
            (
                ("pupils", self.tr("élèves équipés")),
                ("colleges", self.tr("collèges")),
                ("complete", self.tr("collèges au complet")),
                ("devices", self.tr("équipements remis")),
                ("lines", self.tr("connexions (lignes)")),
                ("back", self.tr("rendus / perdus ou volés")),
            )
        ):
            fig = Figure(f"reussite_{key}", caption, self, reserve_detail=False)
            self.figures[key] = fig
            grid.addWidget(fig, 0, n)
        layout.addLayout(grid)

        self.model = RowsTableModel(
            (
                TableColumn(self.tr("Collège"), lambda c: c.name),
                TableColumn(self.tr("Commune"), lambda c: c.commune),
                TableColumn(self.tr("UAI"), lambda c: c.uai),
                self._count(self.tr("Élèves"), lambda c: c.pupils),
                self._count(self.tr("Matériel"), lambda c: c.devices),
                self._count(self.tr("Lignes"), lambda c: c.lines),
                self._count(self.tr("Rendus"), lambda c: c.returned),
                self._count(self.tr("Perdus"), lambda c: c.lost),
                self._count(self.tr("Ateliers"), lambda c: c.meetings.trainings),
                self._count(self.tr("Cafés"), lambda c: c.meetings.cafes),
                TableColumn(
                    self.tr("Rendez-vous"),
                    self.status_text,
                    sort=lambda c: (c.meetings.complete, -c.meetings.cafes_missing),
                ),
            ),
            self,
        )
        self.view: QTableView = row_table(
            "reussite_table", self.model, self, self.tr("Collèges Réussite Connectée")
        )
        header = self.view.horizontalHeader()
        # Figures sized to their contents; the collège's name and the status share the
        # rest, so the table never needs a horizontal scrollbar.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        self.view.setWordWrap(False)
        layout.addWidget(self.view, 1)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("reussite_message_label")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        self._load_years()

    def showEvent(self, event: QShowEvent) -> None:
        """Figures are re-read each time the tab is shown (hand-outs and syncs change them)."""
        super().showEvent(event)
        if self.year_combo.count():
            self.refresh()

    @staticmethod
    def _count(header: str, get: Callable[[CollegeLine], int]) -> TableColumn:
        return TableColumn(header, lambda c: str(get(c)), sort=get, numeric=True)

    def status_text(self, c: CollegeLine) -> str:
        """« Complet », « Manque 1 café des parents », … (the rule's status, translatable)."""
        m = c.meetings
        if m.complete:
            return self.tr("Complet")
        parts = []
        if m.trainings_missing:
            parts.append(
                (
                    self.tr("{n} atelier de formation")
                    if m.trainings_missing == 1
                    else self.tr("{n} ateliers de formation")
                ).replace("{n}", str(m.trainings_missing))
            )
        if m.cafes_missing:
            parts.append(
                (
                    self.tr("{n} café des parents")
                    if m.cafes_missing == 1
                    else self.tr("{n} cafés des parents")
                ).replace("{n}", str(m.cafes_missing))
            )
        return self.tr("Manque {missing}").replace("{missing}", self.tr(" et ").join(parts))

    def _load_years(self) -> None:
        def done(years: list[str]) -> None:
            current = programme.school_year_of(date.today())
            self.year_combo.blockSignals(True)
            self.year_combo.clear()
            for y in years:
                self.year_combo.addItem(y, y)
            self.year_combo.setCurrentIndex(max(self.year_combo.findData(current), 0))
            self.year_combo.blockSignals(False)
            self.refresh()

        store = self._ctx.store
        self._ctx.runner.run(lambda _t: ProgrammeService(store).school_years(), on_done=done)

    @property
    def school_year(self) -> str:
        return str(self.year_combo.currentData() or programme.school_year_of(date.today()))

    def refresh(self) -> None:
        year = self.school_year
        ident = self._ctx.store.identity
        dept = ident.department_code if ident.role == "coordinator" else None
        self._generation += 1
        generation = self._generation

        def load(token: CancelToken) -> ReussiteFigures:
            token.check()
            return self._svc.school_year(year, department_code=dept or None)

        def done(figures: ReussiteFigures) -> None:
            if generation == self._generation:
                self._show(figures)

        def failed(error: KnownError) -> None:
            self.message_label.setText(f"⚠ {error.message}")

        self._ctx.runner.run(load, on_done=done, on_error=failed)

    def _show(self, f: ReussiteFigures) -> None:
        self.figures_shown = f
        self.summary_label.setText(
            self.tr(
                "{p} élève(s) équipé(s) dans {c} collège(s) ; {k} collège(s) ont tenu leurs "
                "trois rendez-vous."
            )
            .replace("{p}", str(f.pupils))
            .replace("{c}", str(len(f.colleges)))
            .replace("{k}", str(f.complete))
        )
        self.figures["pupils"].set_value(str(f.pupils))
        self.figures["colleges"].set_value(str(len(f.colleges)))
        self.figures["complete"].set_value(f"{f.complete} / {len(f.colleges)}")
        self.figures["devices"].set_value(str(f.devices))
        self.figures["lines"].set_value(str(f.lines))
        self.figures["back"].set_value(f"{f.returned} / {f.lost}")
        self.model.set_rows(list(f.colleges))
        if not f.colleges:
            self.message_label.setText(
                self.tr(
                    "Aucune remise Réussite Connectée cette année scolaire. Lors d’une remise "
                    "ou d’un prêt, cochez « Réussite Connectée » et indiquez le collège de "
                    "l’élève."
                )
            )
        elif f.unplaced:
            self.message_label.setText(
                self.tr("⚠ {n} remise(s) sans collège connu de ce poste : synchronisez.").replace(
                    "{n}", str(f.unplaced)
                )
            )
        else:
            self.message_label.clear()
